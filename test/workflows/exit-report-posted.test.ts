import { afterEach, describe, expect, it } from 'vitest';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { participant, startHarness } from './harness.ts';

type Harness = Awaited<ReturnType<typeof startHarness>>;

const WEST_YORKSHIRE = {
  district: 'West Yorkshire',
  returnAddress: 'Nominated Officer, Jobcentre Plus, 1 Example Street, Leeds LS1 1AA',
};

/**
 * Posted returns (CPA 18 ch.10 paras 65–67, memo 115): judged on arrival, not posting; packages of at most 49 per
 * District with a printable manifest; the three-month copy record kept like an emailed report's.
 */
describe('posted Exit Reports', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  /** An SCR case with its clerical WPER2 of Wed 17 Dec 2025: due Fri 2 Jan 2026. */
  async function scrCase(nino: string, district = WEST_YORKSHIRE) {
    const staff = makeStaffActionHandler(h.system.deps);
    const caseId = await h.system.refer(participant({ scr: true, nino }));
    await h.at('2025-12-18T10:00:00Z');
    await staff({
      action: 'clerical-request',
      case: { nino },
      requestDate: '2025-12-17',
      printedDeadline: '2026-01-02',
      ...district,
      recordedBy: 'nominated-officer@provider.example',
    });
    await h.clock.settle();
    return { caseId, staff };
  }

  const post = (nino: string[], postedDate: string, extra: Record<string, unknown> = {}) => ({
    action: 'post-package',
    ...WEST_YORKSHIRE,
    method: 'first-class',
    postedDate,
    postedBy: 'nominated-officer@provider.example',
    cases: nino.map((n) => ({ nino: n })),
    ...extra,
  });

  it('first class on the last posting day arrives on the due day: on time; the manifest and the copy record kept', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const { caseId, staff } = await scrCase('JT310501A');
    // The 5-working-day reminder names the last day to post first class.
    await h.at('2025-12-24T10:00:00Z');
    const reminder = h.sentTo('internal-reminder')[0];
    expect(JSON.parse(reminder?.body.split('\r\n\r\n')[1] ?? '{}')).toMatchObject({
      lastFirstClassPostingDay: '2025-12-31',
    });

    await h.at('2025-12-31T16:00:00Z');
    const result = (await staff(post(['JT310501A'], '2025-12-31'))) as { packageId: string; manifest: string[] };
    await h.clock.settle();
    const record = await h.record(caseId);
    expect(record).toMatchObject({ stage: 'closed', closedReason: 'report-sent' });
    expect(record.report).toMatchObject({
      route: 'clerical',
      sentDate: '2025-12-31',
      onTime: true,
      workingDaysTaken: 10,
      posting: {
        method: 'first-class',
        expectedArrival: '2026-01-02',
        packageId: result.packageId,
        receivedDate: null,
      },
    });
    expect(result.manifest).toContain('Sent first class post on Wed 31 Dec 2025; expected to arrive Fri 2 Jan 2026.');
    expect(result.manifest.join('\n')).toContain("1 of at most 49 (1 marked 'SCR participant'");
    expect(result.manifest.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}(?!-)/);
    // Para 65: the copy record, kept three months from sending.
    const copy = await h.system.cases.getCaseAttachment(caseId, 'REPORT#1');
    expect(copy).toMatchObject({ route: 'clerical', packageId: result.packageId, postedDate: '2025-12-31' });
    expect(copy?.expiresAt).toBe(Math.floor(Date.parse('2026-03-31T23:59:59Z') / 1000));
    expect(record.deadlines.retention?.due).toBe('2026-03-31');
  });

  it('posted first class on the due day arrives late; a recorded receipt that day judges it on time', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const { caseId, staff } = await scrCase('JT310502A');
    await h.at('2026-01-02T09:00:00Z');
    await staff(post(['JT310502A'], '2026-01-02'));
    await h.clock.settle();
    let record = await h.record(caseId);
    // Posted on the due day: first class arrives Mon 5 Jan 2026, after it.
    expect(record.report).toMatchObject({ onTime: false, posting: { expectedArrival: '2026-01-05' } });

    await h.at('2026-01-06T10:00:00Z');
    await staff({
      action: 'record-receipt',
      case: { nino: 'JT310502A' },
      receivedDate: '2026-01-02',
      recordedBy: 'spoc@provider.example',
    });
    await h.clock.settle();
    record = await h.record(caseId);
    expect(record.report).toMatchObject({
      onTime: true,
      workingDaysTaken: 10,
      posting: { receivedDate: '2026-01-02' },
    });
    expect(record.audit.at(-1)?.what).toBe('receipt of posted report recorded');
  });

  it('by courier: judged on the delivery date the courier gives', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const { caseId, staff } = await scrCase('JT310503A');
    await h.at('2026-01-02T09:00:00Z');
    await staff(post(['JT310503A'], '2026-01-02', { method: 'courier', courierDelivery: '2026-01-02' }));
    await h.clock.settle();
    expect((await h.record(caseId)).report).toMatchObject({ onTime: true, posting: { method: 'courier' } });
  });

  it('refuses a 50th report in a package, and a report requested by another District', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const { caseId, staff } = await scrCase('JT310504A', { district: 'Greater Manchester', returnAddress: 'M1 1AA' });
    const fifty = Array.from({ length: 50 }, (_, i) => `JT31${String(1000 + i).padStart(4, '0')}A`);
    await expect(staff(post(fifty, '2025-12-18'))).rejects.toThrow(
      /A package holds at most 49 Exit Reports \(para 67, memo 115\): this one has 50\. Put report 50 onwards in another package\./,
    );
    await expect(staff(post(['JT310504A'], '2025-12-18'))).rejects.toThrow(
      /was requested by Greater Manchester: its report goes in a package to that District, not West Yorkshire/,
    );
    expect((await h.record(caseId)).stage).toBe('report-due');
  });
});
