import { addCalendarDays, formatLongDate, londonDateOf, londonInstant } from '../calendar/london.ts';
import type { IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import type { ProviderConfig } from '../config.ts';
import { computeDeadline } from '../deadlines/rules.ts';
import {
  consumeInboxEvent,
  enqueueInboxEvent,
  type Plan as GenericPlan,
  type MetricIntent,
  type NoticeIntentOf,
  planFromRecord,
  type TransitionOf,
} from '../lifecycle/plan.ts';

export type { MetricIntent } from '../lifecycle/plan.ts';

import { maskNino } from '../nino.ts';
import type {
  AuditEntry,
  InformationSessionCase,
  InformationSessionEvent,
  InformationSessionStage,
  SessionRecord,
} from './case.ts';
import { checkMandation } from './eligibility.ts';
import type { InformationSessionReferral } from './referral.ts';

/**
 * The Information Session lifecycle (ch.19) as pure functions over the case record, in the shape of the Exit
 * Report lifecycle: `planNextStep` says what to do next, `applyEvent` / `applyTimer` return the new record with
 * the notices (intents: a kind and facts) and the dashboard figures. Nothing here reads a clock or touches PRaP:
 * where the guidance asks for a PRaP action, the provider's staff get a task, confirm it, and are chased.
 */

export { EXECUTION_LIFETIME_MS } from '../lifecycle/plan.ts';

export interface InformationSessionConfig {
  /** Who runs the sessions when the referral names no caseworker. */
  teamAddress: string;
  spocLeadAddress: string;
  /** Told of an attachment to an Information Session referral: DWP recovers the fees (para 14). */
  contractManagerAddress: string;
  /** Session reminders, in calendar days before the 15-day date (the rule counts calendar days). */
  sessionReminderDaysBefore: number[];
  /** Attachment reminders, in calendar days before the 28-day date. */
  attachmentReminderDaysBefore: number[];
  /** An unconfirmed task (PRaP cancellation, telling Jobcentre Plus of a DNA) is chased every N working days. */
  chaseEveryWorkingDays: number;
  /** At most this many chases per task; the task stays open afterwards and the last chase says so. */
  maxChases: number;
  /** Time of day (Europe/London) at which reminders and chases are sent. */
  noticeTime: string;
}

export function informationSessionConfigFrom(
  provider: ProviderConfig,
  overrides: Partial<InformationSessionConfig> = {},
): InformationSessionConfig {
  return {
    // The SPoC address is the inbox notices are sent from (a no-reply sender to staff): never the team's.
    teamAddress: provider.provider.spocLeadAddress,
    spocLeadAddress: provider.provider.spocLeadAddress,
    contractManagerAddress: provider.provider.contractManagerAddress,
    sessionReminderDaysBefore: [5, 1],
    attachmentReminderDaysBefore: [5, 1],
    chaseEveryWorkingDays: 1,
    maxChases: 5,
    noticeTime: provider.noticeTime,
    ...overrides,
  };
}

/** The dashboard figures (EMF metric names). */
export const INFORMATION_SESSION_METRICS = Object.freeze({
  sessionsDue: 'InformationSessionsDue',
  attended: 'InformationSessionsAttended',
  notAttended: 'InformationSessionsNotAttended',
  dnaNoticeTasks: 'InformationSessionDnaNoticeTasks',
  dnaNoticesSent: 'InformationSessionDnaNoticesSent',
  sessionsOverdue: 'InformationSessionsOverdue',
  wp11Received: 'InformationSessionWp11Received',
  wp11Late: 'InformationSessionWp11Late',
  cancelTasks: 'InformationSessionCancelTasks',
  cancelledDidNotStart: 'InformationSessionsCancelledDidNotStart',
  attachedOnTime: 'InformationSessionAttachmentsOnTime',
  attachedLate: 'InformationSessionAttachmentsLate',
  attachmentsOverdue: 'InformationSessionAttachmentsOverdue',
  wrongAttachments: 'InformationSessionWrongAttachments',
  mandationFlagged: 'InformationSessionMandationFlagged',
});

export type TimerKind =
  | 'session-reminder'
  | 'session-overdue'
  | 'wp11-window-closed'
  | 'cancel-chase'
  | 'dna-chase'
  | 'attachment-reminder'
  | 'attachment-overdue';

export interface DueTimer {
  kind: TimerKind;
  at: string;
  /** Key in `case.done` once acted on. */
  key: string;
  daysBefore?: number;
  /** For chases: which chase (1-based); for dna-chase, which DNA record (`index`). */
  chase?: number;
  index?: number;
}

/** 'dna-confirmation': a closed case still waiting for staff to confirm they told Jobcentre Plus of a DNA. */
export type Awaiting = 'session-outcome' | 'wp11' | 'attachment' | 'prap-cancellation' | 'dna-confirmation';

export type EventRoute =
  | 'record-session-arranged'
  | 'record-session-outcome'
  | 'record-jcp-dna-notified'
  | 'record-wp11'
  | 'late-wp11'
  | 'record-prap-cancellation'
  | 'record-attachment'
  | 'wrong-attachment'
  | 'record-back-out'
  | 'flag';

export type Plan = GenericPlan<InformationSessionStage, InformationSessionEvent, EventRoute, DueTimer, Awaiting>;

export type InformationSessionNoticeKind =
  /** To the caseworker at opening: the session date, the WP11 window, how each was counted. */
  | 'session-referral-received'
  /** To the SPoC lead: marked mandatory for a group Annex A says cannot be mandated (or an unknown group). */
  | 'mandation-flagged'
  | 'session-reminder'
  | 'session-overdue'
  /** Task: tell Jobcentre Plus through the locally agreed route that a mandated participant did not attend. */
  | 'dna-notify-jcp'
  | 'dna-notify-jcp-chase'
  /** Task: cancel the referral on PRaP with reason 'Did Not Start'. */
  | 'cancel-did-not-start'
  | 'cancel-did-not-start-chase'
  /** A WP11 arrived: attachment activity due by day 28. */
  | 'attachment-due'
  | 'attachment-reminder'
  | 'attachment-overdue'
  /** An attachment to an Information Session referral: back it out (PRaP16); DWP recovers fees paid on it. */
  | 'wrong-attachment'
  /** A WP11 arrived after day 21. */
  | 'wp11-late'
  | 'event-flagged';

export type InformationSessionNoticeIntent = NoticeIntentOf<InformationSessionNoticeKind>;

export type Transition = TransitionOf<InformationSessionCase, InformationSessionNoticeIntent>;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function participantFacts(c: InformationSessionCase): Record<string, unknown> {
  return { caseRef: c.caseId, nino: c.referral.nino, scr: c.referral.scr, mandation: c.referral.mandation };
}

function withAudit(c: InformationSessionCase, now: number, entries: Omit<AuditEntry, 'at'>[]): InformationSessionCase {
  return { ...c, audit: [...c.audit, ...entries.map((e) => ({ at: iso(now), ...e }))] };
}

const APPLIED_EVENT_MEMORY = 50;

function consume(c: InformationSessionCase, event: InformationSessionEvent): InformationSessionCase {
  return consumeInboxEvent(c, event, APPLIED_EVENT_MEMORY);
}

/** Adds an event to the inbox unless it is already there or was applied: one effect per event. */
export function enqueueEvent(
  c: InformationSessionCase,
  event: InformationSessionEvent,
): { case: InformationSessionCase; duplicate: boolean } {
  return enqueueInboxEvent(c, event);
}

/**
 * A new case for an Information Session referral: the three dates counted from the referral date, the Annex A
 * check (a failed one is flagged to the SPoC lead, never silently accepted), and the caseworker told.
 */
export function openInformationSessionCase(
  caseId: string,
  referral: InformationSessionReferral,
  now: number,
  config: InformationSessionConfig,
): Transition {
  const { referralDate, division } = referral;
  const session = computeDeadline('info-session', referralDate, division);
  const wp11Window = computeDeadline('info-session-cancel', referralDate, division);
  const attachment = computeDeadline('attachment', referralDate, division);
  const mandationCheck = checkMandation(referral);
  const caseworkerEmail = referral.caseworkerEmail ?? config.teamAddress;
  const entries: Omit<AuditEntry, 'at'>[] = [
    {
      what: 'case opened',
      detail: `${referral.mandation === 'mandatory' ? 'Mandatory' : 'Voluntary'} Information Session referral of ${referralDate}${referral.scr ? ' (SCR, referred clerically)' : ''}; session due by ${session.due}; WP11 awaited until ${wp11Window.due}; attachment (if a WP11 comes) by ${attachment.due}.`,
    },
  ];
  const notices: InformationSessionNoticeIntent[] = [];
  const metrics: MetricIntent[] = [{ name: INFORMATION_SESSION_METRICS.sessionsDue, value: 1 }];
  const c: InformationSessionCase = {
    caseId,
    referral,
    caseworkerEmail,
    stage: 'session-due',
    closedReason: null,
    mandationCheck,
    deadlines: { session, wp11Window, attachment },
    sessions: [],
    dnaNotices: [],
    wp11: null,
    cancellation: null,
    attachment: null,
    wrongAttachments: [],
    done: {},
    inbox: [],
    appliedEventIds: [],
    audit: [],
    openedAt: iso(now),
    version: 0,
  };
  notices.push({
    intentId: `${caseId}:session-referral-received`,
    kind: 'session-referral-received',
    to: [caseworkerEmail],
    // The day it is sent: a referral imported late is told which dates have already passed.
    facts: { ...participantFacts(c), referralDate, session, wp11Window, attachment, sentOn: londonDateOf(iso(now)) },
  });
  if (!mandationCheck.ok) {
    entries.push({ what: 'mandation flagged', detail: mandationCheck.message, flag: true });
    notices.push({
      intentId: `${caseId}:mandation-flagged`,
      kind: 'mandation-flagged',
      to: [config.spocLeadAddress],
      facts: {
        ...participantFacts(c),
        code: mandationCheck.code,
        message: mandationCheck.message,
        esaGroup: mandationCheck.row?.participant ?? referral.esaGroupText,
      },
    });
    metrics.push({ name: INFORMATION_SESSION_METRICS.mandationFlagged, value: 1 });
  }
  return { case: withAudit(c, now, entries), notices, metrics };
}

const BEFORE_DAY_21: readonly InformationSessionStage[] = ['session-due', 'attended', 'did-not-attend'];

/** Where an event goes in the stage the case is in. */
export function routeEvent(c: InformationSessionCase, event: InformationSessionEvent): EventRoute {
  const stage = c.stage;
  switch (event.type) {
    case 'session-arranged':
      return stage === 'session-due' || stage === 'did-not-attend' || stage === 'cancel-due'
        ? 'record-session-arranged'
        : 'flag';
    case 'session-outcome':
      return stage === 'session-due' || stage === 'did-not-attend' || stage === 'cancel-due'
        ? 'record-session-outcome'
        : 'flag';
    case 'jcp-dna-notified':
      return c.dnaNotices.some((n) => n.notifiedOn === null) ? 'record-jcp-dna-notified' : 'flag';
    case 'wp11-received':
      if (BEFORE_DAY_21.includes(stage)) {
        return Date.parse(event.receivedAt) <= Date.parse(c.deadlines.wp11Window.dueAt) ? 'record-wp11' : 'late-wp11';
      }
      return stage === 'cancel-due' ? 'late-wp11' : 'flag';
    case 'prap-cancelled':
      return stage === 'cancel-due' ? 'record-prap-cancellation' : 'flag';
    case 'attachment-recorded':
      if (event.referralType === 'information-session') return 'wrong-attachment';
      return stage === 'attachment-due' ? 'record-attachment' : 'flag';
    case 'attachment-backed-out':
      return c.wrongAttachments.some((w) => w.backedOutOn === null) ? 'record-back-out' : 'flag';
  }
}

function chaseDate(c: InformationSessionCase, fromDate: IsoDate, n: number, config: InformationSessionConfig): IsoDate {
  const calendar = calendarFor(c.referral.division);
  // Day one is the first working day after the task's date.
  return calendar.workingDaysFrom(addCalendarDays(fromDate, 1), n * config.chaseEveryWorkingDays);
}

/**
 * The day of a reminder k calendar days before a due date; one that falls on a weekend or bank holiday is sent on
 * the working day before, when staff are there to read it.
 */
export function reminderDay(c: InformationSessionCase, due: IsoDate, k: number): IsoDate {
  const calendar = calendarFor(c.referral.division);
  const day = addCalendarDays(due, -k);
  return calendar.isWorkingDay(day) ? day : calendar.workingDaysBefore(day, 1);
}

/** The timers that apply now, not yet acted on, earliest first. */
export function pendingTimers(c: InformationSessionCase, config: InformationSessionConfig): DueTimer[] {
  const timers: DueTimer[] = [];
  const d = c.deadlines;
  const openedAt = Date.parse(c.openedAt);
  if (c.stage === 'session-due') {
    const days = new Set<IsoDate>();
    for (const k of [...config.sessionReminderDaysBefore].sort((a, b) => b - a)) {
      const day = reminderDay(c, d.session.due, k);
      if (days.has(day)) continue;
      days.add(day);
      const at = londonInstant(day, config.noticeTime);
      // A reminder whose moment had passed when the referral was opened is not sent late.
      if (Date.parse(at) > openedAt)
        timers.push({ kind: 'session-reminder', at, key: `session-reminder-${k}`, daysBefore: k });
    }
    timers.push({ kind: 'session-overdue', at: d.session.dueAt, key: 'session-overdue' });
  }
  if (BEFORE_DAY_21.includes(c.stage)) {
    timers.push({ kind: 'wp11-window-closed', at: d.wp11Window.dueAt, key: 'wp11-window-closed' });
  }
  if (c.stage === 'cancel-due' && c.cancellation) {
    const taskDate = londonDateOf(c.cancellation.taskAt);
    for (let n = 1; n <= config.maxChases; n++) {
      if (`cancel-chase-${n}` in c.done) continue;
      const at = londonInstant(chaseDate(c, taskDate, n, config), config.noticeTime);
      timers.push({ kind: 'cancel-chase', at, key: `cancel-chase-${n}`, chase: n });
      break;
    }
  }
  if (c.stage === 'attachment-due' && c.wp11) {
    const receivedAt = Date.parse(c.wp11.receivedAt);
    const days = new Set<IsoDate>();
    for (const k of [...config.attachmentReminderDaysBefore].sort((a, b) => b - a)) {
      const day = reminderDay(c, d.attachment.due, k);
      if (days.has(day)) continue;
      days.add(day);
      const at = londonInstant(day, config.noticeTime);
      if (Date.parse(at) > receivedAt) {
        timers.push({ kind: 'attachment-reminder', at, key: `attachment-reminder-${k}`, daysBefore: k });
      }
    }
    timers.push({ kind: 'attachment-overdue', at: d.attachment.dueAt, key: 'attachment-overdue' });
  }
  c.dnaNotices.forEach((notice, index) => {
    if (notice.notifiedOn !== null) return;
    const taskDate = londonDateOf(notice.taskAt);
    for (let n = 1; n <= config.maxChases; n++) {
      const key = `dna-chase-${index}-${n}`;
      if (key in c.done) continue;
      const at = londonInstant(chaseDate(c, taskDate, n, config), config.noticeTime);
      timers.push({ kind: 'dna-chase', at, key, chase: n, index });
      break;
    }
  });
  return timers.filter((t) => !(t.key in c.done)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function awaitingFor(stage: InformationSessionStage): Awaiting {
  if (stage === 'closed') return 'dna-confirmation';
  if (stage === 'session-due') return 'session-outcome';
  if (stage === 'attachment-due') return 'attachment';
  if (stage === 'cancel-due') return 'prap-cancellation';
  return 'wp11';
}

/** What the workflow does next, given the record, the time and when this execution started. */
export function planNextStep(
  c: InformationSessionCase,
  now: number,
  executionStartedAt: number,
  config: InformationSessionConfig,
): Plan {
  return planFromRecord(c, {
    route: (event) => routeEvent(c, event),
    timers: pendingTimers(c, config),
    awaiting: awaitingFor(c.stage),
    finished: (timer) => c.stage === 'closed' && !timer,
    now,
    executionStartedAt,
  });
}

const NONE: Omit<Transition, 'case'> = { notices: [], metrics: [] };

/** Records an event routed by `planNextStep`; a repeat of an applied event changes nothing. */
export function applyEvent(
  c: InformationSessionCase,
  event: InformationSessionEvent,
  now: number,
  config: InformationSessionConfig,
): Transition {
  if (c.appliedEventIds.includes(event.id)) return { case: c, ...NONE };
  const route = routeEvent(c, event);
  const d = c.deadlines;
  switch (route) {
    case 'record-session-arranged': {
      const e = event as Extract<InformationSessionEvent, { type: 'session-arranged' }>;
      const rearranged = c.sessions.length > 0;
      const session: SessionRecord = { date: e.sessionDate, rearranged, outcome: null, recordedAt: e.recordedAt };
      const entries: Omit<AuditEntry, 'at'>[] = [
        {
          what: rearranged ? 'session rearranged' : 'session arranged',
          detail: `Session on ${e.sessionDate} (recorded by ${e.recordedBy}).${rearranged ? ` No re-referral comes (para 8): the dates still run from the referral of ${c.referral.referralDate}.` : ''}`,
        },
      ];
      if (e.sessionDate > d.session.due) {
        entries.push({
          what: 'session after day 15',
          detail: `${e.sessionDate} is after the 15-day date ${d.session.due}.`,
          flag: !rearranged || undefined,
        });
      }
      if (e.sessionDate > d.wp11Window.due) {
        entries.push({
          what: 'session after day 21',
          detail: `${e.sessionDate} is after day 21 (${d.wp11Window.due}): the referral is cancelled as 'Did Not Start' after day 21 whatever happens; if the participant then wants to join, Jobcentre Plus makes a Work Programme referral (para 9, 12).`,
        });
      }
      return { case: withAudit({ ...consume(c, e), sessions: [...c.sessions, session] }, now, entries), ...NONE };
    }
    case 'record-session-outcome':
      return recordOutcome(c, event as Extract<InformationSessionEvent, { type: 'session-outcome' }>, now, config);
    case 'record-jcp-dna-notified': {
      const e = event as Extract<InformationSessionEvent, { type: 'jcp-dna-notified' }>;
      const index = c.dnaNotices.findIndex((n) => n.notifiedOn === null);
      const dnaNotices = c.dnaNotices.map((n, i) =>
        i === index ? { ...n, notifiedOn: e.notifiedOn, route: e.route } : n,
      );
      const missed = c.dnaNotices[index]?.sessionDate ?? '';
      return {
        case: withAudit({ ...consume(c, e), dnaNotices }, now, [
          {
            what: 'Jobcentre Plus told of non-attendance',
            detail: `Session of ${missed} missed; Jobcentre Plus told on ${e.notifiedOn} by ${e.route} (confirmed by ${e.confirmedBy}).`,
          },
        ]),
        notices: [],
        metrics: [{ name: INFORMATION_SESSION_METRICS.dnaNoticesSent, value: 1 }],
      };
    }
    case 'record-wp11': {
      const e = event as Extract<InformationSessionEvent, { type: 'wp11-received' }>;
      const notAttended = c.stage !== 'attended';
      const next: InformationSessionCase = {
        ...consume(c, e),
        stage: 'attachment-due',
        wp11: { receivedAt: e.receivedAt, messageId: e.messageId, facts: e.wp11, late: false },
      };
      return {
        case: withAudit(next, now, [
          {
            what: 'WP11 received',
            detail: `Received ${londonDateOf(e.receivedAt)}, within 21 days of the referral (day 21: ${d.wp11Window.due}); attachment activity on the Work Programme referral due by ${d.attachment.due}.${notAttended ? ' No attended session is recorded: a participant may volunteer without attending (para 7 note).' : ''}`,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:attachment-due`,
            kind: 'attachment-due',
            to: [c.caseworkerEmail],
            facts: { ...participantFacts(c), receivedAt: e.receivedAt, attachment: d.attachment, wp11: e.wp11 },
          },
        ],
        metrics: [{ name: INFORMATION_SESSION_METRICS.wp11Received, value: 1 }],
      };
    }
    case 'late-wp11': {
      const e = event as Extract<InformationSessionEvent, { type: 'wp11-received' }>;
      const reason = `A WP11 was received on ${formatLongDate(londonDateOf(e.receivedAt))}, after day 21 (${formatLongDate(d.wp11Window.due)}). Jobcentre Plus only issues a WP11 within 21 days of the referral; after that they make a Work Programme referral (para 12). The Information Session referral is still to be cancelled as 'Did Not Start'; do not attach to it. Check with Jobcentre Plus that a Work Programme referral will follow.`;
      return {
        case: withAudit(
          {
            ...consume(c, e),
            wp11: c.wp11 ?? { receivedAt: e.receivedAt, messageId: e.messageId, facts: e.wp11, late: true },
          },
          now,
          [{ what: 'late WP11 flagged', detail: reason, flag: true }],
        ),
        notices: [
          {
            intentId: `${c.caseId}:wp11-late:${e.id}`,
            kind: 'wp11-late',
            to: [c.caseworkerEmail, config.spocLeadAddress],
            facts: { ...participantFacts(c), receivedAt: e.receivedAt, wp11Window: d.wp11Window, reason },
          },
        ],
        metrics: [{ name: INFORMATION_SESSION_METRICS.wp11Late, value: 1 }],
      };
    }
    case 'record-prap-cancellation': {
      const e = event as Extract<InformationSessionEvent, { type: 'prap-cancelled' }>;
      const early = e.cancelledOn <= d.wp11Window.due;
      const next: InformationSessionCase = {
        ...consume(c, e),
        stage: 'closed',
        closedReason: 'cancelled-did-not-start',
        cancellation: {
          taskAt: c.cancellation?.taskAt ?? e.recordedAt,
          cancelledOn: e.cancelledOn,
          confirmedBy: e.confirmedBy,
        },
      };
      return {
        case: withAudit(next, now, [
          {
            what: "referral cancelled on PRaP: 'Did Not Start'",
            detail: `Cancelled ${e.cancelledOn} (confirmed by ${e.confirmedBy}).${early ? ` That is not after day 21 (${d.wp11Window.due}): check the date.` : ''}`,
            flag: early || undefined,
          },
        ]),
        notices: [],
        metrics: [{ name: INFORMATION_SESSION_METRICS.cancelledDidNotStart, value: 1 }],
      };
    }
    case 'record-attachment': {
      const e = event as Extract<InformationSessionEvent, { type: 'attachment-recorded' }>;
      const onTime = e.attachedOn <= d.attachment.due;
      return {
        case: withAudit(
          {
            ...consume(c, e),
            stage: 'closed',
            closedReason: 'attached',
            attachment: { attachedOn: e.attachedOn, onTime, recordedBy: e.recordedBy },
          },
          now,
          [
            {
              what: 'attached to the Work Programme referral',
              detail: `Attached ${e.attachedOn} (recorded by ${e.recordedBy}): ${onTime ? 'within' : 'LATE, after'} 28 days of the referral (${d.attachment.due}).`,
              flag: onTime ? undefined : true,
            },
          ],
        ),
        notices: [],
        metrics: [
          {
            name: onTime ? INFORMATION_SESSION_METRICS.attachedOnTime : INFORMATION_SESSION_METRICS.attachedLate,
            value: 1,
          },
        ],
      };
    }
    case 'wrong-attachment': {
      const e = event as Extract<InformationSessionEvent, { type: 'attachment-recorded' }>;
      const detail = `An attachment was recorded on ${e.attachedOn} against the Information Session referral (by ${e.recordedBy}). Attachments are only made to Work Programme referrals (para 14): back it out using the normal PRaP16 process. Any fees paid resulting from an incorrect attachment will be recovered by DWP.`;
      return {
        case: withAudit(
          {
            ...consume(c, e),
            wrongAttachments: [
              ...c.wrongAttachments,
              { attachedOn: e.attachedOn, recordedAt: e.recordedAt, backedOutOn: null },
            ],
          },
          now,
          [{ what: 'incorrect attachment to an Information Session referral', detail, flag: true }],
        ),
        notices: [
          {
            intentId: `${c.caseId}:wrong-attachment:${e.id}`,
            kind: 'wrong-attachment',
            to: [c.caseworkerEmail, config.spocLeadAddress, config.contractManagerAddress],
            facts: {
              ...participantFacts(c),
              attachedOn: e.attachedOn,
              recordedBy: e.recordedBy,
              wp11Received: c.wp11 !== null && !c.wp11.late,
              attachment: c.stage === 'attachment-due' ? d.attachment : null,
            },
          },
        ],
        metrics: [{ name: INFORMATION_SESSION_METRICS.wrongAttachments, value: 1 }],
      };
    }
    case 'record-back-out': {
      const e = event as Extract<InformationSessionEvent, { type: 'attachment-backed-out' }>;
      const index = c.wrongAttachments.findIndex((w) => w.backedOutOn === null);
      return {
        case: withAudit(
          {
            ...consume(c, e),
            wrongAttachments: c.wrongAttachments.map((w, i) =>
              i === index ? { ...w, backedOutOn: e.backedOutOn } : w,
            ),
          },
          now,
          [
            {
              what: 'incorrect attachment backed out (PRaP16)',
              detail: `Backed out ${e.backedOutOn} (by ${e.recordedBy}).`,
            },
          ],
        ),
        ...NONE,
      };
    }
    case 'flag':
      return flagEvent(c, event, now, config);
  }
}

/** Where the referral stands, in words (the flag notices and the audit say it so). */
function describeStage(c: InformationSessionCase): string {
  const d = c.deadlines;
  switch (c.stage) {
    case 'session-due':
      return `the session is to be held by the end of ${formatLongDate(d.session.due)}`;
    case 'attended':
      return `the participant attended; a WP11 may come until the end of ${formatLongDate(d.wp11Window.due)} (day 21)`;
    case 'did-not-attend':
      return `the participant did not attend; a WP11 may still come until the end of ${formatLongDate(d.wp11Window.due)} (day 21)`;
    case 'attachment-due':
      return `a WP11 was received; attachment to the Work Programme referral is due by the end of ${formatLongDate(d.attachment.due)}`;
    case 'cancel-due':
      return `day 21 (${formatLongDate(d.wp11Window.due)}) ended with no WP11; the referral is to be cancelled on PRaP as 'Did Not Start'`;
    case 'closed':
      return c.closedReason === 'attached'
        ? 'closed: the participant was attached to the Work Programme referral'
        : "closed: the referral was cancelled on PRaP as 'Did Not Start'";
  }
}

/** What was recorded, and why it does not fit, in the seeds' words; then what to do. */
function flagReason(c: InformationSessionCase, event: InformationSessionEvent): string {
  const beforeDay21 = BEFORE_DAY_21.includes(c.stage);
  switch (event.type) {
    case 'attachment-recorded':
      return beforeDay21
        ? `An attachment to the Work Programme referral was recorded on ${formatLongDate(event.attachedOn)}, but no WP11 has been received yet: do not undertake attachment activity until Jobcentre Plus sends the WP11 (ch.19 para 11). If the attachment was recorded by mistake, back it out on PRaP.`
        : `An attachment to the Work Programme referral was recorded on ${formatLongDate(event.attachedOn)}, but no WP11 came within 21 days of this Information Session referral: a later Work Programme referral is a case of its own (ch.19 para 12). Check the attachment on PRaP.`;
    case 'prap-cancelled':
      return `A PRaP cancellation on ${formatLongDate(event.cancelledOn)} was recorded before it was due: cancel only once 21 days have passed from the referral date without a WP11 (ch.19 paras 5, 7, 13). Check the referral on PRaP; if it was cancelled early, tell the SPoC lead.`;
    case 'wp11-received':
      return 'A second WP11 was received, or one came after the case closed: nothing was changed. Check with Jobcentre Plus which referral it is about.';
    case 'session-arranged':
      return `A session on ${formatLongDate(event.sessionDate)} was recorded, but a session is no longer due. Nothing was changed; check the participant's record.`;
    case 'session-outcome':
      return `A session outcome (${event.outcome === 'attended' ? 'attended' : 'did not attend'}, ${formatLongDate(event.sessionDate)}) was recorded, but an outcome was already recorded and acted on. Nothing was changed; if the first outcome was wrong, tell the SPoC lead.`;
    case 'jcp-dna-notified':
      return `Jobcentre Plus was recorded as told of a non-attendance on ${formatLongDate(event.notifiedOn)}, but no non-attendance is waiting to be told. Nothing was changed.`;
    case 'attachment-backed-out':
      return `A back-out on ${formatLongDate(event.backedOutOn)} was recorded, but no incorrect attachment is waiting to be backed out. Nothing was changed; check the referral on PRaP.`;
  }
}

/** Why an event would be kept but not acted on where the case stands now, or null if it would be acted on. */
export function whyNotActedOn(c: InformationSessionCase, event: InformationSessionEvent): string | null {
  return routeEvent(c, event) === 'flag'
    ? `${flagReason(c, event)} (Where the referral stands: ${describeStage(c)}.)`
    : null;
}

/** An event that does not fit the case's stage is flagged to the SPoC lead and kept in the audit, never dropped. */
export function flagEvent(
  c: InformationSessionCase,
  event: InformationSessionEvent,
  now: number,
  config: InformationSessionConfig,
): Transition {
  const reason = whyNotActedOn(c, event) ?? `${flagReason(c, event)} (Where the referral stands: ${describeStage(c)}.)`;
  return {
    case: withAudit(consume(c, event), now, [{ what: `${event.type} flagged`, detail: reason, flag: true }]),
    notices: [
      {
        intentId: `${c.caseId}:flag:${event.id}`,
        kind: 'event-flagged',
        to: [config.spocLeadAddress],
        facts: { ...participantFacts(c), eventType: event.type, reason },
      },
    ],
    metrics: [],
  };
}

function recordOutcome(
  c: InformationSessionCase,
  e: Extract<InformationSessionEvent, { type: 'session-outcome' }>,
  now: number,
  config: InformationSessionConfig,
): Transition {
  const d = c.deadlines;
  const sessions = [...c.sessions];
  const open = sessions.findIndex((s) => s.outcome === null && s.date === e.sessionDate);
  const record: SessionRecord = {
    date: e.sessionDate,
    rearranged: sessions.length > 0 && open !== 0,
    outcome: e.outcome,
    recordedAt: e.recordedAt,
  };
  if (open >= 0)
    sessions[open] = { ...(sessions[open] as SessionRecord), outcome: e.outcome, recordedAt: e.recordedAt };
  else sessions.push(record);
  const afterDay21 = c.stage === 'cancel-due';
  const base: InformationSessionCase = { ...consume(c, e), sessions };
  const mandated = c.referral.mandation === 'mandatory';
  if (e.outcome === 'attended') {
    const entries: Omit<AuditEntry, 'at'>[] = [
      {
        what: 'session attended',
        detail: `Attended ${e.sessionDate} (recorded by ${e.recordedBy}). ${
          afterDay21
            ? `After day 21 (${d.wp11Window.due}): the referral is still to be cancelled as 'Did Not Start'; if the participant wants to join, Jobcentre Plus makes a Work Programme referral (para 9).`
            : `No further activity until a WP11 arrives or day 21 ends (${d.wp11Window.due}) (para 5).`
        }`,
      },
    ];
    if (e.sessionDate > d.session.due) {
      entries.push({
        what: 'session after day 15',
        detail: `Held ${e.sessionDate}, after the 15-day date ${d.session.due}.`,
        flag: sessions.every((s) => !s.rearranged) || undefined,
      });
    }
    return {
      case: withAudit({ ...base, stage: afterDay21 ? 'cancel-due' : 'attended' }, now, entries),
      notices: [],
      metrics: [{ name: INFORMATION_SESSION_METRICS.attended, value: 1 }],
    };
  }
  const metrics: MetricIntent[] = [
    { name: INFORMATION_SESSION_METRICS.notAttended, value: 1, dimensions: { Mandation: c.referral.mandation } },
  ];
  const stage: InformationSessionStage = afterDay21 ? 'cancel-due' : 'did-not-attend';
  if (!mandated) {
    return {
      case: withAudit({ ...base, stage }, now, [
        {
          what: 'session not attended (voluntary)',
          detail: `Missed ${e.sessionDate}. Voluntary: Jobcentre Plus is not told; it is picked up at their follow-up interview (para 6). The referral is cancelled after day 21 (${d.wp11Window.due}) unless a WP11 arrives.`,
        },
      ]),
      notices: [],
      metrics,
    };
  }
  const index = c.dnaNotices.length;
  const dnaNotices = [...c.dnaNotices, { sessionDate: e.sessionDate, taskAt: iso(now), notifiedOn: null, route: null }];
  metrics.push({ name: INFORMATION_SESSION_METRICS.dnaNoticeTasks, value: 1 });
  return {
    case: withAudit({ ...base, stage, dnaNotices }, now, [
      {
        what: 'session not attended (mandated): tell Jobcentre Plus',
        detail: `Missed ${e.sessionDate}. Jobcentre Plus must be told through the locally agreed route: without this notice Jobcentre Plus cannot pursue sanction activity.${c.mandationCheck.ok ? '' : ' The mandation was queried at referral (Annex A): say so when telling them.'}`,
        flag: true,
      },
    ]),
    notices: [
      {
        intentId: `${c.caseId}:dna-notify-jcp-${index}`,
        kind: 'dna-notify-jcp',
        to: [c.caseworkerEmail, config.spocLeadAddress],
        facts: {
          ...participantFacts(c),
          sessionDate: e.sessionDate,
          referralDate: c.referral.referralDate,
          wp11Window: d.wp11Window,
          mandationQueried: !c.mandationCheck.ok,
          mandationMessage: c.mandationCheck.ok ? null : c.mandationCheck.message,
        },
      },
    ],
    metrics,
  };
}

/** A timer fired: the step for it. Acting twice on one timer changes nothing. */
export function applyTimer(
  c: InformationSessionCase,
  timer: DueTimer,
  now: number,
  config: InformationSessionConfig,
): Transition {
  if (timer.key in c.done) return { case: c, ...NONE };
  const base: InformationSessionCase = { ...c, done: { ...c.done, [timer.key]: iso(now) } };
  const d = c.deadlines;
  const facts = participantFacts(c);
  switch (timer.kind) {
    case 'session-reminder':
      return {
        case: withAudit(base, now, [
          { what: 'session reminder', detail: `${timer.daysBefore} day(s) before the 15-day date ${d.session.due}.` },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:session-reminder-${timer.daysBefore}`,
            kind: 'session-reminder',
            to: [c.caseworkerEmail],
            facts: { ...facts, session: d.session, daysLeft: timer.daysBefore, sessions: c.sessions },
          },
        ],
        metrics: [],
      };
    case 'session-overdue':
      return {
        case: withAudit(base, now, [
          {
            what: 'session not recorded within 15 days',
            detail: `No session outcome recorded by ${d.session.due}: the session must be completed within 15 calendar days of the referral.`,
            flag: true,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:session-overdue`,
            kind: 'session-overdue',
            to: [c.caseworkerEmail, config.spocLeadAddress],
            facts: { ...facts, session: d.session, wp11Window: d.wp11Window, sessions: c.sessions },
          },
        ],
        metrics: [{ name: INFORMATION_SESSION_METRICS.sessionsOverdue, value: 1 }],
      };
    case 'wp11-window-closed':
      return {
        case: withAudit(
          { ...base, stage: 'cancel-due', cancellation: { taskAt: iso(now), cancelledOn: null, confirmedBy: null } },
          now,
          [
            {
              what: "no WP11 by day 21: cancel on PRaP as 'Did Not Start'",
              detail: `21 days from the referral of ${c.referral.referralDate} ended ${d.wp11Window.due} with no WP11. Staff are asked to cancel the Information Session referral on PRaP with the reason 'Did Not Start' and confirm it (paras 5, 7, 13).`,
            },
          ],
        ),
        notices: [
          {
            intentId: `${c.caseId}:cancel-did-not-start`,
            kind: 'cancel-did-not-start',
            to: [c.caseworkerEmail],
            facts: { ...facts, wp11Window: d.wp11Window, referralDate: c.referral.referralDate, lastStage: c.stage },
          },
        ],
        metrics: [{ name: INFORMATION_SESSION_METRICS.cancelTasks, value: 1 }],
      };
    case 'cancel-chase': {
      const last = timer.chase === config.maxChases;
      return {
        case: withAudit(base, now, [
          {
            what: 'PRaP cancellation chased',
            detail: `Chase ${timer.chase} of ${config.maxChases}: no confirmation that the referral was cancelled as 'Did Not Start'.`,
            flag: last || undefined,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:cancel-chase-${timer.chase}`,
            kind: 'cancel-did-not-start-chase',
            to: [c.caseworkerEmail, config.spocLeadAddress],
            facts: {
              ...facts,
              referralDate: c.referral.referralDate,
              wp11Window: d.wp11Window,
              chase: timer.chase,
              lastChase: last,
            },
          },
        ],
        metrics: [],
      };
    }
    case 'dna-chase': {
      const notice = c.dnaNotices[timer.index ?? 0];
      const last = timer.chase === config.maxChases;
      return {
        case: withAudit(base, now, [
          {
            what: 'DNA notice to Jobcentre Plus chased',
            detail: `Chase ${timer.chase} of ${config.maxChases}: no confirmation that Jobcentre Plus was told of the missed session of ${notice?.sessionDate}.`,
            flag: true,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:dna-chase-${timer.index}-${timer.chase}`,
            kind: 'dna-notify-jcp-chase',
            to: [c.caseworkerEmail, config.spocLeadAddress],
            facts: {
              ...facts,
              referralDate: c.referral.referralDate,
              sessionDate: notice?.sessionDate,
              chase: timer.chase,
              lastChase: last,
            },
          },
        ],
        metrics: [],
      };
    }
    case 'attachment-reminder':
      return {
        case: withAudit(base, now, [
          {
            what: 'attachment reminder',
            detail: `${timer.daysBefore} day(s) before the 28-day date ${d.attachment.due}.`,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:attachment-reminder-${timer.daysBefore}`,
            kind: 'attachment-reminder',
            to: [c.caseworkerEmail],
            facts: { ...facts, attachment: d.attachment, daysLeft: timer.daysBefore, receivedAt: c.wp11?.receivedAt },
          },
        ],
        metrics: [],
      };
    case 'attachment-overdue':
      return {
        case: withAudit(base, now, [
          {
            what: 'attachment overdue',
            detail: `No attachment recorded by ${d.attachment.due} (28 days from the referral) although a WP11 was received.`,
            flag: true,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:attachment-overdue`,
            kind: 'attachment-overdue',
            to: [c.caseworkerEmail, config.spocLeadAddress],
            facts: { ...facts, attachment: d.attachment, receivedAt: c.wp11?.receivedAt },
          },
        ],
        metrics: [{ name: INFORMATION_SESSION_METRICS.attachmentsOverdue, value: 1 }],
      };
  }
}

/** For logs: the case in one line, NINO masked. */
export function describeCase(c: InformationSessionCase): string {
  return `${c.caseId} ${maskNino(c.referral.nino)} ${c.referral.mandation} referred ${c.referral.referralDate}: ${describeStage(c)}`;
}
