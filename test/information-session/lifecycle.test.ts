import { describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import {
  applyEvent,
  applyTimer,
  INFORMATION_SESSION_METRICS as M,
  openInformationSessionCase,
  pendingTimers,
  planNextStep,
  routeEvent,
} from '../../domain/information-session/lifecycle.ts';
import { informationSessionProcess } from '../../functions/commons/processes/information-session.ts';
import { config, Driver, ev, referral } from './driver.ts';

// Referral Mon 20 May 2024 (England and Wales, British Summer Time: 09:00 London = 08:00Z).
// 15 days: Tue 4 Jun 2024; 21 days: Mon 10 Jun 2024; 28 days: Mon 17 Jun 2024. Mon 27 May (Spring bank holiday)
// is inside the count and does not move anything: the rules count calendar days.
const OPENED = '2024-05-20T09:00:00.000Z';
const DAY_15_END = '2024-06-04T22:59:59.999Z';
const DAY_21_END = '2024-06-10T22:59:59.999Z';
const DAY_28_END = '2024-06-17T22:59:59.999Z';
const SPOC_LEAD = 'spoc-lead@provider.example';
const CONTRACT_MANAGER = 'contract-manager@provider.example';
const CASEWORKER = 'is-team@provider.example';
const dueOf = (deadline: unknown): string | undefined => (deadline as { due?: string } | undefined)?.due;

describe('opening a case', () => {
  it('counts the three dates from the referral date, with their explanations', () => {
    const d = new Driver(referral(), OPENED);
    const { session, wp11Window, attachment } = d.c.deadlines;
    expect([session.due, session.dueAt]).toEqual(['2024-06-04', DAY_15_END]);
    expect([wp11Window.due, wp11Window.dueAt]).toEqual(['2024-06-10', DAY_21_END]);
    expect([attachment.due, attachment.dueAt]).toEqual(['2024-06-17', DAY_28_END]);
    expect(session.explanation.join('\n')).toContain('Mon 20 May 2024 + 15 calendar days = Tue 4 Jun 2024');
    expect(d.c.stage).toBe('session-due');
    expect(d.kinds()).toEqual(['session-referral-received']);
    expect(d.sent[0]?.notice.to).toEqual([CASEWORKER]);
    expect(d.metricCount(M.sessionsDue)).toBe(1);
  });

  it('sends staff to the configured team when the referral names no caseworker', () => {
    const d = new Driver(referral({ caseworkerEmail: null }), OPENED);
    expect(d.c.caseworkerEmail).toBe(config.teamAddress);
  });

  it("never sends the team's tasks to the SPoC inbox the notices come from: the configured team, else the SPoC lead", () => {
    const sender = demoProviderConfig.provider.spocAddress;
    const configured = informationSessionProcess.configFrom(demoProviderConfig);
    expect(configured.teamAddress).toBe('information-sessions@provider.example');
    const unset = informationSessionProcess.configFrom({ ...demoProviderConfig, informationSession: {} });
    expect(unset.teamAddress).toBe(demoProviderConfig.provider.spocLeadAddress);
    for (const c of [configured, unset]) expect(c.teamAddress).not.toBe(sender);
  });

  it('reminds staff before day 15 and alerts the SPoC lead when no outcome is recorded by then', () => {
    const d = new Driver(referral(), OPENED).runUntil('2024-06-05T12:00:00.000Z');
    expect(d.sent.map((s) => [s.notice.kind, s.at])).toEqual([
      ['session-referral-received', OPENED],
      ['session-reminder', '2024-05-30T08:00:00.000Z'],
      ['session-reminder', '2024-06-03T08:00:00.000Z'],
      ['session-overdue', DAY_15_END],
    ]);
    expect(d.sentOf('session-overdue')[0]?.notice.to).toEqual([CASEWORKER, SPOC_LEAD]);
    expect(d.metricCount(M.sessionsOverdue)).toBe(1);
    expect(d.c.stage).toBe('session-due');
  });
});

describe('the branches of ch.19', () => {
  it('attended + WP11: attachment due by day 28, closed when attached', () => {
    const d = new Driver(referral(), OPENED)
      .deliver('2024-05-21T10:00:00.000Z', ev.arranged('2024-05-28', '2024-05-21T10:00:00.000Z'))
      .deliver('2024-05-28T15:00:00.000Z', ev.attended('2024-05-28', '2024-05-28T15:00:00.000Z'));
    expect(d.c.stage).toBe('attended');
    d.deliver('2024-06-05T10:00:00.000Z', ev.wp11('2024-06-05T10:00:00.000Z'));
    expect(d.c.stage).toBe('attachment-due');
    const due = d.sentOf('attachment-due')[0]?.notice;
    expect(dueOf(due?.facts.attachment)).toBe('2024-06-17');
    d.deliver('2024-06-13T10:00:00.000Z', ev.attached('2024-06-13', '2024-06-13T10:00:00.000Z')).runUntil(
      '2024-07-01T00:00:00.000Z',
    );
    expect(d.c.stage).toBe('closed');
    expect(d.c.closedReason).toBe('attached');
    expect(d.c.attachment).toMatchObject({ attachedOn: '2024-06-13', onTime: true });
    // Reminder 5 days before Mon 17 Jun: Wed 12 Jun. The one a day before (Sun 16 Jun) would be Fri 14 Jun: not reached.
    expect(d.sent.map((s) => [s.notice.kind, s.at])).toEqual([
      ['session-referral-received', OPENED],
      ['attachment-due', '2024-06-05T10:00:00.000Z'],
      ['attachment-reminder', '2024-06-12T08:00:00.000Z'],
    ]);
    expect([d.metricCount(M.attended), d.metricCount(M.wp11Received), d.metricCount(M.attachedOnTime)]).toEqual([
      1, 1, 1,
    ]);
    expect(d.plans.at(-1)).toEqual({ next: 'end', stage: 'closed' });
  });

  it('attached after day 28 is recorded late; no attachment by then alerts the SPoC lead', () => {
    const d = new Driver(referral(), OPENED)
      .deliver('2024-05-28T15:00:00.000Z', ev.attended('2024-05-28', '2024-05-28T15:00:00.000Z'))
      .deliver('2024-06-10T21:00:00.000Z', ev.wp11('2024-06-10T21:00:00.000Z'))
      .runUntil('2024-06-18T12:00:00.000Z');
    expect(d.c.stage).toBe('attachment-due');
    expect(d.sent.map((s) => [s.notice.kind, s.at]).slice(1)).toEqual([
      ['attachment-due', '2024-06-10T21:00:00.000Z'],
      ['attachment-reminder', '2024-06-12T08:00:00.000Z'],
      ['attachment-reminder', '2024-06-14T08:00:00.000Z'],
      ['attachment-overdue', DAY_28_END],
    ]);
    d.deliver('2024-06-18T12:00:00.000Z', ev.attached('2024-06-18', '2024-06-18T12:00:00.000Z'));
    expect(d.c.attachment?.onTime).toBe(false);
    expect(d.metricCount(M.attachedLate)).toBe(1);
  });

  it("attended, no WP11: at the end of day 21 a task to cancel on PRaP as 'Did Not Start', chased until confirmed", () => {
    const d = new Driver(referral(), OPENED)
      .deliver('2024-05-28T15:00:00.000Z', ev.attended('2024-05-28', '2024-05-28T15:00:00.000Z'))
      .runUntil('2024-06-12T12:00:00.000Z');
    expect(d.c.stage).toBe('cancel-due');
    expect(d.sent.map((s) => [s.notice.kind, s.at]).slice(1)).toEqual([
      ['cancel-did-not-start', DAY_21_END],
      // Day one of the chase is the first working day after day 21: Tue 11 Jun, then Wed 12 Jun.
      ['cancel-did-not-start-chase', '2024-06-11T08:00:00.000Z'],
      ['cancel-did-not-start-chase', '2024-06-12T08:00:00.000Z'],
    ]);
    expect(d.metricCount(M.cancelTasks)).toBe(1);
    d.deliver('2024-06-12T14:00:00.000Z', ev.cancelled('2024-06-12', '2024-06-12T14:00:00.000Z')).runUntil(
      '2024-07-30T00:00:00.000Z',
    );
    expect(d.c).toMatchObject({ stage: 'closed', closedReason: 'cancelled-did-not-start' });
    expect(d.c.cancellation).toEqual({
      taskAt: DAY_21_END,
      cancelledOn: '2024-06-12',
      confirmedBy: 'caseworker1@provider.example',
    });
    expect(d.metricCount(M.cancelledDidNotStart)).toBe(1);
    expect(d.sentOf('cancel-did-not-start-chase')).toHaveLength(2);
  });

  it('stops chasing after the configured number, the last chase saying so; the task stays open', () => {
    const d = new Driver(referral(), OPENED).runUntil('2024-08-01T00:00:00.000Z');
    const chases = d.sentOf('cancel-did-not-start-chase');
    expect(chases).toHaveLength(config.maxChases);
    expect(chases.map((s) => s.notice.facts.lastChase)).toEqual([false, false, false, false, true]);
    expect(d.c.stage).toBe('cancel-due');
    expect(planNextStep(d.c, d.now, d.startedAt, config)).toMatchObject({
      next: 'await',
      awaiting: 'prap-cancellation',
      afterwards: 'continue-as-new',
    });
  });

  it('mandated DNA: Jobcentre Plus told through the locally agreed route, chased until staff confirm', () => {
    const d = new Driver(
      referral({
        mandation: 'mandatory',
        annotation: 'Work Programme Information Session-Mandatory',
        esaGroup: 'esa-c-wrag',
        esaGroupText: 'ESA (C) WRAG',
      }),
      OPENED,
    ).deliver('2024-05-28T15:00:00.000Z', ev.dna('2024-05-28', '2024-05-28T15:00:00.000Z'));
    expect(d.c.stage).toBe('did-not-attend');
    const task = d.sentOf('dna-notify-jcp');
    expect(task).toHaveLength(1);
    expect(task[0]?.at).toBe('2024-05-28T15:00:00.000Z');
    expect(task[0]?.notice.to).toEqual([CASEWORKER, SPOC_LEAD]);
    expect(task[0]?.notice.facts).toMatchObject({ sessionDate: '2024-05-28', mandationQueried: false });
    expect(d.c.audit.at(-1)?.detail).toContain('without this notice Jobcentre Plus cannot pursue sanction activity');
    d.runUntil('2024-05-29T12:00:00.000Z');
    expect(d.sentOf('dna-notify-jcp-chase').map((s) => s.at)).toEqual(['2024-05-29T08:00:00.000Z']);
    d.deliver('2024-05-29T12:00:00.000Z', ev.jcpNotified('2024-05-29', '2024-05-29T12:00:00.000Z')).runUntil(
      '2024-06-09T00:00:00.000Z',
    );
    expect(d.sentOf('dna-notify-jcp-chase')).toHaveLength(1);
    expect(d.c.dnaNotices).toEqual([
      {
        sessionDate: '2024-05-28',
        taskAt: '2024-05-28T15:00:00.000Z',
        notifiedOn: '2024-05-29',
        route: 'phone to the Jobcentre Plus work coach',
      },
    ]);
    expect(d.metricCount(M.notAttended, { Mandation: 'mandatory' })).toBe(1);
    expect(d.metricCount(M.dnaNoticeTasks)).toBe(1);
    expect(d.metricCount(M.dnaNoticesSent)).toBe(1);
    d.runUntil('2024-06-11T00:00:00.000Z');
    expect(d.c.stage).toBe('cancel-due');
  });

  it('a closed case keeps chasing an unconfirmed DNA notice, and ends once it is confirmed', () => {
    const d = new Driver(referral({ mandation: 'mandatory', esaGroup: 'esa-c-wrag' }), OPENED)
      .deliver('2024-05-28T15:00:00.000Z', ev.dna('2024-05-28', '2024-05-28T15:00:00.000Z'))
      .deliver('2024-05-28T16:00:00.000Z', ev.wp11('2024-05-28T16:00:00.000Z'))
      .deliver('2024-05-28T17:00:00.000Z', ev.attached('2024-05-28', '2024-05-28T17:00:00.000Z'));
    expect(d.c.closedReason).toBe('attached');
    expect(planNextStep(d.c, d.now, d.startedAt, config)).toMatchObject({
      next: 'await',
      awaiting: 'dna-confirmation',
      afterwards: 'dna-chase',
      until: '2024-05-29T08:00:00.000Z',
    });
    d.runUntil('2024-05-30T12:00:00.000Z');
    expect(d.sentOf('dna-notify-jcp-chase').map((s) => s.at)).toEqual([
      '2024-05-29T08:00:00.000Z',
      '2024-05-30T08:00:00.000Z',
    ]);
    d.deliver('2024-05-30T12:00:00.000Z', ev.jcpNotified('2024-05-30', '2024-05-30T12:00:00.000Z'));
    expect(planNextStep(d.c, d.now, d.startedAt, config)).toEqual({ next: 'end', stage: 'closed' });
    expect(d.metricCount(M.dnaNoticesSent)).toBe(1);
  });

  it('voluntary DNA: no notice to Jobcentre Plus; cancelled after day 21', () => {
    const d = new Driver(referral(), OPENED)
      .deliver('2024-05-28T15:00:00.000Z', ev.dna('2024-05-28', '2024-05-28T15:00:00.000Z'))
      .runUntil('2024-06-10T23:30:00.000Z');
    expect(d.kinds()).toEqual(['session-referral-received', 'cancel-did-not-start']);
    expect(d.metricCount(M.notAttended, { Mandation: 'voluntary' })).toBe(1);
    expect(d.metricCount(M.dnaNoticeTasks)).toBe(0);
    expect(d.c.audit.some((a) => a.detail?.includes('picked up at their follow-up interview'))).toBe(true);
  });

  it('a voluntary participant who did not attend may still volunteer: a WP11 within 21 days is acted on', () => {
    const d = new Driver(referral(), OPENED)
      .deliver('2024-05-28T15:00:00.000Z', ev.dna('2024-05-28', '2024-05-28T15:00:00.000Z'))
      .deliver('2024-06-07T10:00:00.000Z', ev.wp11('2024-06-07T10:00:00.000Z'));
    expect(d.c.stage).toBe('attachment-due');
  });

  it('rearranged and attended before day 21: the clock is not restarted', () => {
    const d = new Driver(referral({ mandation: 'mandatory', esaGroup: 'esa-c-wrag' }), OPENED)
      .deliver('2024-05-21T10:00:00.000Z', ev.arranged('2024-05-28', '2024-05-21T10:00:00.000Z'))
      .deliver('2024-05-28T15:00:00.000Z', ev.dna('2024-05-28', '2024-05-28T15:00:00.000Z'))
      .deliver('2024-05-29T10:00:00.000Z', ev.arranged('2024-06-06', '2024-05-29T10:00:00.000Z'))
      .deliver('2024-06-06T15:00:00.000Z', ev.attended('2024-06-06', '2024-06-06T15:00:00.000Z'));
    expect(d.c.stage).toBe('attended');
    expect(d.c.sessions).toEqual([
      { date: '2024-05-28', rearranged: false, outcome: 'did-not-attend', recordedAt: '2024-05-28T15:00:00.000Z' },
      { date: '2024-06-06', rearranged: true, outcome: 'attended', recordedAt: '2024-06-06T15:00:00.000Z' },
    ]);
    expect(d.c.deadlines.wp11Window.due).toBe('2024-06-10');
    d.deliver('2024-06-09T10:00:00.000Z', ev.wp11('2024-06-09T10:00:00.000Z'));
    expect(d.c.stage).toBe('attachment-due');
    expect(dueOf(d.sentOf('attachment-due')[0]?.notice.facts.attachment)).toBe('2024-06-17');
    expect(d.sentOf('cancel-did-not-start')).toHaveLength(0);
  });

  it('rearranged after day 21: the referral is still cancelled as Did Not Start; attending later changes nothing', () => {
    const d = new Driver(referral(), OPENED)
      .deliver('2024-05-28T15:00:00.000Z', ev.dna('2024-05-28', '2024-05-28T15:00:00.000Z'))
      .deliver('2024-05-29T10:00:00.000Z', ev.arranged('2024-06-12', '2024-05-29T10:00:00.000Z'));
    expect(d.c.audit.at(-1)?.detail).toContain('Jobcentre Plus makes a Work Programme referral');
    d.runUntil('2024-06-10T23:00:00.000Z');
    expect(d.c.stage).toBe('cancel-due');
    d.deliver('2024-06-12T15:00:00.000Z', ev.attended('2024-06-12', '2024-06-12T15:00:00.000Z'));
    expect(d.c.stage).toBe('cancel-due');
    expect(d.c.sessions.at(-1)).toMatchObject({ date: '2024-06-12', rearranged: true, outcome: 'attended' });
    d.deliver('2024-06-12T16:00:00.000Z', ev.cancelled('2024-06-12', '2024-06-12T16:00:00.000Z'));
    expect(d.c.closedReason).toBe('cancelled-did-not-start');
  });

  it('a WP11 after day 21 is flagged and the cancellation stays due (attach only to a Work Programme referral)', () => {
    const d = new Driver(referral(), OPENED)
      .deliver('2024-05-28T15:00:00.000Z', ev.attended('2024-05-28', '2024-05-28T15:00:00.000Z'))
      .deliver('2024-06-11T09:30:00.000Z', ev.wp11('2024-06-11T09:30:00.000Z'));
    expect(d.c.stage).toBe('cancel-due');
    expect(d.c.wp11?.late).toBe(true);
    expect(d.sentOf('wp11-late')[0]?.notice.to).toEqual([CASEWORKER, SPOC_LEAD]);
    expect(d.metricCount(M.wp11Late)).toBe(1);
    expect(d.metricCount(M.wp11Received)).toBe(0);
  });

  it('a WP11 received at the last moment of day 21 counts; the first moment after does not', () => {
    const c = new Driver(referral(), OPENED).c;
    const onTime = ev.wp11(DAY_21_END);
    const late = ev.wp11('2024-06-10T23:00:00.000Z');
    expect(routeEvent(c, onTime)).toBe('record-wp11');
    expect(routeEvent(c, late)).toBe('late-wp11');
  });

  it('ineligible mandation: flagged to the SPoC lead at referral, and carried on a DNA task', () => {
    const d = new Driver(
      referral({ mandation: 'mandatory', esaGroup: 'esa-ir-support-group', esaGroupText: 'ESA (IR) Support Group' }),
      OPENED,
    );
    const flagged = d.sentOf('mandation-flagged');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.notice.to).toEqual([SPOC_LEAD]);
    expect(flagged[0]?.notice.facts.message).toContain('cannot be mandated');
    expect(d.c.mandationCheck.ok).toBe(false);
    expect(d.metricCount(M.mandationFlagged)).toBe(1);
    d.deliver('2024-05-28T15:00:00.000Z', ev.dna('2024-05-28', '2024-05-28T15:00:00.000Z'));
    expect(d.sentOf('dna-notify-jcp')[0]?.notice.facts.mandationQueried).toBe(true);
  });

  it('wrong attachment: back-out instruction (PRaP16) and the fees alert; the correct attachment still closes the case', () => {
    const d = new Driver(referral(), OPENED)
      .deliver('2024-05-28T15:00:00.000Z', ev.attended('2024-05-28', '2024-05-28T15:00:00.000Z'))
      .deliver('2024-06-05T10:00:00.000Z', ev.wp11('2024-06-05T10:00:00.000Z'))
      .deliver(
        '2024-06-06T10:00:00.000Z',
        ev.attached('2024-06-06', '2024-06-06T10:00:00.000Z', 'information-session'),
      );
    expect(d.c.stage).toBe('attachment-due');
    const wrong = d.sentOf('wrong-attachment');
    expect(wrong).toHaveLength(1);
    expect(wrong[0]?.notice.to).toEqual([CASEWORKER, SPOC_LEAD, CONTRACT_MANAGER]);
    expect(d.c.audit.at(-1)?.detail).toMatch(/PRaP16.*recovered by DWP/);
    expect(d.metricCount(M.wrongAttachments)).toBe(1);
    d.deliver('2024-06-07T10:00:00.000Z', ev.backedOut('2024-06-07', '2024-06-07T10:00:00.000Z'));
    expect(d.c.wrongAttachments).toEqual([
      { attachedOn: '2024-06-06', recordedAt: '2024-06-06T10:00:00.000Z', backedOutOn: '2024-06-07' },
    ]);
    d.deliver('2024-06-07T11:00:00.000Z', ev.attached('2024-06-07', '2024-06-07T11:00:00.000Z'));
    expect(d.c.closedReason).toBe('attached');
  });

  it('a wrong attachment is caught in any stage, even before a WP11 or after closing', () => {
    const d = new Driver(referral(), OPENED).deliver(
      '2024-05-22T10:00:00.000Z',
      ev.attached('2024-05-22', '2024-05-22T10:00:00.000Z', 'information-session'),
    );
    expect(d.sentOf('wrong-attachment')).toHaveLength(1);
    expect(d.c.stage).toBe('session-due');
  });

  it('an attachment to a Work Programme referral before any WP11 is flagged (para 11), not taken as done', () => {
    const d = new Driver(referral(), OPENED).deliver(
      '2024-05-22T10:00:00.000Z',
      ev.attached('2024-05-22', '2024-05-22T10:00:00.000Z'),
    );
    expect(d.c.stage).toBe('session-due');
    expect(d.sentOf('event-flagged')[0]?.notice.facts.reason).toContain('para 11');
  });

  it('a cancellation confirmed before day 21 is flagged and the case stays open', () => {
    const d = new Driver(referral(), OPENED).deliver(
      '2024-05-22T10:00:00.000Z',
      ev.cancelled('2024-05-22', '2024-05-22T10:00:00.000Z'),
    );
    expect(d.c.stage).toBe('session-due');
    expect(d.kinds()).toContain('event-flagged');
  });
});

describe('idempotency and the plan', () => {
  it('applying an event or a timer twice changes nothing the second time', () => {
    const opened = openInformationSessionCase('IS-1', referral(), Date.parse(OPENED), config).case;
    const e = ev.attended('2024-05-28', '2024-05-28T15:00:00.000Z');
    const once = applyEvent({ ...opened, inbox: [e] }, e, Date.parse('2024-05-28T15:00:00.000Z'), config);
    const twice = applyEvent(once.case, e, Date.parse('2024-05-28T15:00:01.000Z'), config);
    expect(twice).toEqual({ case: once.case, notices: [], metrics: [] });
    const timer = pendingTimers(opened, config)[0];
    if (!timer) throw new Error('no timer');
    const fired = applyTimer(opened, timer, Date.parse(timer.at), config);
    expect(applyTimer(fired.case, timer, Date.parse(timer.at) + 1, config).notices).toEqual([]);
  });

  it('awaits the next timer with its timeout, and hands over to a fresh execution before a year', () => {
    const c = openInformationSessionCase('IS-1', referral(), Date.parse(OPENED), config).case;
    expect(planNextStep(c, Date.parse(OPENED), Date.parse(OPENED), config)).toEqual({
      next: 'await',
      stage: 'session-due',
      awaiting: 'session-outcome',
      timeoutSeconds: (Date.parse('2024-05-30T08:00:00.000Z') - Date.parse(OPENED)) / 1000,
      until: '2024-05-30T08:00:00.000Z',
      afterwards: 'session-reminder',
    });
    const late = Date.parse(OPENED) + 400 * 86_400_000;
    const started = late - 361 * 86_400_000;
    const cancelDue = { ...c, stage: 'cancel-due' as const, done: {} };
    expect(planNextStep(cancelDue, late, started, { ...config, maxChases: 0 })).toEqual({
      next: 'continue-as-new',
      stage: 'cancel-due',
    });
  });

  it('a reminder whose moment had passed when the case was opened is not sent late', () => {
    const d = new Driver(referral(), '2024-06-01T12:00:00.000Z').runUntil('2024-06-04T12:00:00.000Z');
    expect(d.sentOf('session-reminder').map((s) => s.at)).toEqual(['2024-06-03T08:00:00.000Z']);
  });
});
