import { afterEach, describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { participant, startHarness } from './harness.ts';

type Harness = Awaited<ReturnType<typeof startHarness>>;

/**
 * The clerical route (CPA 18 ch.10 paras 31–33, 66–67, 87): staff record the paper WPER2 through the staff action;
 * it starts the same 10-working-day cycle as a WPER2E; the posted report is confirmed and the case closes.
 */
describe('clerical WPER2 request', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  const wper2 = (nino: string, extra: Record<string, unknown> = {}) => ({
    action: 'clerical-request',
    case: { nino },
    requestDate: '2025-12-17',
    printedDeadline: '2026-01-02',
    district: 'North East Yorkshire and the Humber',
    returnAddress: 'Nominated Officer, Exit Reports, Jobcentre Plus, 1 Example Street, Leeds LS1 1AA',
    recordedBy: 'nominated-officer@provider.example',
    ...extra,
  });

  it('an SCR participant: the WPER2 starts the 10 working days, the posted report closes the case on time', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    const caseId = await h.system.refer(participant({ scr: true, nino: 'JT310301A' }));
    // The WPER2E would be expected from day 714; the SCR request comes on paper instead.
    await h.at('2025-12-18T10:00:00Z');
    expect((await h.record(caseId)).stage).toBe('awaiting-request');

    const result = await staff(wper2('JT310301A'));
    await h.clock.settle();
    expect(result).toMatchObject({ caseId, duplicate: false });
    let record = await h.record(caseId);
    expect(record.stage).toBe('report-due');
    expect(record.request).toMatchObject({
      form: 'WPER2',
      requestDate: '2025-12-17',
      printedDeadline: '2026-01-02',
      returnEmail: null,
      clerical: {
        district: 'North East Yorkshire and the Humber',
        recordedBy: 'nominated-officer@provider.example',
      },
    });
    // Wed 17 Dec 2025 is day one; Christmas, Boxing Day and New Year's Day are skipped: day 10 is Fri 2 Jan 2026.
    expect(record.deadlines.exitReport?.due).toBe('2026-01-02');
    const received = h.sentTo('request-received');
    expect(received).toHaveLength(1);
    const facts = JSON.parse(received[0]?.body.split('\r\n\r\n')[1] ?? '{}');
    expect(facts).toMatchObject({
      form: 'WPER2',
      scr: true,
      clerical: { lastFirstClassPostingDay: '2025-12-31' },
    });
    expect(record.audit.find((a) => a.what === 'clerical (WPER2) exit report request recorded')?.detail).toContain(
      'recorded by nominated-officer@provider.example',
    );

    // The same WPER2 recorded twice is one request.
    expect(await staff(wper2('JT310301A'))).toMatchObject({ duplicate: true });

    // Posted, then confirmed: the confirmation fits the stage now (it was refused in awaiting-request before).
    await h.at('2025-12-30T16:00:00Z');
    await staff({
      action: 'confirm-sent',
      case: { nino: 'JT310301A' },
      sentDate: '2025-12-30',
      confirmedBy: 'nominated-officer@provider.example',
    });
    await h.clock.settle();
    record = await h.record(caseId);
    expect(record).toMatchObject({ stage: 'closed', closedReason: 'report-sent' });
    expect(record.report).toMatchObject({ route: 'clerical', onTime: true, workingDaysTaken: 8 });
    expect(record.audit.some((a) => a.what === 'no exit report request received')).toBe(false);
  });

  it('refuses a WPER2 for a participant who is not SCR while email is in use, with the reason', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    const caseId = await h.system.refer(participant({ nino: 'JT310302A' }));
    await h.at('2025-12-18T10:00:00Z');
    await expect(staff(wper2('JT310302A'))).rejects.toThrow(
      /this participant is not SCR, email is in use and the request date 2025-12-17 is not before 2013-11-04, the day the provider began the email process \(emailRequestsFrom, memo 115\), so their request comes by WPER2E email/,
    );
    expect((await h.record(caseId)).stage).toBe('awaiting-request');
  });

  it('takes a WPER2 for anyone while email is suspended (para 87)', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    const caseId = await h.system.refer(participant({ nino: 'JT310303A' }));
    await h.at('2025-12-18T09:00:00Z');
    await staff({
      action: 'suspend-email',
      by: 'operator@provider.example',
      reason: 'mail server failure',
      expectedResumption: 'three days',
    });
    await h.clock.settle();
    await h.at('2025-12-18T10:00:00Z');
    await staff(wper2('JT310303A'));
    await h.clock.settle();
    const record = await h.record(caseId);
    expect(record.stage).toBe('report-due');
    expect(record.request?.form).toBe('WPER2');
    expect(record.deadlines.exitReport?.due).toBe('2026-01-02');
  });

  it('memo 115, the first cohort: a 2013 paper WPER2 for a participant who is not SCR runs the 10 working days', async () => {
    const config = { ...demoProviderConfig, emailRequestsFrom: '2013-11-04' };
    h = await startHarness('2011-06-20T08:00:00Z', { config });
    const staff = makeStaffActionHandler(h.system.deps);
    const caseId = await h.system.refer(participant({ nino: 'JT310305A', referralDate: '2011-06-20' }));
    // Week commencing 27 May 2013: the WPER2s came by post to every provider SPoC.
    await h.at('2013-06-04T10:00:00Z');
    await staff(wper2('JT310305A', { requestDate: '2013-06-03', printedDeadline: '2013-06-14' }));
    await h.clock.settle();
    let record = await h.record(caseId);
    expect(record.stage).toBe('report-due');
    expect(record.request).toMatchObject({ form: 'WPER2', requestDate: '2013-06-03' });
    // Mon 3 Jun 2013 is day one: day ten is Fri 14 Jun 2013.
    expect(record.deadlines.exitReport?.due).toBe('2013-06-14');
    await h.at('2013-06-12T15:00:00Z');
    await staff({
      action: 'confirm-sent',
      case: { nino: 'JT310305A' },
      sentDate: '2013-06-12',
      confirmedBy: 'spoc@provider.example',
    });
    await h.clock.settle();
    record = await h.record(caseId);
    expect(record).toMatchObject({ stage: 'closed', closedReason: 'report-sent' });
    expect(record.report).toMatchObject({ route: 'clerical', onTime: true, workingDaysTaken: 8 });
  });

  it('memo 115: a paper WPER2 dated on or after emailRequestsFrom is refused, naming the setting', async () => {
    const config = { ...demoProviderConfig, emailRequestsFrom: '2013-11-04' };
    h = await startHarness('2011-07-04T08:00:00Z', { config });
    const staff = makeStaffActionHandler(h.system.deps);
    const caseId = await h.system.refer(participant({ nino: 'JT310306A', referralDate: '2011-11-21' }));
    await h.at('2013-11-05T10:00:00Z');
    await expect(
      staff(wper2('JT310306A', { requestDate: '2013-11-04', printedDeadline: '2013-11-15' })),
    ).rejects.toThrow(
      /the request date 2013-11-04 is not before 2013-11-04, the day the provider began the email process \(emailRequestsFrom, memo 115\)/,
    );
    expect((await h.record(caseId)).stage).toBe('awaiting-request');
  });

  it('memo 115: with no emailRequestsFrom there is no postal era, and the refusal says which setting', async () => {
    const { emailRequestsFrom: _none, ...config } = demoProviderConfig;
    h = await startHarness('2011-06-20T08:00:00Z', { config });
    const staff = makeStaffActionHandler(h.system.deps);
    await h.system.refer(participant({ nino: 'JT310307A', referralDate: '2011-06-20' }));
    await h.at('2013-06-04T10:00:00Z');
    await expect(
      staff(wper2('JT310307A', { requestDate: '2013-06-03', printedDeadline: '2013-06-14' })),
    ).rejects.toThrow(/no date before which requests came by post is configured \(emailRequestsFrom, memo 115\)/);
  });

  it.each([
    [{ requestDate: '2025-12-19' }, /The request date 2025-12-19 is after today \(Thu 18 Dec 2025\)/],
    [{ printedDeadline: '2025-12-16' }, /printed return deadline 2025-12-16 is before the request date 2025-12-17/],
  ])('refuses a WPER2 that cannot be right: %j', async (extra, message) => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    await h.system.refer(participant({ scr: true, nino: 'JT310304A' }));
    await h.at('2025-12-18T10:00:00Z');
    await expect(staff(wper2('JT310304A', extra))).rejects.toThrow(message);
  });
});
