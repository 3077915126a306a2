import { afterEach, describe, expect, it } from 'vitest';
import { computeDeadline } from '../../domain/deadlines/rules.ts';
import { participant, startHarness, submitReport, wper2e } from './harness.ts';

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('Exit Report lifecycle on the local runtime, in virtual time', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  async function referredAndRequested(division: 'england-and-wales' | 'scotland' = 'england-and-wales', scr = false) {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant({ division, scr }));
    // Day 714 from Wed 3 Jan 2024 is Wed 17 Dec 2025: the WPER2E arrives that morning.
    await h.at('2025-12-17T10:00:00Z');
    await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
    return caseId;
  }

  it('waits 714 days for the request, then counts 10 working days over Christmas (England and Wales)', async () => {
    const caseId = await referredAndRequested();
    const record = await h.record(caseId);
    expect(record.deadlines.requestExpected.due).toBe('2025-12-17');
    expect(record.stage).toBe('report-due');
    // 17,18,19,22,23,24 Dec, skip 25–26 Dec, 29,30,31 Dec, skip 1 Jan, day 10 = Fri 2 Jan 2026.
    expect(record.deadlines.exitReport?.due).toBe('2026-01-02');
    expect(record.deadlines.exitReport?.dueAt).toBe('2026-01-02T23:59:59.999Z');
    const [expected] = h.sentTo('request-expected');
    expect(expected?.at).toBe('2025-12-17T09:00:00.000Z');
    const [received] = h.sentTo('request-received');
    expect(received?.to).toEqual(['caseworker@provider.example']);
    expect(received?.body).toContain('"due":"2026-01-02"');
    expect(received?.body).toContain('Day 10: Fri 2 Jan 2026');
  });

  it('counts to Mon 5 Jan 2026 in Scotland, where 2 January is a bank holiday', async () => {
    const caseId = await referredAndRequested('scotland');
    expect((await h.record(caseId)).deadlines.exitReport?.due).toBe('2026-01-05');
  });

  it('reminds the caseworker 5 and 2 working days before the due date, then sends the report on time and closes', async () => {
    const caseId = await referredAndRequested();
    await h.at('2025-12-30T12:00:00Z');
    const reminders = h.sentTo('internal-reminder');
    // 5 working days before Fri 2 Jan: Tue 23 Dec; 2 before: Tue 30 Dec; both at 09:00 London (GMT).
    expect(reminders.map((m) => m.at)).toEqual(['2025-12-23T09:00:00.000Z', '2025-12-30T09:00:00.000Z']);
    await submitReport(h, caseId, 'submission-1');
    await h.system.sfn.whenAllStopped();
    const record = await h.record(caseId);
    expect(record.stage).toBe('closed');
    expect(record.closedReason).toBe('report-sent');
    expect(record.report).toMatchObject({ sentDate: '2025-12-30', workingDaysTaken: 8, onTime: true, route: 'email' });
    expect(record.deadlines.retention?.due).toBe('2026-03-30');
    const reports = h.sentTo('Work Programme Exit Report');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.to).toEqual(['district-spoc.north@jcp.example']);
    expect(await h.system.cases.getCaseAttachment(caseId, 'REPORT#1')).toMatchObject({
      to: 'district-spoc.north@jcp.example',
    });
    expect(h.sentTo('report-overdue')).toHaveLength(0);
    expect(h.system.figures.get('ExitReportsSentOnTime')).toBe(1);
  });

  it('records a breach when the due date passes, then escalates 7 working days after a WPER3', async () => {
    const caseId = await referredAndRequested();
    await h.at('2026-01-03T00:00:01Z');
    let record = await h.record(caseId);
    expect(record.stage).toBe('overdue');
    const [overdue] = h.sentTo('report-overdue');
    // The first moment after the due day ends (23:59:59.999 London), to the whole second the timeout counts in.
    expect(overdue?.at).toBe('2026-01-03T00:00:00.000Z');
    expect(overdue?.to).toEqual(['caseworker@provider.example', 'spoc-lead@provider.example']);
    expect(h.system.figures.get('ExitReportsOverdue')).toBe(1);

    await h.at('2026-01-07T10:00:00Z');
    await h.deliver(caseId, {
      id: 'wper3:2026-01-07',
      type: 'wper3-reminder',
      reminderDate: '2026-01-07',
      receivedAt: '2026-01-07T10:00:00Z',
      messageId: '<wper3@jcp.example>',
    });
    record = await h.record(caseId);
    expect(record.stage).toBe('wper3-received');
    const escalation = computeDeadline('escalation', '2026-01-07');
    // Wed 7 Jan is day one: 7,8,9,12,13,14,15 → Thu 15 Jan 2026.
    expect(record.deadlines.escalation?.due).toBe('2026-01-15');
    expect(escalation.due).toBe('2026-01-15');

    await h.at('2026-01-16T09:00:00Z');
    record = await h.record(caseId);
    expect(record.stage).toBe('escalated');
    const [escalated] = h.sentTo('escalated');
    expect(escalated?.to).toEqual(['contract-manager@provider.example', 'spoc-lead@provider.example']);
    expect(escalated?.at).toBe('2026-01-16T00:00:00.000Z');

    // Still awaiting the report: a clerical confirmation closes it, late.
    await h.deliver(caseId, {
      id: 'confirmed-1',
      type: 'report-confirmed-sent',
      sentDate: '2026-01-16',
      confirmedBy: 'spoc-lead@provider.example',
      recordedAt: '2026-01-16T09:00:00Z',
    });
    await h.system.sfn.whenAllStopped();
    record = await h.record(caseId);
    // 17,18,19,22,23,24,29,30,31 Dec, 2 Jan (10), 5–9 Jan (15), 12–16 Jan (20).
    expect(record.report).toMatchObject({ onTime: false, workingDaysTaken: 20, route: 'clerical' });
    expect(h.system.figures.get('ExitReportsSentLate')).toBe(1);
  });

  it('never spans more than 365 days in one execution: it hands over to a fresh one before a year', async () => {
    const caseId = await referredAndRequested();
    const spans = h.stopped.filter((r) => r.status === 'SUCCEEDED').map((r) => (r.stoppedAt ?? 0) - r.startedAt);
    expect(h.stopped.map((r) => r.name)).toContain(`${caseId}-g0`);
    expect(Math.max(...spans)).toBeLessThanOrEqual(365 * 86_400_000);
    const running = [...h.system.sfn.executions.values()].filter((r) => r.status === 'RUNNING');
    expect(running.map((r) => r.name)).toEqual([`${caseId}-g1`]);
  });

  it('alerts the SPoC when no request has arrived 5 working days after programme end (para 27)', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant());
    const record0 = await h.record(caseId);
    // Programme end: 728 days → Wed 31 Dec 2025; 5 working days after: 2,5,6,7,8 Jan 2026.
    expect(record0.deadlines.programmeEnd.due).toBe('2025-12-31');
    expect(record0.deadlines.noRequestAlert?.due).toBe('2026-01-08');
    await h.at('2026-01-09T12:00:00Z');
    const [alert] = h.sentTo('no-request-received');
    expect(alert?.to).toEqual(['spoc-lead@provider.example']);
    expect(alert?.at).toBe('2026-01-09T00:00:00.000Z');
    expect((await h.record(caseId)).stage).toBe('awaiting-request');
  });
});
