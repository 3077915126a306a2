import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseTable } from '../../adapters/store/case-table.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { simulate } from '../../local/cli/commands/simulate.ts';
import { register as registerStatus } from '../../local/cli/commands/status.ts';
import { type LiveSystem, startLive } from '../../local/live.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import type { LocalFunction } from '../../local/runtime/step-functions.ts';
import { participant } from '../workflows/harness.ts';

/**
 * Every page the live local server serves itself (`GET /status.html`, `GET /status`, `POST /staff-action`; any
 * other request goes to the staff console, which asks a visitor without a session to sign in; test/console has its pages),
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
    const res = await fetch(url('/status.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<h1>Exit Reports</h1>');
    expect(html).toContain('Wed 17 Dec 2025');
    expect(html).toContain('awaiting the request');
    expect(html).toContain('no report sent yet');
    expect(html).not.toContain('n/a');
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

  it('hands anything else to the staff console, which asks a visitor without a session to sign in', async () => {
    for (const [path, method] of [
      ['/', 'GET'],
      ['/nothing-here', 'GET'],
      ['/status', 'DELETE'],
    ] as const) {
      const res = await fetch(url(path), { method, redirect: 'manual' });
      expect([302, 303, 401]).toContain(res.status);
      const signIn = await fetch(url(path), { method });
      expect(signIn.status).toBe(401);
      expect(await signIn.text()).toContain('Sign in');
    }
  });

  it('answers 500 when a page fails, and stays up', async () => {
    scansFail = true;
    try {
      const page = await fetch(url('/status.html'));
      expect(page.status).toBe(500);
      expect(await page.text()).toContain('Internal error');
      expect((await fetch(url('/status'))).status).toBe(500);
    } finally {
      scansFail = false;
    }
    expect(log.some((line) => line.includes('GET /status.html failed: TypeError: forced scan failure'))).toBe(true);
    // The same server answers the next request.
    expect((await fetch(url('/status.html'))).status).toBe(200);
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
    const html = await (await fetch(url('/status.html'))).text();
    expect(html).toContain('1 failed execution</strong>');
  });
});

/** What a command writes to stdout while `run` runs (the CLI's own code, in this process). */
async function stdoutOf(run: () => Promise<unknown>): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('what a newcomer sees (issue 17 item 7)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the figures across a restart: `wp status` shows them after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wp-live-figures-'));
    dirs.push(dir);
    const options = { dataDir: dir, config: demoProviderConfig, smtpPort: 0, httpPort: 0 };
    const clock = new VirtualClock('2025-12-17T10:05:00Z');
    const first = await startLive({ ...options, clock });
    // A real WPER2E over SMTP: the handler counts it (and flags the participant nobody referred).
    const transport = createTransport({ host: '127.0.0.1', port: first.smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      envelope: { from: 'district-spoc.north@jcp.example', to: ['exit-reports@provider.example'] },
      raw: [
        'From: North District SPoC <district-spoc.north@jcp.example>',
        'To: exit-reports@provider.example',
        'Subject: Work Programme Exit Report Request',
        'Date: Wed, 17 Dec 2025 10:00:00 +0000',
        'Message-ID: <figures-1@jcp.example>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Work Programme Provider Exit Report Request - Electronic WPER2E',
        '',
        'Provider Name: Avanta\tDistrict/Jobcentre: North District',
        'Request Date: 17/12/2025\tReport Return Deadline: 02/01/2026',
        'Return email address: district-spoc.north@jcp.example',
        '',
        '\tNiNo\tBenefit Type\tEnd Date\tJobcentre',
        '1\tAB 12 34 56 C\tJSA\t31/12/2025\tNorthtown',
        '',
      ].join('\r\n'),
    });
    transport.close();
    await first.inboundDrained();
    await clock.settle();
    const before = first.system.figures.snapshot();
    expect(before.InboundMailAccepted).toBe(1);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    await first.stop();

    const second = await startLive({ ...options, clock: new VirtualClock('2025-12-17T11:00:00Z') });
    try {
      for (const [name, value] of Object.entries(before)) {
        expect(second.system.figures.snapshot()[name], name).toBeGreaterThanOrEqual(value);
      }
      const program = new Command('wp');
      registerStatus(program);
      const out = await stdoutOf(() =>
        program.parseAsync(['status', '--http-port', String(second.httpPort)], { from: 'user' }),
      );
      expect(out).toContain('As of Wed 17 Dec 2025 11:00 Europe/London (GMT)');
      expect(out).toContain('InboundMailAccepted 1');
      expect(out).not.toContain('Figures: none yet');
    } finally {
      await second.stop();
    }
  });

  it('reports the demo progress in words, and each run starts from a clean folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wp-live-demo-'));
    dirs.push(dir);
    const scenario = join(dir, 'tiny.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        name: 'tiny',
        start: '2024-01-08T08:00:00Z',
        end: '2026-06-01T00:00:00Z',
        participants: [
          {
            ref: 'p01',
            nino: 'WP100001A',
            referralDate: '2024-01-09',
            division: 'england-and-wales',
            scr: false,
            caseworkerEmail: 'caseworker@provider.example',
          },
        ],
      }),
    );
    const run = () => simulate(scenario, { data: dir, quiet: true, progress: true });
    const first = await run();
    const outbox = join(dir, 'simulations', 'tiny', 'outbox');
    expect(readdirSync(outbox).length).toBe(first.report.mailSent);
    const progress = await stdoutOf(run);
    // Month by month in words: 'Jan 2024  awaiting the request 1', no internal stage names.
    const lines = progress.trim().split('\n');
    expect(lines[0]).toBe('Jan 2024  awaiting the request 1');
    for (const line of lines) {
      expect(line).toMatch(/^[A-Z][a-z]{2} \d{4} {2}/);
      expect(line).not.toMatch(/awaiting-request|report-due|closed:/);
    }
    // The second run's outbox holds its own messages only, not those of both runs.
    expect(first.report.mailSent).toBeGreaterThan(0);
    expect(readdirSync(outbox).length).toBe(first.report.mailSent);
  });
});

const CHROMIUM = '/usr/bin/chromium';

/** A free loopback port (asked of the kernel, then released for the server under test). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// .ci/run installs Chromium where it is absent (apt-get install chromium); a machine without it skips this one.
describe.skipIf(!existsSync(CHROMIUM))('npm start, then the status page in Chromium', () => {
  it('shows the page, and the system keeps running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wp-live-browser-'));
    const [httpPort, smtpPort] = [await freePort(), await freePort()];
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const wp = spawn(
      process.execPath,
      [
        'bin/wp.mjs',
        'start',
        '--no-demo',
        '--http-port',
        String(httpPort),
        '--smtp-port',
        String(smtpPort),
        '--data',
        dir,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => wp.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        wp.stdout.on('data', (d) => {
          out += String(d);
          if (out.includes('Live system running')) resolve();
        });
        exited.then((code) => reject(new Error(`npm start ended (${code}) before serving: ${out}`)));
      });
      const { stdout: dom } = await promisify(execFile)(
        CHROMIUM,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          `--user-data-dir=${join(dir, 'chromium')}`,
          '--dump-dom',
          `http://127.0.0.1:${httpPort}/status.html`,
        ],
        { timeout: 60_000 },
      );
      expect(dom).toContain('<h1>Exit Reports</h1>');
      expect(dom).toContain('Key figures');
      // Still up after the browser's visit (and its favicon request): the page and /status answer again.
      expect(wp.exitCode).toBeNull();
      expect((await fetch(`http://127.0.0.1:${httpPort}/status.html`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${httpPort}/status`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${httpPort}/`)).status).toBe(401);
    } finally {
      wp.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
