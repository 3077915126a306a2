import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exitReportDocument, participant, startHarness, submitReport, wper2e } from './harness.ts';

type Harness = Awaited<ReturnType<typeof startHarness>>;

const submission = (nino = 'AB123456C', summary?: string) => ({
  document: exitReportDocument({ nino, participantDetails: `Alex Example ${nino}`, ...(summary ? { summary } : {}) }),
});

describe('Exit Report lifecycle branches', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  async function requested(options: { scr?: boolean } = {}) {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant({ scr: options.scr ?? false }));
    await h.at('2025-12-17T10:00:00Z');
    await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
    return caseId;
  }

  const submit = (caseId: string, id: string, doc = submission()) => submitReport(h, caseId, id, doc.document);

  it('completes early (deceased: the date of death) and restarts the 10-day cycle for an ad hoc request within 12 months', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant());
    await h.at('2024-09-02T10:00:00Z');
    await h.deliver(caseId, {
      id: 'early-1',
      type: 'early-completion',
      reason: 'deceased',
      date: '2024-08-28',
      recordedAt: '2024-09-02T10:00:00Z',
    });
    let record = await h.record(caseId);
    expect(record.stage).toBe('completed-early');
    expect(record.earlyCompletion).toEqual({ reason: 'deceased', date: '2024-08-28' });
    expect(record.deadlines.adHocWindow?.due).toBe('2025-08-28');

    await h.at('2025-03-10T11:00:00Z');
    await h.deliver(caseId, wper2e('2025-03-10', '2025-03-10T11:00:00Z', { id: 'adhoc:2025-03-10', form: 'AD-HOC' }));
    record = await h.record(caseId);
    expect(record.stage).toBe('report-due');
    expect(record.request?.form).toBe('AD-HOC');
    // Mon 10 Mar 2025 is day one; day 10 is Fri 21 Mar 2025.
    expect(record.deadlines.exitReport?.due).toBe('2025-03-21');
  });

  it('closes when the 12-month ad hoc window after early completion ends with no request', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant());
    await h.at('2024-06-03T10:00:00Z');
    await h.deliver(caseId, {
      id: 'early-2',
      type: 'early-completion',
      reason: 'job-outcome-claimed',
      date: '2024-05-31',
      recordedAt: '2024-06-03T10:00:00Z',
    });
    await h.at('2025-06-02T00:00:00Z');
    await h.system.sfn.whenAllStopped();
    const record = await h.record(caseId);
    expect(record).toMatchObject({ stage: 'closed', closedReason: 'ad-hoc-window-ended' });
  });

  it("returns the report marked 'not appropriate' when it is no longer required, and closes", async () => {
    const caseId = await requested();
    await h.at('2025-12-19T10:00:00Z');
    await h.deliver(caseId, {
      id: 'nr-1',
      type: 'not-required',
      receivedAt: '2025-12-19T10:00:00Z',
      messageId: '<nr@jcp.example>',
    });
    await h.system.sfn.whenAllStopped();
    const record = await h.record(caseId);
    expect(record).toMatchObject({ stage: 'closed', closedReason: 'not-required-returned' });
    expect(record.report).toMatchObject({ notRequired: true, onTime: true, sentDate: '2025-12-19' });
    const [returned] = h.sentTo('Work Programme Exit Report');
    expect(returned?.body).toContain('not appropriate');
    expect(returned?.to).toEqual(['district-spoc.north@jcp.example']);
  });

  it('never emails an SCR report: the submission goes back with the clerical route, staff confirm it sent', async () => {
    const caseId = await requested({ scr: true });
    expect(h.sentTo('request-received')[0]?.body).toContain('"scr":true');
    await h.at('2025-12-18T10:00:00Z');
    await submit(caseId, 'scr-sub');
    let record = await h.record(caseId);
    expect(record.stage).toBe('report-due');
    expect(h.sentTo('Work Programme Exit Report')).toHaveLength(0);
    const [refused] = h.sentTo('submission-returned');
    expect(refused?.body).toContain('Nominated Officer');
    expect(refused?.body).toContain('49');
    await h.deliver(caseId, {
      id: 'scr-confirmed',
      type: 'report-confirmed-sent',
      sentDate: '2025-12-18',
      confirmedBy: 'nominated-officer@provider.example',
      recordedAt: '2025-12-18T15:00:00Z',
    });
    await h.system.sfn.whenAllStopped();
    record = await h.record(caseId);
    expect(record.report).toMatchObject({ route: 'clerical', onTime: true, workingDaysTaken: 2 });
  });

  it('returns a report that fails the content checks to the caseworker and keeps waiting', async () => {
    const caseId = await requested();
    await h.at('2025-12-18T10:00:00Z');
    await submit(caseId, 'bad-sub', submission('AB123456C', 'Attends a place of religion weekly.'));
    const record = await h.record(caseId);
    expect(record.stage).toBe('report-due');
    expect(h.sentTo('Work Programme Exit Report')).toHaveLength(0);
    expect(h.sentTo('submission-returned')[0]?.body).toContain('religious');
    expect(record.audit.at(-1)).toMatchObject({ what: 'submitted report returned to caseworker', flag: true });
  });

  it('flags a WPER3E for a case with no open request instead of dropping it', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant());
    await h.at('2024-05-01T10:00:00Z');
    await h.deliver(caseId, {
      id: 'stray-wper3',
      type: 'wper3-reminder',
      reminderDate: '2024-05-01',
      receivedAt: '2024-05-01T10:00:00Z',
      messageId: '<stray@jcp.example>',
    });
    const record = await h.record(caseId);
    expect(record.stage).toBe('awaiting-request');
    expect(record.audit.at(-1)).toMatchObject({ what: 'wper3-reminder flagged', flag: true });
    const [flag] = h.sentTo('event-flagged');
    expect(flag?.to).toEqual(['spoc-lead@provider.example']);
    expect(flag?.body).toContain('no open Exit Report request');
  });

  it('has one effect when the same request is delivered twice', async () => {
    const caseId = await requested();
    await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
    await h.at('2025-12-17T12:00:00Z');
    expect(h.sentTo('request-received')).toHaveLength(1);
    expect((await h.record(caseId)).cycle).toBe(1);
  });

  it('keeps the earlier of the printed and computed deadlines and flags the difference', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant());
    await h.at('2025-12-17T10:00:00Z');
    await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z', { printedDeadline: '2025-12-31' }));
    const record = await h.record(caseId);
    expect(record.deadlines.exitReport?.due).toBe('2025-12-31');
    expect(record.deadlines.exitReport?.explanation.at(-1)).toContain('earlier date is kept');
    expect(record.audit.some((a) => a.what === 'deadline mismatch' && a.flag)).toBe(true);
  });

  it('recomputes the due date when Jobcentre Plus re-issues the request with an amended date (para 48)', async () => {
    const caseId = await requested();
    await h.at('2025-12-22T10:00:00Z');
    await h.deliver(caseId, wper2e('2025-12-22', '2025-12-22T10:00:00Z'));
    const record = await h.record(caseId);
    // Mon 22 Dec is day one: 22,23,24,29,30,31 Dec, 2,5,6,7 Jan → Wed 7 Jan 2026.
    expect(record.deadlines.exitReport?.due).toBe('2026-01-07');
    expect(record.audit.some((a) => a.what === 'exit report request re-issued')).toBe(true);
  });
});

describe('restart of the local runtime', () => {
  it('resumes a case from its record: the right dates, no duplicate mail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wp-restart-'));
    try {
      let h = await startHarness('2024-01-03T08:00:00Z', { storagePath: dir });
      const caseId = await h.system.refer(participant());
      await h.at('2025-12-17T10:00:00Z');
      await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
      await h.at('2025-12-24T12:00:00Z');
      const before = h.sent.map((m) => m.intentId);
      expect(before.filter((i) => i.includes('reminder-5'))).toHaveLength(1);
      await h.stop();

      // A new process, the same storage, the clock where it was.
      h = await startHarness('2025-12-24T12:00:00Z', { storagePath: dir });
      await h.clock.settle();
      await h.at('2025-12-31T12:00:00Z');
      const after = h.sent.map((m) => m.intentId);
      expect(after.filter((i) => before.includes(i))).toEqual([]);
      expect(after.filter((i) => i.includes('reminder-2'))).toHaveLength(1);
      await submitReport(h, caseId, 'after-restart');
      await h.system.sfn.whenAllStopped();
      const record = await h.record(caseId);
      expect(record.deadlines.exitReport?.due).toBe('2026-01-02');
      expect(record.report).toMatchObject({ sentDate: '2025-12-31', workingDaysTaken: 9, onTime: true });
      expect(h.sentTo('Work Programme Exit Report')).toHaveLength(1);
      await h.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a notice whose send fails', () => {
  it('is sent by the retried step, once', async () => {
    const h = await startHarness('2024-01-03T08:00:00Z');
    try {
      const caseId = await h.system.refer(participant());
      // The mail service fails twice when the request notice goes out, then recovers.
      const send = h.system.deps.mailer.send.bind(h.system.deps.mailer);
      let failures = 0;
      h.system.deps.mailer.send = async (message) => {
        if (message.intentId.includes(':request-received@') && failures < 2) {
          failures++;
          throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
        }
        return send(message);
      };
      await h.at('2025-12-17T10:00:00Z');
      await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
      await h.at('2025-12-17T12:00:00Z');
      expect(failures).toBe(2);
      expect(h.sentTo('request-received')).toHaveLength(1);
      expect((await h.record(caseId)).stage).toBe('report-due');
    } finally {
      await h.stop();
    }
  });
});

describe('a request after the case closed', () => {
  it('opens a new cycle when Jobcentre Plus asks after the case closed as no request received', async () => {
    const h = await startHarness('2024-01-03T08:00:00Z');
    try {
      const caseId = await h.system.refer(participant());
      await h.at('2027-01-05T00:00:00Z');
      await h.system.sfn.whenAllStopped();
      expect((await h.record(caseId)).closedReason).toBe('no-request-received');
      await h.at('2027-01-06T10:00:00Z');
      await h.deliver(caseId, wper2e('2027-01-06', '2027-01-06T10:00:00Z'));
      await h.at('2027-01-06T11:00:00Z');
      const record = await h.record(caseId);
      expect(record.stage).toBe('report-due');
      expect(record.deadlines.exitReport?.due).toBe('2027-01-19');
      // The same request again is one effect.
      await h.deliver(caseId, wper2e('2027-01-06', '2027-01-06T10:00:00Z'));
      expect(h.sentTo('request-received')).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });
});

describe('a fresh start of a case that had executions before', () => {
  it('hands over after 360 days without reusing an earlier execution name', async () => {
    const h = await startHarness('2024-01-03T08:00:00Z');
    try {
      const caseId = await h.system.refer(participant());
      // The first lifecycle: hand-overs g1, g2, g3, then closed as no request received.
      await h.at('2027-01-05T00:00:00Z');
      await h.system.sfn.whenAllStopped();
      // A late request opens a second lifecycle; no report comes, so it waits past 360 days.
      await h.deliver(caseId, wper2e('2027-01-06', '2027-01-06T10:00:00Z'));
      await h.at('2028-01-10T00:00:00Z');
      const executions = [...h.system.sfn.executions.values()];
      expect(executions.filter((e) => e.status === 'FAILED')).toEqual([]);
      const names = executions.map((e) => e.name);
      expect(new Set(names).size).toBe(names.length);
      expect(executions.filter((e) => e.status === 'RUNNING')).toHaveLength(1);
      expect((await h.record(caseId)).stage).toBe('overdue');
    } finally {
      await h.stop();
    }
  });
});
