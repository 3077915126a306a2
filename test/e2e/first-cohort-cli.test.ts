import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { type LiveSystem, startLive } from '../../local/live.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The Work Programme's first cohort (referrals from June 2011, memo 115's first WPER2s from w/c 27 May 2013),
 * entered as staff enter it: `npx wp case refer` against the running system, and `npx wp deadline`.
 */
describe('the first cohort through the CLI', () => {
  let dir: string;
  let live: LiveSystem;
  const wp = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await run('node', ['bin/wp.mjs', ...args], { cwd: root });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const failed = err as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const refer = (nino: string, referralDate: string) =>
    wp(
      'case',
      'refer',
      '--nino',
      nino,
      '--referral-date',
      referralDate,
      '--caseworker',
      'caseworker@provider.example',
      '--http-port',
      String(live.httpPort),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wp-first-cohort-'));
    live = await startLive({
      dataDir: dir,
      config: demoProviderConfig,
      smtpPort: 0,
      httpPort: 0,
      clock: new VirtualClock('2013-05-27T09:00:00Z'),
    });
  });
  afterAll(async () => {
    await live?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('wp case refer --referral-date 2011-06-20 opens the case, its request expected on Mon 3 Jun 2013', async () => {
    const result = await refer('JT310201A', '2011-06-20');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { caseId, created } = JSON.parse(result.stdout) as { caseId: string; created: boolean };
    expect(created).toBe(true);
    const { record } = await live.system.exitReports.get(caseId);
    expect(record.stage).toBe('awaiting-request');
    expect(record.deadlines.requestExpected.due).toBe('2013-06-03');
    expect(record.deadlines.programmeEnd.due).toBe('2013-06-17');
    // Working days after the programme end are counted on the 2013 holidays (no "outside the data").
    expect(record.deadlines.noRequestAlert?.due).toMatch(/^2013-06-/);
  }, 60_000);

  it('refuses a referral before 1 June 2011 with that reason', async () => {
    const result = await refer('JT310202A', '2011-05-31');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      'wp: The referral date 2011-05-31 is before the Work Programme began: it took its first referrals on Wed 1 Jun 2011.',
    );
  }, 60_000);

  it('refuses a referral the calendar cannot count yet naming the date typed, not a date derived from it', async () => {
    const result = await refer('JT310203A', '2027-06-20');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^wp: The referral date 2027-06-20 is too late for the England and Wales bank-holiday data, which covers 2011-01-01 to 2027-12-31/,
    );
    expect(result.stderr).not.toMatch(/2029-\d\d-\d\d/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  }, 60_000);

  it('wp deadline request-expected --from 2011-06-20 counts 714 calendar days', async () => {
    const result = await wp('deadline', 'request-expected', '--from', '2011-06-20');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Due Mon 3 Jun 2013 \(2013-06-03\)/);
    expect(result.stdout).toContain('Referral date Mon 20 Jun 2011 + 714 calendar days (102 weeks) = Mon 3 Jun 2013');
  }, 60_000);

  it('wp deadline exit-report counts over the Royal wedding of 29 April 2011', async () => {
    const result = await wp('deadline', 'exit-report', '--from', '2011-04-28');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Due Fri 13 May 2011 /);
    expect(result.stdout).toContain('Skipped Fri 29 Apr 2011 (Royal wedding)');
  }, 60_000);
});
