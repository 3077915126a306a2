import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { CaseTable } from '../../adapters/store/case-table.ts';
import { demoProviderConfig, type ProviderConfig } from '../../domain/config.ts';
import type { MiReturnCase } from '../../domain/mi-return/case.ts';
import { miReturnRecordKind } from '../../functions/commons/processes/mi-return.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { type SentMail, startHarness } from './harness.ts';

/**
 * The monthly Job Entry MI return (memo 176) on the local runtime, in virtual time: the schedule opens each
 * month's case, the workflow reminds the lead contact and deputy, and at 09:00 on the 5th working day of the next
 * month builds, checks and emails the workbook. Due dates are hand-counted from the bank-holiday file.
 */
type Harness = Awaited<ReturnType<typeof startHarness>>;

const JOB_ENTRIES = [
  'NINO,Start date,Payment group',
  'AB123456C,2026-10-05,1',
  'AB123456C,2026-11-20,1',
  'CE100001A,2026-11-02,6A',
  'JT310101A,2026-12-14,2',
  'JT310102B,2027-03-30,9',
].join('\n');

function config(division: 'england-and-wales' | 'scotland' = 'england-and-wales'): ProviderConfig {
  return { ...demoProviderConfig, miReturn: { ...(demoProviderConfig.miReturn as object), division } as never };
}

describe('the monthly MI return workflow on the local runtime', () => {
  let h: Harness;
  let staff: ReturnType<typeof makeStaffActionHandler>;
  afterEach(async () => {
    await h?.stop();
  });

  async function scheduled(start: string, options: Parameters<typeof startHarness>[1] = {}) {
    h = await startHarness(start, { config: config(), ...options });
    staff = makeStaffActionHandler(h.system.deps);
    await staff({ action: 'record-job-entries', csv: JOB_ENTRIES });
    h.system.startSchedules();
    await h.clock.settle();
  }
  const records = () => h.system.cases.recordsOf(miReturnRecordKind);
  async function month(reportingMonth: string): Promise<MiReturnCase> {
    const all = [];
    for await (const { record } of records().all()) all.push(record);
    const found = all.find((c) => c.reportingMonth === reportingMonth);
    if (!found) throw new Error(`no MI return case for ${reportingMonth}`);
    return found;
  }
  const returnsSent = () => h.sent.filter((m) => /:send:\d+$/.test(m.intentId));
  const noticesOf = (kind: string) => h.sent.filter((m) => m.intentId.includes(`:${kind}`));

  async function workbookOf(mail: SentMail) {
    const parsed = await simpleParser(mail.raw);
    const attachment = parsed.attachments[0];
    if (!attachment) throw new Error('no workbook attached');
    return { parsed, name: attachment.filename, book: XLSX.read(attachment.content, { type: 'buffer' }) };
  }

  it('builds, checks and emails the November 2026 return at 09:00 on Mon 7 Dec 2026, to DWP copied to the PM', async () => {
    await scheduled('2026-11-30T12:00:00Z');
    const nov = await month('2026-11');
    expect(nov.due.due).toBe('2026-12-07');
    expect(nov.due.explanation.join(' ')).toMatch(/5th working day|Day 5/i);

    await h.at('2026-12-07T08:59:00Z');
    expect(returnsSent()).toHaveLength(0);
    await h.at('2026-12-07T09:01:00Z');
    const [sent] = returnsSent();
    expect(sent?.at).toBe('2026-12-07T09:00:00.000Z');
    expect(sent?.to).toEqual(['mi-returns@dwp.example', 'performance-manager@dwp.example']);
    const { parsed, name, book } = await workbookOf(sent as SentMail);
    expect(parsed.subject).toBe('Job Entry MI Return');
    expect(parsed.headers.get('sensitivity')).toBeUndefined();
    expect(name).toBe('4001234 Avanta Nov 26.xlsx');
    // Read back with SheetJS (a different reader from the one that wrote it): the total sheet's last row.
    const total = book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(total, { header: 1 });
    const last = rows.at(-1) as unknown[];
    // November 2026: CE100001A's first job entry; AB123456C's second (first in October).
    expect(last.slice(1)).toEqual([1, 1]);
    expect((await month('2026-11')).stage).toBe('sent');
    expect(noticesOf('not-sent')).toHaveLength(0);
  });

  it('January: the December 2026 return is due Fri 8 Jan 2027 (1 January a bank holiday); reminders to lead and deputy', async () => {
    await scheduled('2026-11-30T12:00:00Z');
    await h.at('2027-01-09T12:00:00Z');
    const dec = await month('2026-12');
    expect(dec.due.due).toBe('2027-01-08');
    const sends = returnsSent().filter((m) => m.intentId.startsWith(dec.caseId));
    expect(sends.map((m) => m.at)).toEqual(['2027-01-08T09:00:00.000Z']);
    const reminders = h.sent.filter((m) => m.intentId.startsWith(`${dec.caseId}:`) && /remind/.test(m.intentId));
    // 3 and 1 working days before Fri 8 Jan: Tue 5 Jan and Thu 7 Jan, at 09:00, to the lead contact and deputy.
    expect(reminders.map((m) => m.at.slice(0, 10))).toEqual(['2027-01-05', '2027-01-07']);
    for (const r of reminders) expect(r.to).toEqual(['mi-lead@provider.example', 'mi-deputy@provider.example']);
  });

  it('runs month after month: each case opened once by the schedule, each return sent on its 5th working day', async () => {
    await scheduled('2026-12-15T12:00:00Z');
    await h.at('2027-05-11T12:00:00Z');
    const sentOn = (m: string) => async () => {
      const c = await month(m);
      return returnsSent()
        .filter((s) => s.intentId.startsWith(`${c.caseId}:`))
        .map((s) => s.at.slice(0, 10));
    };
    // December (1 Jan), January, February, March, April (Good Friday 26 Mar and Easter Monday 29 Mar are in March
    // 2027, so not in April's count), and May (Early May bank holiday 3 May).
    expect(await sentOn('2026-12')()).toEqual(['2027-01-08']);
    expect(await sentOn('2027-01')()).toEqual(['2027-02-05']);
    expect(await sentOn('2027-02')()).toEqual(['2027-03-05']);
    expect(await sentOn('2027-03')()).toEqual(['2027-04-07']);
    expect(await sentOn('2027-04')()).toEqual(['2027-05-10']);
    const all = [];
    for await (const { record } of records().all()) all.push(record.reportingMonth);
    expect(all.sort()).toEqual(['2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05']);
  });

  it('Scotland: the July 2027 return is due Mon 9 Aug 2027 (the Scottish summer bank holiday on 2 August)', async () => {
    h = await startHarness('2027-07-20T12:00:00Z', { config: config('scotland') });
    staff = makeStaffActionHandler(h.system.deps);
    h.system.startSchedules();
    await h.clock.settle();
    await h.at('2027-08-10T12:00:00Z');
    const jul = await month('2027-07');
    expect(jul.due.due).toBe('2027-08-09');
    // 09:00 London in August is 08:00 UTC.
    expect(
      returnsSent()
        .filter((m) => m.intentId.startsWith(jul.caseId))
        .map((m) => m.at),
    ).toEqual(['2027-08-09T08:00:00.000Z']);
  });

  it('a mail service that refuses the return: the failure is alerted, and "not sent" at the end of the due day', async () => {
    await scheduled('2026-11-30T12:00:00Z', {
      failSend: (m) =>
        /:send:/.test(m.intentId)
          ? Object.assign(new Error('Message rejected'), { name: 'MessageRejected' })
          : undefined,
    });
    await h.at('2026-12-08T09:00:00Z');
    const nov = await month('2026-11');
    expect(nov.stage).not.toBe('sent');
    expect(noticesOf('send-failed:1').map((m) => m.at)).toEqual(['2026-12-07T09:00:00.000Z']);
    const alert = noticesOf('not-sent');
    expect(alert).toHaveLength(1);
    expect(alert[0]?.to).toEqual(expect.arrayContaining(['mi-lead@provider.example', 'spoc-lead@provider.example']));
    expect(h.system.figures.get('MiReturnsLate')).toBe(1);
  });

  it('staff may send early, and refresh a past month: re-sent and recorded', async () => {
    await scheduled('2026-11-30T12:00:00Z');
    await h.at('2026-12-02T10:00:00Z');
    await staff({ action: 'mi-return', month: '2026-11', request: 'send', by: 'mi-lead@provider.example' });
    await h.clock.settle();
    expect(returnsSent().map((m) => m.at)).toEqual(['2026-12-02T10:00:00.000Z']);
    // The due day passes with nothing more sent and no alert.
    await h.at('2026-12-08T12:00:00Z');
    expect(returnsSent()).toHaveLength(1);
    expect(noticesOf('not-sent')).toHaveLength(0);

    await h.at('2027-01-20T10:00:00Z');
    await staff({
      action: 'record-job-entries',
      csv: 'NINO,Start date,Payment group\nCE100002B,2026-11-16,3',
    });
    await staff({
      action: 'mi-return',
      month: '2026-11',
      request: 'refresh',
      by: 'mi-lead@provider.example',
      reason: 'A November job entry was recorded late',
    });
    await h.clock.settle();
    const nov = await month('2026-11');
    expect(nov.sends.map((s) => s.refresh)).toEqual([false, true]);
    const novSends = returnsSent().filter((m) => m.intentId.startsWith(`${nov.caseId}:`));
    expect(novSends.map((m) => m.at)).toEqual(['2026-12-02T10:00:00.000Z', '2027-01-20T10:00:00.000Z']);
    // The refreshed workbook counts the late entry: November now has 2 first job entries.
    const { book } = await workbookOf(novSends[1] as SentMail);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, {
      header: 1,
    });
    expect((rows.at(-1) as unknown[]).slice(1)).toEqual([2, 1]);
    expect(nov.audit.some((a) => /refresh/i.test(a.what))).toBe(true);
    expect(h.system.figures.get('MiReturnRefreshes')).toBe(1);
  });
});

describe('an early send of a month nobody opened yet (the request opens the case)', () => {
  /**
   * The request opens the month's case, which starts its workflow, then puts the send in the inbox. The workflow
   * stores its wake token between the request's read and its write: the await task looks at the inbox (still
   * empty) and waits, and the request, reading the token before it was stored, woke nobody. Forced here: the
   * request's write waits until the token is stored.
   */
  function tokenBeforeTheRequestsWrite(table: CaseTable): CaseTable {
    let tokenStored: () => void = () => {};
    const stored = new Promise<void>((resolve) => {
      tokenStored = resolve;
    });
    const isSendRequest = (set: Record<string, unknown>) =>
      typeof set.record === 'string' &&
      (JSON.parse(set.record) as MiReturnCase).inbox.some((e) => e.type === 'send-requested');
    return {
      ...table,
      get: (key) => table.get(key),
      put: (item, condition) => table.put(item, condition),
      delete: (key, condition) => table.delete(key, condition),
      queryPartition: (pk) => table.queryPartition(pk),
      queryIndex: (pk) => table.queryIndex(pk),
      scan: (filter) => table.scan(filter),
      async update(key, set, condition) {
        if (isSendRequest(set)) await stored;
        const item = await table.update(key, set, condition);
        if ('wakeToken' in set) tokenStored();
        return item;
      },
    };
  }

  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
  });

  it('is sent at once, the first time it is asked for', async () => {
    h = await startHarness('2026-12-02T10:00:00Z', { config: config(), wrapStorage: tokenBeforeTheRequestsWrite });
    const staff = makeStaffActionHandler(h.system.deps);
    await staff({ action: 'record-job-entries', csv: JOB_ENTRIES });
    const answer = staff({ action: 'mi-return', month: '2026-11', request: 'send', by: 'mi-lead@provider.example' });
    await h.clock.settle();
    expect(await answer).toMatchObject({ duplicate: false });
    await h.clock.settle();
    const sends = h.sent.filter((m) => /:send:\d+$/.test(m.intentId));
    expect(sends.map((m) => m.at)).toEqual(['2026-12-02T10:00:00.000Z']);
    for await (const { record } of h.system.cases.recordsOf(miReturnRecordKind).all()) {
      expect(record.stage).not.toBe('due');
      expect(record.sends).toHaveLength(1);
    }
  });
});

describe('a past month sent on request, on a fresh system', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
  });

  it('October asked for on 2 Dec: sent once, told once (no "being sent already" flag), counting October\'s entries', async () => {
    h = await startHarness('2026-12-02T10:00:00Z', { config: config() });
    const staff = makeStaffActionHandler(h.system.deps);
    await staff({ action: 'record-job-entries', csv: JOB_ENTRIES });
    await staff({ action: 'mi-return', month: '2026-10', request: 'send', by: 'mi-lead@provider.example' });
    await h.clock.settle();
    await staff({ action: 'mi-return', month: '2026-11', request: 'send', by: 'mi-lead@provider.example' });
    await h.clock.settle();
    const mine = (month: string) => async () => {
      for await (const { record } of h?.system.cases.recordsOf(miReturnRecordKind).all() ?? []) {
        if (record.reportingMonth === month) return record;
      }
      throw new Error(`no case for ${month}`);
    };
    const oct = await mine('2026-10')();
    const nov = await mine('2026-11')();
    const of = (c: MiReturnCase, kind: string) =>
      (h as Harness).sent.filter((m) => m.intentId.startsWith(`${c.caseId}:${kind}:`));
    expect(of(oct, 'send')).toHaveLength(1);
    expect(of(oct, 'flag')).toHaveLength(0);

    expect(oct.audit.map((a) => a.what)).toContain('send request answered');
    // Each month's sent notice counts that month's job entries (1 in October, 2 in November), not all 3 stored.
    const told = (c: MiReturnCase) => of(c, 'sent')[0]?.body ?? '';
    expect(told(oct)).toContain('with 1 job entry that started in Oct 2026.');
    expect(told(nov)).toContain('with 2 job entries that started in Nov 2026.');
  });
});
