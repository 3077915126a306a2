import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { informationSessionRecordKind } from '../../functions/commons/processes/information-session.ts';
import { type LiveSystem, startLive } from '../../local/live.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { wpInProcess } from '../support/wp-in-process.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const csv = fileURLToPath(new URL('../fixtures/information-session/prap-referrals.csv', import.meta.url));

/** `wp referrals`, `wp session`, `wp visits` and `wp visit` against the running local system, as staff use them. */
describe('wp referrals / wp session against the running system', () => {
  let dir: string;
  let live: LiveSystem;
  // In this process (test/support/wp-in-process.ts): the real CLI, without a node+tsx start-up per command.
  const wp = async (...args: string[]) => {
    const { status, stdout, stderr } = await wpInProcess([...args, '--http-port', String(live.httpPort)]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wp-referrals-'));
    live = await startLive({
      dataDir: dir,
      config: demoProviderConfig,
      smtpPort: 0,
      httpPort: 0,
      clock: new VirtualClock('2024-05-23T09:00:00Z'),
    });
  });
  afterAll(async () => {
    await live?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the PRaP export once: readable rows opened, the repeat row and a second import change nothing', async () => {
    const first = await wp('referrals', 'import', csv);
    const rejected = first.rejected as Array<{ row: number; reason: string }>;
    // Rows 7 (a TN temporary reference, not a NINO), 8 (31 February), 9 (not an Information Session referral)
    // and 11 (row 2 again, in the same file) are reported, not guessed; the other six open a case each.
    expect(rejected.map((r) => r.row).sort((a, b) => a - b)).toEqual([7, 8, 9, 11]);
    expect(first.opened).toBe(6);
    expect(first.repeated).toBe(0);
    for (const r of rejected) expect(r.reason).not.toMatch(/JT31010[78]/);

    const second = await wp('referrals', 'import', csv);
    expect(second).toMatchObject({ opened: 0, repeated: 6 });
  }, 60_000);

  it('records an outcome by NINO: the latest Information Session case of the participant', async () => {
    const result = await wp(
      'session',
      'outcome',
      '--nino',
      'JT310105A',
      '--date',
      '2024-05-23',
      '--did-not-attend',
      '--by',
      'sessions@provider.example',
    );
    expect(result).toMatchObject({ duplicate: false, eventId: 'outcome:2024-05-23:did-not-attend' });
    const records = live.system.cases.recordsOf(informationSessionRecordKind);
    let stage = '';
    for (let i = 0; i < 100 && stage !== 'did-not-attend'; i++) {
      stage = (await records.get(String(result.caseId))).record.stage;
      if (stage !== 'did-not-attend') await new Promise((r) => setTimeout(r, 50));
    }
    expect(stage).toBe('did-not-attend');
  }, 60_000);

  it('wp visits import opens each CMO visit once; wp visit evidence records against it', async () => {
    const visitsCsv = fileURLToPath(new URL('../fixtures/compliance/cmo-visits.csv', import.meta.url));
    const first = await wp('visits', 'import', visitsCsv);
    expect(first.opened).toBeGreaterThanOrEqual(1);
    expect((await wp('visits', 'import', visitsCsv)).opened).toBe(0);
    const evidence = await wp(
      'visit',
      'evidence',
      '--visit',
      'V-2014-031',
      '--ref',
      'ESF2a-031-01',
      '--note',
      'Signed Action Plan found in the paper file',
    );
    expect(evidence).toMatchObject({ duplicate: false });
    expect(String(evidence.caseId)).toMatch(/^cv-/);
  }, 60_000);

  it('wp status shows each process by stage, beside the Exit Report caseload (bin/wp.mjs in its own process)', async () => {
    const { stdout } = await run('node', ['bin/wp.mjs', 'status', '--json', '--http-port', String(live.httpPort)], {
      cwd: root,
    });
    const status = JSON.parse(stdout) as { processes: Record<string, Record<string, number>> };
    const sessions = Object.values(status.processes['information-session'] ?? {}).reduce((a, b) => a + b, 0);
    expect(sessions).toBe(6);
    expect(status.processes.compliance).toBeDefined();
    // The schedule opened the current month's MI return when the system started.
    expect(status.processes['mi-return']).toEqual({ collecting: 1 });
  }, 60_000);
});
