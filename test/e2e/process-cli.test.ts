import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { complianceRecordKind } from '../../functions/commons/processes/compliance.ts';
import { informationSessionRecordKind } from '../../functions/commons/processes/information-session.ts';
import { type LiveSystem, startLive } from '../../local/live.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { wpInProcess } from '../support/wp-in-process.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * The three processes' dates as staff type them, through `npx wp` against the running local system on Wed 2 Dec
 * 2026: day-first dates accepted everywhere, impossible dates refused in one plain line, facts dated before their
 * case refused with both dates, imports refusing rows dated after today the same way, a wholly rejected file a
 * failure.
 */
describe('dates staff type, through npx wp', () => {
  let dir: string;
  let live: LiveSystem;
  const clock = new VirtualClock('2026-12-02T10:00:00Z');
  /** The real command, bin/wp.mjs in its own node process: once in this suite, to show the bin itself works. */
  const runProcess = (args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(process.execPath, ['bin/wp.mjs', ...args], { cwd: root }, (error, stdout, stderr) => {
        resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  /** The same CLI run in this process (test/support/wp-in-process.ts), without a node+tsx start-up per command. */
  const run = (args: string[]): Promise<Run> => wpInProcess(args);
  /** A command against the running system. */
  const wp = (...args: string[]) => run([...args, '--http-port', String(live.httpPort)]);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  /** A refusal: non-zero, nothing on stdout, one line on stderr. */
  const refused = (run: Run) => {
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/"code"|"path"|\[\s*\{/);
    return run.stderr.trim();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wp-process-cli-'));
    live = await startLive({
      dataDir: dir,
      config: demoProviderConfig,
      smtpPort: 0,
      httpPort: 0,
      clock,
    });
  });
  afterAll(async () => {
    await live?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a referral date typed the British way, and refuses a bad NINO in one plain line (bin/wp.mjs in its own process)', async () => {
    const added = await wp(
      'referrals',
      'add',
      '--nino',
      'AB123456C',
      '--referral-date',
      '27/11/2026',
      '--mandation',
      'voluntary',
    );
    expect(added.status).toBe(0);
    const { caseId } = JSON.parse(added.stdout) as { caseId: string };
    const { record } = await live.system.cases.recordsOf(informationSessionRecordKind).get(caseId);
    expect(record.referral.referralDate).toBe('2026-11-27');

    // This refusal through bin/wp.mjs in its own process: the exit code and the one line as a shell sees them.
    const badNino = refused(
      await runProcess([
        'referrals',
        'add',
        '--nino',
        'AB12345',
        '--referral-date',
        '27/11/2026',
        '--mandation',
        'voluntary',
        '--http-port',
        String(live.httpPort),
      ]),
    );
    expect(badNino).toMatch(/^wp: --nino: /);
  }, 60_000);

  it('npx wp case refer and deadline take --referral-date 27/03/2023 as typed; a bad NINO is one plain line', async () => {
    const refer = (nino: string, date: string) =>
      wp('case', 'refer', '--nino', nino, '--referral-date', date, '--caseworker', 'cw@provider.example');
    const referred = await refer('JT310111C', '27/03/2023');
    expect(referred.status).toBe(0);
    expect(JSON.parse(referred.stdout)).toMatchObject({ created: true });
    expect(refused(await refer('JT31011', '27/03/2023'))).toMatch(/^wp: --nino: /);
    expect(refused(await refer('JT310112D', '31/02/2023'))).toBe(
      'wp: --referral-date: the date "31/02/2023" is not a real date: February 2023 has 28 days',
    );
    const deadline = await run(['deadline', 'request-expected', '--from', '27/03/2023']);
    expect(deadline.status).toBe(0);
    expect(deadline.stdout).toContain('Referral date Mon 27 Mar 2023 + 714 calendar days');
  }, 60_000);

  it('refuses an impossible date and an outcome dated before the referral, each with its reason', async () => {
    const outcome = (date: string) =>
      wp('session', 'outcome', '--nino', 'AB123456C', '--date', date, '--attended', '--by', 'is@provider.example');
    expect(refused(await outcome('2026-02-31'))).toBe(
      'wp: --date: the date "2026-02-31" is not a real date: February 2026 has 28 days',
    );
    expect(refused(await outcome('20/11/2026'))).toBe(
      'wp: The session date Fri 20 Nov 2026 is before the referral date (Fri 27 Nov 2026).',
    );
    expect(refused(await outcome('03/12/2026'))).toBe(
      'wp: The session date Thu 3 Dec 2026 is after today (Wed 2 Dec 2026).',
    );
    const held = await outcome('01/12/2026');
    expect(held.status).toBe(0);
    expect(JSON.parse(held.stdout)).toMatchObject({ eventId: 'outcome:2026-12-01:attended' });
  }, 60_000);

  it('records a WP11 that came on paper; a cancellation before day 21 is kept but answered as not acted on', async () => {
    const added = await wp(
      'referrals',
      'add',
      '--nino',
      'CE100001A',
      '--referral-date',
      '25/11/2026',
      '--mandation',
      'voluntary',
    );
    const { caseId } = JSON.parse(added.stdout) as { caseId: string };
    const wp11 = await wp(
      'session',
      'wp11',
      '--nino',
      'CE100001A',
      '--date',
      '02/12/2026',
      '--by',
      'is@provider.example',
    );
    expect(wp11.status).toBe(0);
    expect(JSON.parse(wp11.stdout)).toMatchObject({ eventId: 'wp11:paper:2026-12-02', duplicate: false });
    await clock.settle();
    const records = live.system.cases.recordsOf(informationSessionRecordKind);
    expect((await records.get(caseId)).record.stage).toBe('attachment-due');

    const early = await wp(
      'session',
      'prap-cancelled',
      '--nino',
      'CE100001A',
      '--date',
      '02/12/2026',
      '--by',
      'is@provider.example',
    );
    expect(early.status).toBe(3);
    expect(early.stdout).toBe('');
    expect(early.stderr.trim().split('\n')).toHaveLength(1);
    expect(early.stderr).toMatch(
      /^wp: recorded but not acted on: A PRaP cancellation on Wed 2 Dec 2026 was recorded before it was due: .*Where the referral stands: a WP11 was received; attachment to the Work Programme referral is due by the end of /,
    );
    await clock.settle();
    const { record } = await records.get(caseId);
    expect(record.stage).toBe('attachment-due');
    expect(record.audit.some((a) => a.flag && /PRaP cancellation/.test(a.detail ?? ''))).toBe(true);
  }, 60_000);

  it('refuses referrals dated after today on import, and a file with nothing readable exits non-zero', async () => {
    const header = 'NINO,Referral Date,Action Plan Annotation,ESA Group,Division,SCR,Caseworker';
    const row = (nino: string, date: string) =>
      `${nino},${date},Work Programme Information Session-Voluntary,,England and Wales,N,`;
    const imported = await wp(
      'referrals',
      'import',
      file(
        'referrals.csv',
        [header, row('JT310101A', '30/11/2026'), row('JT310102B', '10/12/2026'), row('JT310103C', '2026-12-11')].join(
          '\n',
        ),
      ),
    );
    expect(imported.status).toBe(0);
    const answer = JSON.parse(imported.stdout) as { opened: number; rejected: Array<{ row: number; reason: string }> };
    expect(answer.opened).toBe(1);
    expect(answer.rejected).toEqual([
      {
        row: 3,
        reason:
          'JT****02B: the referral date Thu 10 Dec 2026 is after today (Wed 2 Dec 2026): a referral is imported once it is made.',
      },
      {
        row: 4,
        reason:
          'JT****03C: the referral date Fri 11 Dec 2026 is after today (Wed 2 Dec 2026): a referral is imported once it is made.',
      },
    ]);

    const nothing = refused(
      await wp('referrals', 'import', file('future.csv', [header, row('JT310104D', '10/12/2026')].join('\n'))),
    );
    expect(nothing).toMatch(
      /^wp: Nothing was imported from the referrals file: row 2: JT\*\*\*\*04D: the referral date/,
    );
    const noColumn = refused(await wp('referrals', 'import', file('no-date.csv', 'NINO,Caseworker\nJT310105A,\n')));
    expect(noColumn).toMatch(
      /^wp: Nothing was imported from the referrals file: row 1: The header has no Referral Date, Action Plan Annotation column/,
    );
  }, 60_000);

  it('CMO visits: a UK date imported, an impossible or early ESF3 date refused, a future visit refused', async () => {
    const header = 'Visit reference,Contract,Division,Visit date,Visit end time,ESF2a reference,NINO,Issue';
    const imported = await wp(
      'visits',
      'import',
      file(
        'visits.csv',
        [
          header,
          'V-2026-11,CPA 99 Example North,England and Wales,30/11/2026,15:00,ESF2a-01,,Attendance sheet missing',
          'V-2026-12,CPA 99 Example North,England and Wales,04/12/2026,15:00,ESF2a-01,,Not yet visited',
        ].join('\n'),
      ),
    );
    expect(imported.status).toBe(0);
    const answer = JSON.parse(imported.stdout) as {
      visits: Array<{ caseId: string }>;
      rejected: Array<{ row: number; reason: string }>;
    };
    expect(answer.rejected).toEqual([
      {
        row: 3,
        reason:
          'the visit date Fri 4 Dec 2026 is after today (Wed 2 Dec 2026): a visit is imported once it has happened',
      },
    ]);
    const { record } = await live.system.cases.recordsOf(complianceRecordKind).get(answer.visits[0]?.caseId as string);
    expect(record.visit.visitDate).toBe('2026-11-30');

    expect(refused(await wp('visit', 'esf3', '--visit', 'V-2026-11', '--date', '2026-02-31'))).toBe(
      'wp: --date: the date "2026-02-31" is not a real date: February 2026 has 28 days',
    );
    expect(refused(await wp('visit', 'esf3', '--visit', 'V-2026-11', '--date', '29/11/2026'))).toBe(
      'wp: The ESF3 received date Sun 29 Nov 2026 is before the CMO visit (Mon 30 Nov 2026).',
    );
    const esf3 = await wp('visit', 'esf3', '--visit', 'V-2026-11', '--date', '01/12/2026');
    expect(esf3.status).toBe(0);
    expect(JSON.parse(esf3.stdout)).toMatchObject({ eventId: 'esf3:2026-12-01' });
  }, 60_000);

  it('wp status heads each process\'s cases on its own line: never a bare "Cases: none" while Information Sessions are open', async () => {
    await wp('referrals', 'add', '--nino', 'JT310109A', '--referral-date', '01/12/2026', '--mandation', 'voluntary');
    await clock.settle();
    const status = await wp('status');
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/^Exit Report cases: /m);
    expect(status.stdout).toMatch(/^Information Session cases: .*session-due [1-9]/m);
    expect(status.stdout).not.toMatch(/^Cases: /m);
  }, 60_000);

  it('warns of what a person would want warned of: a session after day 15, a weekend visit, a handover naming an ESF2a the visit lacks', async () => {
    await wp('referrals', 'add', '--nino', 'JT310110B', '--referral-date', '16/11/2026', '--mandation', 'voluntary');
    const late = await wp(
      'session',
      'arranged',
      '--nino',
      'JT310110B',
      '--date',
      '04/12/2026',
      '--by',
      'is@provider.example',
    );
    expect(late.status).toBe(0);
    expect(JSON.parse(late.stdout)).toMatchObject({ duplicate: false });
    expect(late.stderr.trim()).toBe(
      'wp: warning: The session on Fri 4 Dec 2026 is after the 15-day date (Tue 1 Dec 2026): the session is to be completed within 15 calendar days of the referral (ch.19). It is recorded; the dates do not move.',
    );

    const header = 'Visit reference,Contract,Division,Visit date,Visit end time,ESF2a reference,NINO,Issue';
    const saturday = await wp(
      'visits',
      'import',
      file(
        'saturday.csv',
        `${header}\nV-2026-SAT,CPA 99 Example North,England and Wales,28/11/2026,12:00,ESF2a-01,,Attendance sheet missing\n`,
      ),
    );
    expect(saturday.status).toBe(0);
    expect(saturday.stderr.trim()).toBe(
      'wp: warning: Visit V-2026-SAT is dated Sat 28 Nov 2026, a Saturday: check the date with the CMO. It is recorded as given.',
    );
    const handover = await wp('visit', 'handover', '--visit', 'V-2026-SAT', '--selected', 'ESF2a-01,ESF2a-99');
    expect(handover.status).toBe(0);
    expect(handover.stderr.trim()).toBe(
      'wp: warning: The handover names ESF2a-99, which visit V-2026-SAT does not have: only its own ESF2a are selected. Check the references with the CMO.',
    );
  }, 60_000);

  it('job entries: a start date after today is refused like the other imports', async () => {
    const recorded = await wp(
      'mi',
      'entries',
      file('entries.csv', 'NINO,Start date,Payment group\nAB123456C,30/11/2026,1\nCE100001A,2026-12-11,1\n'),
    );
    expect(recorded.status).toBe(0);
    const answer = JSON.parse(recorded.stdout) as { rejected: Array<{ row: number; reason: string }> };
    expect(answer.rejected).toEqual([
      {
        row: 3,
        reason:
          'the start date Fri 11 Dec 2026 is after today (Wed 2 Dec 2026): a job entry is recorded once the job has started',
      },
    ]);
  }, 60_000);
});
