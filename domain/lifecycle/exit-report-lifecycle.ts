import { addCalendarDays, endOfDayInLondon, londonDateOf, londonInstant } from '../calendar/london.ts';
import type { IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import type { ProviderConfig } from '../config.ts';
import { computeDeadline, type Deadline } from '../deadlines/rules.ts';
import type {
  AuditEntry,
  CaseEvent,
  ExitReportCase,
  ExitReportStage,
  OpenRequest,
  Participant,
} from './exit-report-case.ts';
import {
  consumeInboxEvent,
  enqueueInboxEvent,
  type Plan as GenericPlan,
  type NoticeIntentOf,
  planStep,
  type TransitionOf,
} from './plan.ts';

export type { MetricIntent } from './plan.ts';

/**
 * The Exit Report lifecycle as pure functions over the case record. The state machine (workflows/exit-report.ts)
 * asks `planNextStep` what to do, waits for an event or a timer, and calls `applyEvent` / `applyTimer`; nothing
 * here reads a clock or touches AWS.
 */

export { EXECUTION_LIFETIME_MS } from './plan.ts';

export type TimerKind =
  | 'request-expected'
  | 'no-request-alert'
  | 'no-request-close'
  | 'internal-reminder'
  | 'report-due'
  | 'escalation-due'
  | 'ad-hoc-window-closed';

export type Awaiting = 'exit-report-request' | 'exit-report' | 'ad-hoc-request';

export interface DueTimer {
  kind: TimerKind;
  at: string;
  /** Key in `case.done` once acted on. */
  key: string;
  workingDaysBefore?: number;
}

export type Plan = GenericPlan<ExitReportStage, CaseEvent, EventRoute, DueTimer, Awaiting>;

/** Which workflow state records an event; `flag` when it does not fit the case's stage (flagged, not dropped). */
export type EventRoute =
  | 'record-exit-report-request'
  | 'record-wper3-reminder'
  | 'send-exit-report'
  | 'record-report-confirmed-sent'
  | 'return-not-required'
  | 'record-early-completion'
  | 'flag';

export type NoticeKind =
  | 'request-expected'
  | 'request-received'
  | 'internal-reminder'
  | 'report-overdue'
  | 'wper3-received'
  | 'escalated'
  | 'no-request-received'
  | 'event-flagged'
  | 'early-completion-recorded'
  | 'submission-returned'
  /** Inbound mail not actioned: wrong sender, failed authentication, unreadable, or not one form (para 40). */
  | 'mail-rejected'
  /** A request actioned with rows left out or other flags: contact Jobcentre Plus (paras 45, 49, 50). */
  | 'form-flagged'
  /** A bank-holiday refresh moved a case's dates. */
  | 'deadlines-recomputed';

export type NoticeIntent = NoticeIntentOf<NoticeKind>;

export type Transition = TransitionOf<ExitReportCase, NoticeIntent>;

const OPEN_REQUEST_STAGES: readonly ExitReportStage[] = ['report-due', 'overdue', 'wper3-received', 'escalated'];

export function hasOpenRequest(c: ExitReportCase): boolean {
  return OPEN_REQUEST_STAGES.includes(c.stage);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function noRequestAlertDeadline(programmeEnd: Deadline, config: ProviderConfig, participant: Participant): Deadline {
  const calendar = calendarFor(participant.division);
  // Day one is the first working day after programme end.
  const firstAfter = calendar.workingDaysFrom(addCalendarDays(programmeEnd.due, 1), 1);
  const due = calendar.workingDaysFrom(firstAfter, config.noRequestAlertWorkingDays);
  return {
    rule: 'programme-end',
    from: programmeEnd.due,
    division: participant.division,
    due,
    dueAt: endOfDayInLondon(due),
    explanation: [
      ...programmeEnd.explanation,
      `No Exit Report request by the end of ${config.noRequestAlertWorkingDays} working days after programme end (${due}): the provider SPoC is asked to contact Jobcentre Plus (CPA 18 ch.10 para 27).`,
    ],
  };
}

/** A new case for a referred participant. */
export function openExitReportCase(
  caseId: string,
  participant: Participant,
  now: number,
  config: ProviderConfig,
): ExitReportCase {
  const requestExpected = computeDeadline('request-expected', participant.referralDate, participant.division);
  const programmeEnd = computeDeadline('programme-end', participant.referralDate, participant.division);
  return {
    caseId,
    participant,
    stage: 'awaiting-request',
    closedReason: null,
    cycle: 0,
    deadlines: {
      requestExpected,
      programmeEnd,
      noRequestAlert: noRequestAlertDeadline(programmeEnd, config, participant),
      exitReport: null,
      escalation: null,
      adHocWindow: null,
      retention: null,
    },
    request: null,
    wper3: null,
    earlyCompletion: null,
    report: null,
    done: {},
    inbox: [],
    appliedEventIds: [],
    audit: [
      {
        at: iso(now),
        what: 'case opened',
        detail: `Referred ${participant.referralDate}; WPER2E expected from ${requestExpected.due}; programme ends ${programmeEnd.due}.`,
      },
    ],
    version: 0,
  };
}

/** Where an event goes in the stage the case is in. */
export function routeEvent(c: ExitReportCase, event: CaseEvent): EventRoute {
  switch (event.type) {
    case 'exit-report-request':
      if (c.stage === 'awaiting-request') return 'record-exit-report-request';
      if (c.stage === 'completed-early') return 'record-exit-report-request';
      // A re-issued request with an amended date (para 48) or a new request after a report was sent.
      if (hasOpenRequest(c) && c.request && event.requestDate !== c.request.requestDate) {
        return 'record-exit-report-request';
      }
      // A closed case takes a request with a new date as a new cycle: after a report was sent (an ad hoc request),
      // after 'no request received' or the ad hoc window closed (Jobcentre Plus asked late: the report is still
      // owed). The date already handled again is flagged.
      if (c.stage === 'closed' && event.requestDate !== c.request?.requestDate) return 'record-exit-report-request';
      return 'flag';
    case 'wper3-reminder':
      return hasOpenRequest(c) && c.stage !== 'wper3-received' && c.stage !== 'escalated'
        ? 'record-wper3-reminder'
        : 'flag';
    case 'report-submitted':
      return hasOpenRequest(c) ? 'send-exit-report' : 'flag';
    case 'report-confirmed-sent':
      return hasOpenRequest(c) ? 'record-report-confirmed-sent' : 'flag';
    case 'not-required':
      return hasOpenRequest(c) ? 'return-not-required' : 'flag';
    case 'early-completion':
      return c.stage === 'awaiting-request' ? 'record-early-completion' : 'flag';
  }
}

/** The timers that apply in the case's current stage, not yet acted on, earliest first. */
export function pendingTimers(c: ExitReportCase, config: ProviderConfig): DueTimer[] {
  const timers: DueTimer[] = [];
  const d = c.deadlines;
  switch (c.stage) {
    case 'awaiting-request': {
      timers.push({
        kind: 'request-expected',
        at: londonInstant(d.requestExpected.due, config.noticeTime),
        key: 'request-expected',
      });
      if (d.noRequestAlert) {
        timers.push({ kind: 'no-request-alert', at: d.noRequestAlert.dueAt, key: 'no-request-alert' });
        const closeAt = endOfDayInLondon(computeDeadline('ad-hoc-window', d.programmeEnd.due).due);
        timers.push({ kind: 'no-request-close', at: closeAt, key: 'no-request-close' });
      }
      break;
    }
    case 'report-due': {
      const due = d.exitReport;
      const request = c.request;
      if (!due || !request) break;
      const calendar = calendarFor(c.participant.division);
      for (const k of [...config.reminderWorkingDaysBefore].sort((a, b) => b - a)) {
        const day = calendar.workingDaysBefore(due.due, k);
        const at = londonInstant(day, config.noticeTime);
        // A reminder whose moment had passed when the request arrived is not sent late.
        if (Date.parse(at) > Date.parse(request.receivedAt)) {
          timers.push({ kind: 'internal-reminder', at, key: `reminder-${k}@${c.cycle}`, workingDaysBefore: k });
        }
      }
      timers.push({ kind: 'report-due', at: due.dueAt, key: `report-due@${c.cycle}` });
      break;
    }
    case 'wper3-received':
      if (d.escalation) timers.push({ kind: 'escalation-due', at: d.escalation.dueAt, key: `escalation@${c.cycle}` });
      break;
    case 'completed-early':
      if (d.adHocWindow) {
        timers.push({ kind: 'ad-hoc-window-closed', at: d.adHocWindow.dueAt, key: `ad-hoc-window@${c.cycle}` });
      }
      break;
    default:
      break;
  }
  return timers.filter((t) => !(t.key in c.done)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function awaitingFor(stage: ExitReportStage): Awaiting {
  if (stage === 'awaiting-request') return 'exit-report-request';
  if (stage === 'completed-early') return 'ad-hoc-request';
  return 'exit-report';
}

/** What the workflow does next, given the record, the time and when this execution started. */
export function planNextStep(c: ExitReportCase, now: number, executionStartedAt: number, config: ProviderConfig): Plan {
  const event = c.inbox[0];
  const timer = pendingTimers(c, config)[0];
  return planStep({
    stage: c.stage,
    pending: event ? { event, route: routeEvent(c, event) } : undefined,
    finished: c.stage === 'closed',
    timer,
    awaiting: awaitingFor(c.stage),
    now,
    executionStartedAt,
  });
}

function withAudit(c: ExitReportCase, now: number, entries: Omit<AuditEntry, 'at'>[]): ExitReportCase {
  return { ...c, audit: [...c.audit, ...entries.map((e) => ({ at: iso(now), ...e }))] };
}

const APPLIED_EVENT_MEMORY = 50;

function consume(c: ExitReportCase, event: CaseEvent): ExitReportCase {
  return consumeInboxEvent(c, event, APPLIED_EVENT_MEMORY);
}

/** Adds an event to the inbox unless it is already there or was applied: one effect per event. */
export function enqueueEvent(c: ExitReportCase, event: CaseEvent): { case: ExitReportCase; duplicate: boolean } {
  return enqueueInboxEvent(c, event);
}

function caseworkerAndSpoc(c: ExitReportCase, config: ProviderConfig): string[] {
  return [c.participant.caseworkerEmail, config.provider.spocLeadAddress];
}

/** The Exit Report due date: 10 working days from the request date, or the form's printed date if earlier. */
export function exitReportDeadline(
  requestDate: IsoDate,
  printed: IsoDate | null,
  participant: Participant,
): { deadline: Deadline; computed: Deadline } {
  const computed = computeDeadline('exit-report', requestDate, participant.division);
  if (!printed || printed === computed.due) return { deadline: computed, computed };
  if (printed < computed.due) {
    return {
      computed,
      deadline: {
        ...computed,
        due: printed,
        dueAt: endOfDayInLondon(printed),
        explanation: [
          ...computed.explanation,
          `The form's printed deadline ${printed} is earlier than the computed ${computed.due}: the earlier date is kept.`,
        ],
      },
    };
  }
  return {
    computed,
    deadline: {
      ...computed,
      explanation: [
        ...computed.explanation,
        `The form's printed deadline ${printed} is later than the computed ${computed.due}: the computed (earlier) date is kept.`,
      ],
    },
  };
}

/**
 * Every date of the case counted again on the calendar as it is now (after a bank-holiday refresh: a one-off
 * holiday can be proclaimed months ahead). Returns the case with the new dates and what moved; the caller
 * saves it and wakes the execution so it re-plans its timers.
 */
export function recomputeDeadlines(
  c: ExitReportCase,
  now: number,
  config: ProviderConfig,
): { case: ExitReportCase; moved: string[] } {
  const p = c.participant;
  const programmeEnd = computeDeadline('programme-end', p.referralDate, p.division);
  const next: ExitReportCase['deadlines'] = {
    requestExpected: computeDeadline('request-expected', p.referralDate, p.division),
    programmeEnd,
    noRequestAlert: noRequestAlertDeadline(programmeEnd, config, p),
    exitReport: c.request ? exitReportDeadline(c.request.requestDate, c.request.printedDeadline, p).deadline : null,
    escalation: c.wper3 ? computeDeadline('escalation', c.wper3.reminderDate, p.division) : null,
    adHocWindow: c.earlyCompletion ? computeDeadline('ad-hoc-window', c.earlyCompletion.date, p.division) : null,
    retention: c.report ? computeDeadline('retention', c.report.sentDate, p.division) : null,
  };
  const moved: string[] = [];
  for (const key of Object.keys(next) as (keyof ExitReportCase['deadlines'])[]) {
    const before = c.deadlines[key]?.due ?? null;
    const after = next[key]?.due ?? null;
    if (before !== after) moved.push(`${key}: ${before ?? 'none'} → ${after ?? 'none'}`);
  }
  if (moved.length === 0) return { case: c, moved };
  return {
    case: withAudit({ ...c, deadlines: next }, now, [
      {
        what: 'deadlines recomputed',
        detail: `On the current bank-holiday calendar: ${moved.join('; ')}.`,
        flag: true,
      },
    ]),
    moved,
  };
}

function requestReceived(
  c: ExitReportCase,
  event: Extract<CaseEvent, { type: 'exit-report-request' }>,
  now: number,
): Transition {
  const participant = c.participant;
  const cycle = c.cycle + 1;
  const { id: _id, type: _type, ...request } = event satisfies { id: string; type: string } & OpenRequest;
  const entries: Omit<AuditEntry, 'at'>[] = [];
  const notices: NoticeIntent[] = [];
  const { deadline: exitReport, computed } = exitReportDeadline(event.requestDate, event.printedDeadline, participant);
  if (event.printedDeadline && event.printedDeadline !== computed.due) {
    entries.push({
      what: 'deadline mismatch',
      detail: `Printed ${event.printedDeadline}, computed ${computed.due}; kept ${exitReport.due}.`,
      flag: true,
    });
  }
  const reissued = hasOpenRequest(c);
  entries.unshift({
    what: reissued
      ? 'exit report request re-issued'
      : `${event.form === 'AD-HOC' ? 'ad hoc ' : ''}exit report request recorded`,
    detail: `Request date ${event.requestDate}; report due ${exitReport.due} (message ${event.messageId}).`,
    flag: reissued || undefined,
  });
  notices.push({
    intentId: `${c.caseId}:request-received@${cycle}`,
    kind: 'request-received',
    to: [participant.caseworkerEmail],
    facts: { deadline: exitReport, form: event.form, scr: participant.scr, reissued },
  });
  const next: ExitReportCase = {
    ...consume(c, event),
    stage: 'report-due',
    closedReason: null,
    cycle,
    request,
    wper3: null,
    report: null,
    deadlines: { ...c.deadlines, exitReport, escalation: null, retention: null },
  };
  return {
    case: withAudit(next, now, entries),
    notices,
    metrics: [{ name: 'ExitReportRequestsReceived', value: 1 }],
  };
}

/** Records an event routed by `planNextStep`; a repeat of an applied event changes nothing. */
export function applyEvent(c: ExitReportCase, event: CaseEvent, now: number, config: ProviderConfig): Transition {
  if (c.appliedEventIds.includes(event.id)) return { case: c, notices: [], metrics: [] };
  const route = routeEvent(c, event);
  switch (route) {
    case 'record-exit-report-request':
      return requestReceived(c, event as Extract<CaseEvent, { type: 'exit-report-request' }>, now);
    case 'record-wper3-reminder': {
      const e = event as Extract<CaseEvent, { type: 'wper3-reminder' }>;
      const escalation = computeDeadline('escalation', e.reminderDate, c.participant.division);
      const next: ExitReportCase = {
        ...consume(c, e),
        stage: 'wper3-received',
        wper3: { reminderDate: e.reminderDate, receivedAt: e.receivedAt, messageId: e.messageId },
        deadlines: { ...c.deadlines, escalation },
      };
      return {
        case: withAudit(next, now, [
          {
            what: 'WPER3 reminder recorded',
            detail: `Reminder dated ${e.reminderDate}; escalation after ${escalation.due}.`,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:wper3-received@${c.cycle}`,
            kind: 'wper3-received',
            to: caseworkerAndSpoc(c, config),
            facts: { escalation, scr: c.participant.scr },
          },
        ],
        metrics: [{ name: 'Wper3RemindersReceived', value: 1 }],
      };
    }
    case 'record-early-completion': {
      const e = event as Extract<CaseEvent, { type: 'early-completion' }>;
      const adHocWindow = computeDeadline('ad-hoc-window', e.date, c.participant.division);
      const next: ExitReportCase = {
        ...consume(c, e),
        stage: 'completed-early',
        earlyCompletion: { reason: e.reason, date: e.date },
        deadlines: { ...c.deadlines, adHocWindow },
      };
      return {
        case: withAudit(next, now, [
          {
            what: 'early completion recorded',
            detail: `${e.reason}${e.reason === 'deceased' ? ' (date of death)' : ''} ${e.date}; ad hoc requests possible until ${adHocWindow.due}. Enter 'Completed Provision' on PRaP.`,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:early-completion`,
            kind: 'early-completion-recorded',
            to: [c.participant.caseworkerEmail],
            facts: { reason: e.reason, date: e.date, adHocWindow },
          },
        ],
        metrics: [],
      };
    }
    case 'record-report-confirmed-sent': {
      const e = event as Extract<CaseEvent, { type: 'report-confirmed-sent' }>;
      return recordReportSent(
        consume(c, e),
        { sentAt: e.recordedAt, sentDate: e.sentDate, route: 'clerical', notRequired: false, messageId: null },
        now,
      );
    }
    case 'flag':
      return flagEvent(c, event, now, config);
    case 'send-exit-report':
    case 'return-not-required':
      // These send mail first: the handler checks and sends, then calls recordReportSent / returnToCaseworker.
      throw new Error(`Event ${event.type} is applied by the ${route} step, not applyEvent`);
  }
}

function describeStage(c: ExitReportCase): string {
  if (c.stage === 'closed') return `closed (${c.closedReason ?? 'unknown'})`;
  return c.stage;
}

/** An event that does not fit the stage is flagged to the SPoC lead and kept in the audit, never dropped. */
export function flagEvent(c: ExitReportCase, event: CaseEvent, now: number, config: ProviderConfig): Transition {
  const reason =
    event.type === 'wper3-reminder' || event.type === 'not-required'
      ? `A ${event.type === 'wper3-reminder' ? 'WPER3E reminder' : "'no longer required' notice"} arrived for a case with no open Exit Report request (${describeStage(c)}).`
      : `A ${event.type} event does not fit the case's stage (${describeStage(c)}).`;
  return {
    case: withAudit(consume(c, event), now, [{ what: `${event.type} flagged`, detail: reason, flag: true }]),
    notices: [
      {
        intentId: `${c.caseId}:flag:${event.id}`,
        kind: 'event-flagged',
        to: [config.provider.spocLeadAddress],
        facts: { eventType: event.type, reason },
      },
    ],
    metrics: [],
  };
}

/** The report has gone (email or clerical): record the date, the working days taken, on time or late; close. */
export function recordReportSent(
  c: ExitReportCase,
  sent: {
    sentAt: string;
    sentDate?: IsoDate;
    route: 'email' | 'clerical';
    notRequired: boolean;
    messageId: string | null;
  },
  now: number,
): Transition {
  const request = c.request;
  const due = c.deadlines.exitReport;
  const sentDate = sent.sentDate ?? londonDateOf(sent.sentAt);
  const calendar = calendarFor(c.participant.division);
  const workingDaysTaken = request ? calendar.workingDaysTaken(request.requestDate, sentDate) : 0;
  const onTime = due ? sentDate <= due.due : true;
  const retention = computeDeadline('retention', sentDate, c.participant.division);
  const next: ExitReportCase = {
    ...c,
    stage: 'closed',
    closedReason: sent.notRequired ? 'not-required-returned' : 'report-sent',
    report: {
      sentDate,
      sentAt: sent.sentAt,
      workingDaysTaken,
      onTime,
      notRequired: sent.notRequired,
      route: sent.route,
      messageId: sent.messageId,
    },
    deadlines: { ...c.deadlines, retention },
  };
  return {
    case: withAudit(next, now, [
      {
        what: sent.notRequired ? "report returned marked 'not appropriate'" : `report sent (${sent.route})`,
        detail: `Sent ${sentDate}: ${workingDaysTaken} working day(s) from the request, ${onTime ? 'on time' : 'LATE'} (due ${due?.due ?? 'n/a'}); copy kept until ${retention.due}.`,
        flag: onTime ? undefined : true,
      },
    ]),
    notices: [],
    metrics: [{ name: onTime ? 'ExitReportsSentOnTime' : 'ExitReportsSentLate', value: 1 }],
  };
}

/** A timer fired: the step for it. Acting twice on one timer changes nothing. */
export function applyTimer(c: ExitReportCase, timer: DueTimer, now: number, config: ProviderConfig): Transition {
  if (timer.key in c.done) return { case: c, notices: [], metrics: [] };
  const done = { ...c.done, [timer.key]: iso(now) };
  const base: ExitReportCase = { ...c, done };
  const d = c.deadlines;
  switch (timer.kind) {
    case 'request-expected':
      return {
        case: withAudit(base, now, [
          {
            what: 'WPER2E now expected',
            detail: `Day 714 (102 weeks) reached on ${d.requestExpected.due}: check the designated inbox daily.`,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:request-expected`,
            kind: 'request-expected',
            to: [c.participant.caseworkerEmail],
            facts: { requestExpected: d.requestExpected, programmeEnd: d.programmeEnd, scr: c.participant.scr },
          },
        ],
        metrics: [],
      };
    case 'no-request-alert':
      return {
        case: withAudit(base, now, [
          {
            what: 'no exit report request received',
            detail: 'SPoC asked to contact Jobcentre Plus (para 27).',
            flag: true,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:no-request-received`,
            kind: 'no-request-received',
            to: [config.provider.spocLeadAddress],
            facts: { programmeEnd: d.programmeEnd, alert: d.noRequestAlert },
          },
        ],
        metrics: [{ name: 'ExitReportRequestsMissing', value: 1 }],
      };
    case 'no-request-close':
      return {
        case: withAudit({ ...base, stage: 'closed', closedReason: 'no-request-received' }, now, [
          { what: 'case closed', detail: 'No Exit Report request in the 12 months after programme end.' },
        ]),
        notices: [],
        metrics: [],
      };
    case 'internal-reminder':
      return {
        case: withAudit(base, now, [
          {
            what: 'internal reminder',
            detail: `${timer.workingDaysBefore} working day(s) before the due date ${d.exitReport?.due}.`,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:reminder-${timer.workingDaysBefore}@${c.cycle}`,
            kind: 'internal-reminder',
            to: [c.participant.caseworkerEmail],
            facts: { deadline: d.exitReport, workingDaysLeft: timer.workingDaysBefore, scr: c.participant.scr },
          },
        ],
        metrics: [],
      };
    case 'report-due':
      return {
        case: withAudit({ ...base, stage: 'overdue' }, now, [
          { what: 'breach: exit report overdue', detail: `Due ${d.exitReport?.due}; no report sent.`, flag: true },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:overdue@${c.cycle}`,
            kind: 'report-overdue',
            to: caseworkerAndSpoc(c, config),
            facts: { deadline: d.exitReport, scr: c.participant.scr },
          },
        ],
        metrics: [{ name: 'ExitReportsOverdue', value: 1 }],
      };
    case 'escalation-due':
      return {
        case: withAudit({ ...base, stage: 'escalated' }, now, [
          {
            what: 'escalated to the Performance Manager',
            detail: `7 working days from the WPER3 reminder ended ${d.escalation?.due}; Jobcentre Plus escalates via the Performance Manager (memo 115).`,
            flag: true,
          },
        ]),
        notices: [
          {
            intentId: `${c.caseId}:escalated@${c.cycle}`,
            kind: 'escalated',
            to: [config.provider.contractManagerAddress, config.provider.spocLeadAddress],
            facts: { escalation: d.escalation, deadline: d.exitReport },
          },
        ],
        metrics: [{ name: 'Escalations', value: 1 }],
      };
    case 'ad-hoc-window-closed':
      return {
        case: withAudit({ ...base, stage: 'closed', closedReason: 'ad-hoc-window-ended' }, now, [
          { what: 'case closed', detail: `The 12-month ad hoc window ended ${d.adHocWindow?.due}.` },
        ]),
        notices: [],
        metrics: [],
      };
  }
}

/** A submitted report failed its checks (or an SCR case was emailed): returned to the caseworker, event consumed. */
export function returnSubmissionToCaseworker(
  c: ExitReportCase,
  event: CaseEvent,
  problems: string[],
  now: number,
  what = 'submitted report returned to caseworker',
): Transition {
  return {
    case: withAudit(consume(c, event), now, [{ what, detail: problems.join(' '), flag: true }]),
    notices: [
      {
        intentId: `${c.caseId}:submission-returned:${event.id}`,
        kind: 'submission-returned',
        to: [c.participant.caseworkerEmail],
        facts: { problems, deadline: c.deadlines.exitReport, scr: c.participant.scr },
      },
    ],
    metrics: [],
  };
}

export { consume as consumeEvent };
