import { describe, expect, it } from 'vitest';
import type { Division } from '../../domain/calendar/types.ts';
import type { MiReturnCase, MiReturnEvent } from '../../domain/mi-return/case.ts';
import {
  applyEvent,
  applyTimer,
  type DueTimer,
  enqueueEvent,
  MI_RETURN_METRICS as M,
  type MiReturnLifecycleConfig,
  type MiReturnNoticeIntent,
  miReturnCaseId,
  miReturnLifecycleConfig,
  openMiReturnCase,
  planNextStep,
  returnSentEvent,
  routeEvent,
  sendFailedEvent,
  sendStepOf,
} from '../../domain/mi-return/lifecycle.ts';
import { parseMiReturnConfig } from '../../domain/mi-return/return.ts';
import { renderMiReturnNotice } from '../../domain/notices/mi-return-notices.ts';
import { unreadable } from '../notices/readable.ts';
import { LifecycleDriver } from '../support/lifecycle-driver.ts';

const LEAD = 'mi-lead@provider.example';
const DEPUTY = 'mi-deputy@provider.example';
const SPOC_LEAD = 'spoc-lead@provider.example';
const STAFF = 'mi-lead@provider.example';

function configFor(division: Division = 'england-and-wales'): MiReturnLifecycleConfig {
  const miReturn = parseMiReturnConfig({
    contractNumber: '4001234',
    providerName: 'Avanta',
    performanceManagerAddress: 'pm@dwp.example',
    fromAddress: 'mi@provider.example',
    leadContactAddress: LEAD,
    deputyAddress: DEPUTY,
    division,
  });
  return miReturnLifecycleConfig(miReturn, { spocLeadAddress: SPOC_LEAD });
}

/** A workbook emailed by the fake send step: the intent it claimed, and when. */
interface Mail {
  intentId: string;
  at: string;
}

/**
 * Drives a case the way the state machine will: plan, apply, await, in virtual time. The 'build-and-send' step is
 * played by a fake handler that claims the attempt's intent before "emailing" (as sendOnce does), then applies
 * the outcome; it can be told to fail the next attempts, or to die after emailing and before saving.
 */
class Driver extends LifecycleDriver<
  MiReturnCase,
  MiReturnEvent,
  MiReturnLifecycleConfig,
  MiReturnNoticeIntent,
  DueTimer
> {
  mails: Mail[] = [];
  /** Claimed intents and the message id recorded with each (the outbound store). */
  claims = new Map<string, string>();
  private failures: string[] = [];
  private crashes = 0;

  constructor(month: string, openedAt: string, cfg: MiReturnLifecycleConfig = configFor()) {
    const now = Date.parse(openedAt);
    const t = openMiReturnCase(miReturnCaseId(cfg.contractNumber, month), month, now, cfg);
    super({ plan: planNextStep, applyEvent, applyTimer, enqueue: enqueueEvent }, t.case, now, cfg);
    this.take(t);
  }

  /** The next send attempts fail with these reasons, in order. */
  failNext(...reasons: string[]): this {
    this.failures.push(...reasons);
    return this;
  }

  /** The next send step dies after emailing, before its outcome is saved. */
  crashAfterSending(): this {
    this.crashes++;
    return this;
  }

  /** The handler's build-and-send step, faked: no workbook, but the same claim-then-send-then-record order. */
  protected override timerDue(timer: DueTimer): void {
    if (timer.kind !== 'build-and-send') {
      super.timerDue(timer);
      return;
    }
    const step = sendStepOf(this.c);
    if (!step || step.intentId !== timer.intentId) throw new Error('build-and-send without its open attempt');
    const at = new Date(this.now).toISOString();
    const failure = this.failures.shift();
    if (failure !== undefined) {
      this.step(applyEvent(this.c, sendFailedEvent(step, { at, reason: failure }), this.now, this.cfg));
      return;
    }
    let messageId = this.claims.get(step.intentId);
    if (messageId === undefined) {
      messageId = `<${step.intentId}@ses.example>`;
      this.claims.set(step.intentId, messageId);
      this.mails.push({ intentId: step.intentId, at });
    }
    if (this.crashes > 0) {
      this.crashes--;
      return; // nothing saved: the workflow retries the step from the same record
    }
    const sent = returnSentEvent(step, { sentAt: at, messageId, fileName: step.fileName, entriesCount: 42 });
    this.step(applyEvent(this.c, sent, this.now, this.cfg));
  }

  timeline(): Array<[string, string]> {
    return this.sent.map((s) => [s.notice.kind, s.at]);
  }
}

let seq = 0;
const ev = {
  send: (at: string, id = `send-${++seq}`): MiReturnEvent => ({
    id,
    type: 'send-requested',
    requestedBy: STAFF,
    recordedAt: at,
  }),
  refresh: (at: string, reason: string): MiReturnEvent => ({
    id: `refresh-${++seq}`,
    type: 'refresh-requested',
    requestedBy: STAFF,
    reason,
    recordedAt: at,
  }),
};

// Every due date below was counted by hand from data/uk-bank-holidays.json (the 5th working day of the month after
// the reporting month, day one the 1st when it is a working day), then asserted as a literal:
//   Sep 2026, E&W: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7 Oct 2026.
//   Dec 2025, E&W: Thu 1 Jan New Year's Day; Fri 2, Mon 5, Tue 6, Wed 7, Thu 8 Jan 2026.
//   Dec 2025, Scotland: 1 and 2 Jan bank holidays; Mon 5, Tue 6, Wed 7, Thu 8, Fri 9 Jan 2026.
//   Dec 2026, E&W: Fri 1 Jan 2027 New Year's Day; Mon 4, Tue 5, Wed 6, Thu 7, Fri 8 Jan 2027.
//   Dec 2026, Scotland: Fri 1 Jan and Mon 4 Jan (2nd January, substitute day); Tue 5 … Mon 11 Jan 2027.
//   Apr 2027, either division: Sat 1, Sun 2, Mon 3 May early May bank holiday; Tue 4 … Mon 10 May 2027.
//   Jul 2027, Scotland: Sun 1, Mon 2 Aug summer bank holiday; Tue 3 … Mon 9 Aug 2027.
//   Jul 2027, E&W: Mon 2 … Fri 6 Aug 2027 (the summer bank holiday there is 30 Aug).
// Reminders are 3 and 1 working days before, at 09:00 London; the send at 09:00 London on the due day
// (GMT = Z in winter, BST = Z+1 from the last Sunday of March to the last Sunday of October).
const CALENDAR: Array<{
  month: string;
  division: Division;
  due: string;
  dueAt: string;
  reminders: [string, string];
  sendAt: string;
  skipped: string[];
}> = [
  {
    month: '2026-09',
    division: 'england-and-wales',
    due: '2026-10-07',
    dueAt: '2026-10-07T22:59:59.999Z',
    reminders: ['2026-10-02T08:00:00.000Z', '2026-10-06T08:00:00.000Z'],
    sendAt: '2026-10-07T08:00:00.000Z',
    skipped: [],
  },
  {
    month: '2025-12',
    division: 'england-and-wales',
    due: '2026-01-08',
    dueAt: '2026-01-08T23:59:59.999Z',
    reminders: ['2026-01-05T09:00:00.000Z', '2026-01-07T09:00:00.000Z'],
    sendAt: '2026-01-08T09:00:00.000Z',
    skipped: ['New Year’s Day'],
  },
  {
    month: '2025-12',
    division: 'scotland',
    due: '2026-01-09',
    dueAt: '2026-01-09T23:59:59.999Z',
    reminders: ['2026-01-06T09:00:00.000Z', '2026-01-08T09:00:00.000Z'],
    sendAt: '2026-01-09T09:00:00.000Z',
    skipped: ['New Year’s Day', '2nd January'],
  },
  {
    month: '2026-12',
    division: 'england-and-wales',
    due: '2027-01-08',
    dueAt: '2027-01-08T23:59:59.999Z',
    reminders: ['2027-01-05T09:00:00.000Z', '2027-01-07T09:00:00.000Z'],
    sendAt: '2027-01-08T09:00:00.000Z',
    skipped: ['New Year’s Day'],
  },
  {
    month: '2026-12',
    division: 'scotland',
    due: '2027-01-11',
    dueAt: '2027-01-11T23:59:59.999Z',
    reminders: ['2027-01-06T09:00:00.000Z', '2027-01-08T09:00:00.000Z'],
    sendAt: '2027-01-11T09:00:00.000Z',
    skipped: ['New Year’s Day', '2nd January (substitute day)'],
  },
  {
    month: '2027-04',
    division: 'england-and-wales',
    due: '2027-05-10',
    dueAt: '2027-05-10T22:59:59.999Z',
    reminders: ['2027-05-05T08:00:00.000Z', '2027-05-07T08:00:00.000Z'],
    sendAt: '2027-05-10T08:00:00.000Z',
    skipped: ['Early May bank holiday'],
  },
  {
    month: '2027-07',
    division: 'scotland',
    due: '2027-08-09',
    dueAt: '2027-08-09T22:59:59.999Z',
    reminders: ['2027-08-04T08:00:00.000Z', '2027-08-06T08:00:00.000Z'],
    sendAt: '2027-08-09T08:00:00.000Z',
    skipped: ['Summer bank holiday'],
  },
  {
    month: '2027-07',
    division: 'england-and-wales',
    due: '2027-08-06',
    dueAt: '2027-08-06T22:59:59.999Z',
    reminders: ['2027-08-03T08:00:00.000Z', '2027-08-05T08:00:00.000Z'],
    sendAt: '2027-08-06T08:00:00.000Z',
    skipped: [],
  },
];

/** The 1st of the reporting month, 10:00 UTC: the case is opened while the month runs. */
function openingOf(month: string): string {
  return `${month}-01T10:00:00.000Z`;
}

describe('the job entry MI return is built and sent on the 5th working day', () => {
  it.each(CALENDAR)('$month ($division): due $due, reminded, sent at the send time', (row) => {
    // Prepare
    const d = new Driver(row.month, openingOf(row.month), configFor(row.division));
    // Act
    d.runUntil(`${row.due}T23:59:59.999Z`);
    // Assess
    expect([d.c.due.due, d.c.due.dueAt]).toEqual([row.due, row.dueAt]);
    const explanation = d.c.due.explanation.join('\n');
    for (const holiday of row.skipped) expect(explanation).toContain(`(${holiday})`);
    expect(d.timeline()).toEqual([
      ['mi-return-reminder', row.reminders[0]],
      ['mi-return-reminder', row.reminders[1]],
      ['mi-return-sent', row.sendAt],
    ]);
    for (const s of d.sent) expect(s.notice.to).toEqual([LEAD, DEPUTY]);
    expect(d.sentOf('mi-return-reminder').map((s) => s.notice.facts.workingDaysBefore)).toEqual([3, 1]);
    expect(d.mails).toEqual([{ intentId: `${d.c.caseId}:send:1`, at: row.sendAt }]);
    expect(d.c.stage).toBe('sent');
    expect(d.c.sends).toMatchObject([{ attempt: 1, sentAt: row.sendAt, refresh: false, late: false }]);
    expect(d.metricCount(M.sent)).toBe(1);
    expect(d.metricCount(M.reminders)).toBe(2);
    expect(d.metricCount(M.late)).toBe(0);
  });

  it('waits for the month to end, then for the send time; closes a week after sending', () => {
    const d = new Driver('2026-12', '2026-12-01T10:00:00.000Z');
    expect(d.c.stage).toBe('collecting');
    expect(d.c.fileName).toBe('4001234 Avanta Dec 26.xlsx');
    d.runUntil('2026-12-31T23:59:59.999Z');
    expect(d.c.stage).toBe('collecting');
    d.runUntil('2027-01-01T00:00:00.000Z');
    expect(d.c.stage).toBe('due');
    d.runUntil('2027-01-15T23:59:59.998Z');
    expect(d.c.stage).toBe('sent');
    d.runUntil('2027-01-15T23:59:59.999Z');
    expect(d.c.stage).toBe('closed');
    expect(d.plans.at(-1)).toMatchObject({ next: 'end' });
    expect(d.c.audit.map((a) => a.what)).toEqual([
      'case opened',
      'month ended',
      'reminder',
      'reminder',
      'send time reached',
      'return sent',
      'case closed',
    ]);
  });

  it('counts the due date with the division given in the configuration', () => {
    const d = new Driver('2026-12', '2027-01-02T10:00:00.000Z', configFor('scotland'));
    expect(d.c.division).toBe('scotland');
    expect(d.c.due.due).toBe('2027-01-11');
    // Opened after the month ended: due at once, no 'month-ended' step.
    expect(d.c.stage).toBe('due');
  });
});

describe('sending early', () => {
  it('sends when staff ask before the due day; no later reminder, send or not-sent alert follows', () => {
    const d = new Driver('2026-12', '2026-12-01T10:00:00.000Z')
      .deliver('2027-01-04T11:00:00.000Z', ev.send('2027-01-04T11:00:00.000Z'))
      .runUntil('2027-02-01T00:00:00.000Z');
    expect(d.timeline()).toEqual([['mi-return-sent', '2027-01-04T11:00:00.000Z']]);
    expect(d.mails).toHaveLength(1);
    expect(d.c.attempts).toMatchObject([{ attempt: 1, trigger: 'send-requested', requestedBy: STAFF }]);
    expect(d.c.stage).toBe('closed');
    expect(d.c.done).not.toHaveProperty('send-due');
    expect(d.c.done).not.toHaveProperty('not-sent-alert');
    expect(d.c.audit.map((a) => a.what)).toContain('send requested');
  });

  it('refuses to send before the month has ended, and says so', () => {
    const d = new Driver('2026-12', '2026-12-01T10:00:00.000Z').deliver(
      '2026-12-20T10:00:00.000Z',
      ev.send('2026-12-20T10:00:00.000Z'),
    );
    expect(d.c.stage).toBe('collecting');
    expect(d.mails).toHaveLength(0);
    const flagged = d.sentOf('event-flagged')[0]?.notice;
    expect(flagged?.to).toEqual([SPOC_LEAD, LEAD]);
    expect(String(flagged?.facts.reason)).toContain('cannot be sent before the month has ended');
    expect(d.c.audit.at(-1)).toMatchObject({ what: 'send-requested flagged', flag: true });
    d.runUntil('2027-01-08T23:59:59.999Z');
    expect(d.sentOf('mi-return-sent').map((s) => s.at)).toEqual(['2027-01-08T09:00:00.000Z']);
  });
});

describe('a send that fails', () => {
  it('alerts the lead, deputy and SPoC lead; a later request sends it, on time, and no not-sent alert follows', () => {
    const d = new Driver('2026-12', '2026-12-01T10:00:00.000Z')
      .failNext('workbook check: PG 6A Dec 2026 first job entries is text, not a number')
      .runUntil('2027-01-08T10:00:00.000Z');
    expect(d.c.stage).toBe('failed');
    expect(d.mails).toHaveLength(0);
    const failed = d.sentOf('mi-return-send-failed');
    expect(failed.map((s) => s.at)).toEqual(['2027-01-08T09:00:00.000Z']);
    expect(failed[0]?.notice.to).toEqual([LEAD, DEPUTY, SPOC_LEAD]);
    expect(failed[0]?.notice.facts).toMatchObject({ pastDue: false, scheduledRetry: false, attempt: 1 });
    d.deliver('2027-01-08T14:00:00.000Z', ev.send('2027-01-08T14:00:00.000Z')).runUntil('2027-02-01T00:00:00.000Z');
    expect(d.mails).toEqual([{ intentId: `${d.c.caseId}:send:2`, at: '2027-01-08T14:00:00.000Z' }]);
    expect(d.c.sends).toMatchObject([{ attempt: 2, late: false }]);
    expect(d.sentOf('mi-return-not-sent')).toHaveLength(0);
    expect([d.metricCount(M.sendFailures), d.metricCount(M.sent), d.metricCount(M.late)]).toEqual([1, 1, 0]);
  });

  it('after an early request fails, the send time on the due day tries again by itself', () => {
    const d = new Driver('2026-12', '2026-12-01T10:00:00.000Z')
      .failNext('mail service refused the message: MessageRejected')
      .deliver('2027-01-04T11:00:00.000Z', ev.send('2027-01-04T11:00:00.000Z'));
    expect(d.sentOf('mi-return-send-failed')[0]?.notice.facts).toMatchObject({ scheduledRetry: true });
    d.runUntil('2027-01-09T00:00:00.000Z');
    // Still unsent at the reminders: they go, and say what failed.
    expect(d.timeline()).toEqual([
      ['mi-return-send-failed', '2027-01-04T11:00:00.000Z'],
      ['mi-return-reminder', '2027-01-05T09:00:00.000Z'],
      ['mi-return-reminder', '2027-01-07T09:00:00.000Z'],
      ['mi-return-sent', '2027-01-08T09:00:00.000Z'],
    ]);
    expect(d.sentOf('mi-return-reminder')[0]?.notice.facts.lastFailure).toMatchObject({
      reason: 'mail service refused the message: MessageRejected',
    });
    expect(d.c.attempts.map((a) => [a.trigger, a.outcome?.result])).toEqual([
      ['send-requested', 'failed'],
      ['schedule', 'sent'],
    ]);
  });
});

describe('not sent by the end of the due day', () => {
  it('alerts once, keeps waiting, and records the late send', () => {
    const d = new Driver('2026-12', '2026-12-01T10:00:00.000Z')
      .failNext('workbook check: 3 job entries rejected')
      .runUntil('2027-01-31T00:00:00.000Z');
    const alerts = d.sentOf('mi-return-not-sent');
    expect(alerts.map((s) => s.at)).toEqual(['2027-01-08T23:59:59.999Z']);
    expect(alerts[0]?.notice.to).toEqual([LEAD, DEPUTY, SPOC_LEAD]);
    expect(alerts[0]?.notice.facts).toMatchObject({ attempts: 1 });
    expect(d.c.stage).toBe('failed');
    expect(d.metricCount(M.late)).toBe(1);
    d.deliver('2027-02-01T10:00:00.000Z', ev.send('2027-02-01T10:00:00.000Z')).runUntil('2027-03-01T00:00:00.000Z');
    expect(d.c.sends).toMatchObject([{ late: true, refresh: false }]);
    expect(d.sentOf('mi-return-sent')[0]?.notice.facts).toMatchObject({ late: true });
    expect(d.c.audit.find((a) => a.what === 'return sent')).toMatchObject({ flag: true });
    // Counted late once: at the alert, not again at the send.
    expect(d.metricCount(M.late)).toBe(1);
    expect(d.sentOf('mi-return-not-sent')).toHaveLength(1);
    expect(d.c.stage).toBe('closed');
  });

  it('a case opened after its due date sends at once, late, counted once, without a not-sent alert first', () => {
    const d = new Driver('2026-12', '2027-01-12T10:00:00.000Z').runUntil('2027-01-13T00:00:00.000Z');
    expect(d.timeline()).toEqual([['mi-return-sent', '2027-01-12T10:00:00.000Z']]);
    expect(d.c.sends).toMatchObject([{ late: true }]);
    expect(d.metricCount(M.late)).toBe(1);
  });
});

describe('refreshing a past month', () => {
  it('re-sends a closed month with corrected entries, recorded in the audit and the sends', () => {
    const d = new Driver('2026-12', '2026-12-01T10:00:00.000Z').runUntil('2027-03-01T00:00:00.000Z');
    expect(d.c.stage).toBe('closed');
    d.deliver(
      '2027-03-02T10:00:00.000Z',
      ev.refresh('2027-03-02T10:00:00.000Z', 'start date for JT310007A corrected from 2027-01-04 to 2026-12-29'),
    );
    expect(d.mails.map((m) => m.intentId)).toEqual([`${d.c.caseId}:send:1`, `${d.c.caseId}:send:2`]);
    expect(d.c.sends.map((s) => [s.attempt, s.refresh, s.late])).toEqual([
      [1, false, false],
      [2, true, false],
    ]);
    expect(d.c.stage).toBe('sent');
    const audit = d.c.audit.map((a) => a.detail ?? '').join('\n');
    expect(audit).toContain('asked for the return for Dec 2026');
    expect(audit).toContain('JT****07A');
    expect(audit).not.toContain('JT310007A');
    expect(d.c.audit.slice(-2).map((a) => a.what)).toEqual(['refresh requested', 'return re-sent (refresh)']);
    const confirmation = d.sentOf('mi-return-sent')[1]?.notice;
    expect(confirmation?.facts).toMatchObject({ refresh: true, requestedBy: STAFF });
    expect([d.metricCount(M.sent), d.metricCount(M.refreshes)]).toEqual([1, 1]);
    d.runUntil('2027-03-10T00:00:00.000Z');
    expect(d.c.stage).toBe('closed');
  });

  it('a plain send request for a month already sent is flagged, not re-sent', () => {
    const d = new Driver('2026-12', '2026-12-01T10:00:00.000Z')
      .runUntil('2027-01-09T00:00:00.000Z')
      .deliver('2027-01-09T10:00:00.000Z', ev.send('2027-01-09T10:00:00.000Z'));
    expect(d.mails).toHaveLength(1);
    expect(String(d.sentOf('event-flagged')[0]?.notice.facts.reason)).toContain('ask for a refresh');
  });
});

describe('one effect per event, one email per attempt', () => {
  it('a repeated event has one effect', () => {
    const d = new Driver('2026-12', '2026-12-01T10:00:00.000Z');
    const request = ev.send('2027-01-04T11:00:00.000Z', 'staff-send-1');
    d.deliver('2027-01-04T11:00:00.000Z', request).deliver('2027-01-04T11:05:00.000Z', request);
    expect(enqueueEvent(d.c, request).duplicate).toBe(true);
    expect(d.c.attempts).toHaveLength(1);
    expect(d.mails).toHaveLength(1);
    // The outcome applied again changes nothing.
    const attempt = d.c.attempts[0];
    const sent = returnSentEvent(
      { intentId: attempt?.intentId ?? '', attempt: 1, refresh: false },
      {
        sentAt: '2027-01-04T11:00:00.000Z',
        messageId: 'x',
        fileName: d.c.fileName,
        entriesCount: 42,
      },
    );
    const again = applyEvent(d.c, sent, d.now, d.cfg);
    expect(again.case).toBe(d.c);
    expect(again.notices).toEqual([]);
  });

  it('a step retried after it emailed records the send and emails nothing more', () => {
    const d = new Driver('2026-12', '2026-12-01T10:00:00.000Z')
      .crashAfterSending()
      .runUntil('2027-01-09T00:00:00.000Z');
    expect(d.mails).toEqual([{ intentId: `${d.c.caseId}:send:1`, at: '2027-01-08T09:00:00.000Z' }]);
    expect(d.c.sends).toMatchObject([{ attempt: 1, messageId: `<${d.c.caseId}:send:1@ses.example>` }]);
    expect(d.sentOf('mi-return-sent')).toHaveLength(1);
  });

  it('plans the send step with the attempt and its intent id until the outcome is recorded', () => {
    const cfg = configFor();
    const opened = openMiReturnCase('mi-4001234-2026-12', '2026-12', Date.parse('2027-01-07T10:00:00.000Z'), cfg);
    const now = Date.parse('2027-01-08T09:00:00.000Z');
    const plan = planNextStep(opened.case, now, now, cfg);
    expect(plan).toMatchObject({ next: 'timer-due', timer: { kind: 'send-due' } });
    if (plan.next !== 'timer-due') throw new Error('expected a timer');
    const sending = applyTimer(opened.case, plan.timer, now, cfg);
    expect(sending.notices).toEqual([]);
    expect(sending.case.stage).toBe('sending');
    const next = planNextStep(sending.case, now + 60_000, now, cfg);
    expect(next).toMatchObject({
      next: 'timer-due',
      timer: { kind: 'build-and-send', attempt: 1, intentId: 'mi-4001234-2026-12:send:1', refresh: false },
    });
    if (next.next !== 'timer-due') throw new Error('expected a timer');
    expect(() => applyTimer(sending.case, next.timer, now, cfg)).toThrow(/send step/);
    expect(sendStepOf(sending.case)).toMatchObject({ attempt: 1, fileName: '4001234 Avanta Dec 26.xlsx' });
    // An outcome for another attempt does not fit: flagged, the send still open.
    const stale = sendFailedEvent({ intentId: 'mi-4001234-2026-12:send:7', attempt: 7 }, { at: 'x', reason: 'old' });
    expect(routeEvent(sending.case, stale)).toBe('flag');
  });
});

describe('MI return notices', () => {
  function allIntents(): MiReturnNoticeIntent[] {
    const failing = new Driver('2026-12', '2026-12-01T10:00:00.000Z')
      .failNext('workbook check: PG 2 has 40 rows; expected 45')
      .runUntil('2027-01-09T00:00:00.000Z')
      .deliver('2027-01-09T10:00:00.000Z', ev.send('2027-01-09T10:00:00.000Z'))
      .deliver('2027-01-09T11:00:00.000Z', ev.send('2027-01-09T11:00:00.000Z'))
      .deliver('2027-03-02T10:00:00.000Z', ev.refresh('2027-03-02T10:00:00.000Z', 'JT310007A entry corrected'));
    return failing.sent.map((s) => s.notice);
  }
  const rendered = allIntents().map((intent) => ({ intent, notice: renderMiReturnNotice(intent) }));

  it('covers every notice kind', () => {
    expect(new Set(rendered.map((r) => r.intent.kind))).toEqual(
      new Set(['mi-return-reminder', 'mi-return-not-sent', 'mi-return-sent', 'mi-return-send-failed', 'event-flagged']),
    );
  });

  it('names the return, the due date and how it was counted, never a full NINO', () => {
    for (const { intent, notice } of rendered) {
      expect(notice.subject).toContain(intent.kind === 'mi-return-sent' ? '4001234 Avanta Dec 26.xlsx' : 'Dec 2026');
      expect(`${notice.subject}\n${notice.text}`).not.toMatch(/JT310007A/);
      if (intent.kind === 'event-flagged') continue;
      expect(notice.text).toContain('Fri 8 Jan 2027');
      expect(notice.text).toContain('How the due date was counted:');
      expect(notice.text).toContain('Skipped Fri 1 Jan 2027 (New Year’s Day)');
    }
  });

  it('writes every date as a person reads it, never an ISO date, a raw instant or an internal event name', () => {
    const found = rendered.flatMap(({ intent, notice }) =>
      unreadable(`${notice.subject}\n${notice.text}`).map((what) => `${intent.kind}: ${what}`),
    );
    expect(found).toEqual([]);
  });

  it('says what to do', () => {
    const text = (kind: string) => rendered.find((r) => r.intent.kind === kind)?.notice.text ?? '';
    expect(text('mi-return-reminder')).toContain('emailed to DWP automatically at Fri 8 Jan 2027 09:00');
    expect(text('mi-return-send-failed')).toContain('PG 2 has 40 rows; expected 45');
    expect(text('mi-return-not-sent')).toContain('recorded as a late return');
    expect(text('mi-return-sent')).toContain('LATE');
    const refresh = rendered.filter((r) => r.intent.kind === 'mi-return-sent').at(-1)?.notice;
    expect(refresh?.subject).toContain('re-sent (refresh)');
    expect(refresh?.text).toContain('JT****07A entry corrected');
  });
});
