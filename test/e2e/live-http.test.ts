import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseTable } from '../../adapters/store/case-table.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { type LiveSystem, startLive } from '../../local/live.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import type { LocalFunction } from '../../local/runtime/step-functions.ts';
import { participant } from '../workflows/harness.ts';

/**
 * Every page the live local server serves (`GET /`, `GET /status`, `POST /staff-action`, anything else 404),
 * requested over real HTTP; a handler that throws answers 500 and the server keeps answering; an execution that
 * fails is reported in the log, on the status page and in the live state.
 */
describe('the live system over HTTP', () => {
  let dir: string;
  let live: LiveSystem;
  let clock: VirtualClock;
  const log: string[] = [];
  /** Switched on by a test: every scan of the store fails (as a corrupt store or a bug would). */
  let scansFail = false;
  /** Switched on by a test: the Exit Report step throws a bug (not a transient error). */
  let stepFails = false;

  const failingScans = (table: CaseTable): CaseTable =>
    Object.assign(Object.create(table) as CaseTable, {
      scan: (filter: Parameters<CaseTable['scan']>[0]) => {
        if (scansFail) throw new TypeError('forced scan failure');
        return table.scan(filter);
      },
    });
  const failingStep =
    (id: string, fn: LocalFunction): LocalFunction =>
    async (input) => {
      if (stepFails && id === 'exit-report-step') throw new TypeError('forced step failure for AB123456C');
      return fn(input);
    };

  const url = (path: string) => `http://127.0.0.1:${live.httpPort}${path}`;
  const staffAction = (body: unknown) =>
    fetch(url('/staff-action'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wp-live-http-'));
    clock = new VirtualClock('2025-12-17T10:05:00Z');
    live = await startLive({
      dataDir: dir,
      config: demoProviderConfig,
      smtpPort: 0,
      httpPort: 0,
      clock,
      log: (line) => log.push(line),
      wrapStorage: failingScans,
      wrapFunction: failingStep,
    });
  });

  afterAll(async () => {
    await live?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a staff action, and refuses a bad one with 400 and the reason', async () => {
    const referred = await staffAction({ action: 'refer', participant: participant({ nino: 'AB123456C' }) });
    expect(referred.status).toBe(200);
    expect(((await referred.json()) as { caseId: string }).caseId).toMatch(/\S/);
    await clock.settle();

    const bad = await staffAction({ action: 'refer', participant: { nino: 'nonsense' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/nino/i);
    const notJson = await staffAction('{not json');
    expect(notJson.status).toBe(400);
  });

  it('serves the status page as HTML, with dates as people write them', async () => {
    const res = await fetch(url('/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<h1>Exit Reports</h1>');
    expect(html).toContain('Wed 17 Dec 2025');
    expect(html).toContain('awaiting the request');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(html).not.toContain('AB123456C');
  });

  it('serves /status as JSON for `wp status`', async () => {
    const res = await fetch(url('/status'));
    expect(res.status).toBe(200);
    const status = (await res.json()) as { stages: Record<string, number>; failedExecutions: { count: number } };
    expect(status.stages['awaiting-request']).toBe(1);
    expect(status.failedExecutions.count).toBe(0);
  });

  it('answers 404 for anything else', async () => {
    expect((await fetch(url('/nothing-here'))).status).toBe(404);
    expect((await fetch(url('/status'), { method: 'DELETE' })).status).toBe(404);
  });

  it('answers 500 when a page fails, and stays up', async () => {
    scansFail = true;
    try {
      const page = await fetch(url('/'));
      expect(page.status).toBe(500);
      expect(await page.text()).toContain('Internal error');
      expect((await fetch(url('/status'))).status).toBe(500);
    } finally {
      scansFail = false;
    }
    expect(log.some((line) => line.includes('GET / failed: TypeError: forced scan failure'))).toBe(true);
    // The same server answers the next request.
    expect((await fetch(url('/'))).status).toBe(200);
    expect((await fetch(url('/status'))).status).toBe(200);
  });

  it('reports a failed execution in the log, on the status page and in the live state', async () => {
    stepFails = true;
    try {
      const res = await staffAction({ action: 'refer', participant: participant({ nino: 'CE654321A' }) });
      expect(res.status).toBe(200);
      await clock.settle();
    } finally {
      stepFails = false;
    }
    const [failure, ...others] = live.failedExecutions();
    expect(others).toHaveLength(0);
    expect(failure).toMatchObject({ workflow: 'wp-exit-report', error: 'TypeError' });
    // Causes are kept with NINOs masked, in the log too.
    expect(failure?.cause).not.toContain('AB123456C');
    const line = log.find((l) => l.startsWith(`execution ${failure?.name}`));
    expect(line).toContain('failed: TypeError');
    expect(log.join('\n')).not.toContain('AB123456C');
    const status = (await (await fetch(url('/status'))).json()) as { failedExecutions: { count: number } };
    expect(status.failedExecutions.count).toBe(1);
    const html = await (await fetch(url('/'))).text();
    expect(html).toContain('1 failed execution</strong>');
  });
});
