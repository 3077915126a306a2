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
import { wpInProcess } from '../support/wp-in-process.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The Work Programme's first cohort (referrals from June 2011, memo 115's first WPER2s from w/c 27 May 2013),
 * entered as staff enter it: `npx wp case refer` against the running system, and `npx wp deadline`.
 */
describe('the first cohort through the CLI', () => {
  let dir: string;
  let live: LiveSystem;
  type Run = (...args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;
  /** The real command, bin/wp.mjs in its own node process: once in this suite, to show the bin itself works. */
  const wpProcess: Run = async (...args) => {
    try {
      const { stdout, stderr } = await run('node', ['bin/wp.mjs', ...args], { cwd: root });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const failed = err as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  /** The same CLI run in this process (test/support/wp-in-process.ts), without a node+tsx start-up per command. */
  const wp: Run = async (...args) => {
    const { status, stdout, stderr } = await wpInProcess(args);
    return { code: status, stdout, stderr };
  };
  const refer = (nino: string, referralDate: string, ...more: string[]) => referWith(wp, nino, referralDate, ...more);
  const referWith = (cli: Run, nino: string, referralDate: string, ...more: string[]) =>
    cli(
      'case',
      'refer',
      '--nino',
      nino,
      '--referral-date',
      referralDate,
      '--caseworker',
      'caseworker@provider.example',
      ...more,
      '--http-port',
      String(live.httpPort),
    );
  const stageOf = async (caseId: string, wanted: string) => {
    // The staff action has been answered; the execution applies the event on its own turn.
    let stage = '';
    for (let i = 0; i < 200 && stage !== wanted; i++) {
      stage = (await live.system.exitReports.get(caseId)).record.stage;
      if (stage !== wanted) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return stage;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wp-first-cohort-'));
    live = await startLive({
      dataDir: dir,
      config: demoProviderConfig,
      smtpPort: 0,
      httpPort: 0,
      clock: new VirtualClock('2013-06-03T09:00:00Z'),
    });
  });
  afterAll(async () => {
    await live?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('wp case refer --referral-date 2011-06-20 opens the case, its request expected on Mon 3 Jun 2013 (bin/wp.mjs in its own process)', async () => {
    const result = await referWith(wpProcess, 'JT310201A', '2011-06-20');
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

  it('an SCR participant of the first cohort: wp case clerical-request records the paper WPER2, wp case post-package prints the manifest and closes it', async () => {
    const referred = await refer('JT310204A', '2011-06-20', '--scr');
    expect(referred.code).toBe(0);
    const { caseId } = JSON.parse(referred.stdout) as { caseId: string };
    const port = String(live.httpPort);
    // Wait until the case's execution is waiting (its wake token saved) before the next staff action. A command run
    // in this process follows the referral within milliseconds; an event enqueued while the execution's first step
    // is saving makes that save lose its optimistic lock, and the step's retry (1 s, Retry in workflows/asl.ts)
    // waits on this test's virtual clock, which nothing advances. Advancing the clock a minute carries the case on
    // (tried: report-due every time); on the real clock the retry runs after a second.
    for (let i = 0; i < 200 && !(await live.system.exitReports.get(caseId)).wakeToken; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await live.system.exitReports.get(caseId)).wakeToken).toBeTruthy();
    const recorded = await wp(
      'case',
      'clerical-request',
      '--nino',
      'JT310204A',
      '--request-date',
      '2013-06-03',
      '--deadline',
      '2013-06-14',
      '--district',
      'West Yorkshire',
      '--return-address',
      'Nominated Officer, Jobcentre Plus, 1 Example Street, Leeds LS1 1AA',
      '--by',
      'nominated-officer@provider.example',
      '--http-port',
      port,
    );
    expect(recorded.stderr).toBe('');
    expect(JSON.parse(recorded.stdout)).toMatchObject({ caseId, duplicate: false });
    expect(await stageOf(caseId, 'report-due')).toBe('report-due');
    const { record } = await live.system.exitReports.get(caseId);
    expect(record.request).toMatchObject({ form: 'WPER2', requestDate: '2013-06-03', printedDeadline: '2013-06-14' });
    expect(record.deadlines.exitReport?.due).toBe('2013-06-14');

    const posted = await wp(
      'case',
      'post-package',
      '--district',
      'West Yorkshire',
      '--return-address',
      'Nominated Officer, Jobcentre Plus, 1 Example Street, Leeds LS1 1AA',
      '--date',
      '2013-06-03',
      '--by',
      'nominated-officer@provider.example',
      '--nino',
      'JT310204A',
      '--http-port',
      port,
    );
    expect(posted.stderr).toBe('');
    expect(posted.code).toBe(0);
    // The manifest, for a person to print: where it goes, when it arrives, what is in it.
    expect(posted.stdout).toMatch(/^Work Programme Exit Reports — package PKG-2013-06-03-[0-9A-F]{8}\n/);
    expect(posted.stdout).toContain(
      'To: West Yorkshire, Nominated Officer, Jobcentre Plus, 1 Example Street, Leeds LS1 1AA',
    );
    expect(posted.stdout).toContain('Sent first class post on Mon 3 Jun 2013; expected to arrive Tue 4 Jun 2013.');
    expect(posted.stdout).toMatch(/ 1\. ER-[0-9A-F]{8} {2}JT310204A {2}SCR participant\n$/);
    expect(await stageOf(caseId, 'closed')).toBe('closed');
    expect((await live.system.exitReports.get(caseId)).record.report).toMatchObject({
      route: 'clerical',
      onTime: true,
      posting: { expectedArrival: '2013-06-04' },
    });
  }, 60_000);

  it('wp case clerical-request for a first-cohort participant who is not SCR: taken before emailRequestsFrom (memo 115); a wrong one refused in one line', async () => {
    const referred = await refer('JT310205A', '2011-06-21');
    expect(referred.code).toBe(0);
    const { caseId } = JSON.parse(referred.stdout) as { caseId: string };
    // As above: the next staff action once the execution is waiting.
    for (let i = 0; i < 200 && !(await live.system.exitReports.get(caseId)).wakeToken; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const clerical = (requestDate: string) =>
      wp(
        'case',
        'clerical-request',
        '--nino',
        'JT310205A',
        '--request-date',
        requestDate,
        '--deadline',
        '2013-06-14',
        '--district',
        'West Yorkshire',
        '--return-address',
        'Leeds LS1 1AA',
        '--by',
        'nominated-officer@provider.example',
        '--http-port',
        String(live.httpPort),
      );
    const refused = await clerical('2013-06-04');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^wp: The request date 2013-06-04 is after today \(Mon 3 Jun 2013\)/);
    expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
    // The demo provider began the email process on 4 Nov 2013: a WPER2 of June 2013 came by post, for anyone.
    const recorded = await clerical('2013-06-03');
    expect(recorded.stderr).toBe('');
    expect(await stageOf(caseId, 'report-due')).toBe('report-due');
    expect((await live.system.exitReports.get(caseId)).record.request).toMatchObject({ form: 'WPER2' });
  }, 60_000);
});
