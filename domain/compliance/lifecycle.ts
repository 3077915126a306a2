import * as z from 'zod';
import { londonInstant } from '../calendar/london.ts';
import { calendarFor } from '../calendar/working-days.ts';
import { computeDeadline, type Deadline } from '../deadlines/rules.ts';
import { emailAddress } from '../email-address.ts';
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
import {
  type ActionRecord,
  type AuditEntry,
  COMPLIANCE_EVENT_NAMES,
  COMPLIANCE_STAGE_WORDS,
  type ComplianceCase,
  type ComplianceEvent,
  type ComplianceStage,
  type CprEntry,
} from './case.ts';
import { predictSelection } from './selection.ts';
import type { CmoVisit } from './visit.ts';

/**
 * The compliance handover (memo 147) as pure functions over the case record, in the same shape as the Exit Report
 * lifecycle: `planNextStep` says what to do next; `applyEvent` / `applyTimer` return the new record with notice
 * and metric intents. Nothing here reads a clock, sends anything or touches AWS.
 */

export { EXECUTION_LIFETIME_MS } from '../lifecycle/plan.ts';

export const ComplianceConfigSchema = z.object({
  /** Who is told about evidence, selection, reminders and the ESF3 (the provider's compliance lead). */
  recipients: z.array(emailAddress).min(1),
  /** Who is told when actions go to the Contract Performance Review (the contract manager). */
  cprRecipients: z.array(emailAddress).min(1),
  /** Reminders before the 48-hour window closes, in clock hours before. */
  evidenceReminderHoursBefore: z.array(z.number().int().min(1).max(47)).default([24, 4]),
  /** Reminders before the one calendar month ends, in working days before its last day. */
  monthReminderWorkingDaysBefore: z.array(z.number().int().min(1).max(15)).default([5, 1]),
  /** Time of day (Europe/London) working-day reminders are sent. */
  noticeTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('09:00'),
});
export type ComplianceConfig = z.infer<typeof ComplianceConfigSchema>;

export function parseComplianceConfig(input: unknown): ComplianceConfig {
  const result = ComplianceConfigSchema.safeParse(input);
  if (!result.success) throw new Error(`Invalid compliance configuration: ${z.prettifyError(result.error)}`);
  return result.data;
}

export type TimerKind =
  | 'evidence-reminder'
  | 'evidence-window-closed'
  | 'esf3-due'
  | 'month-reminder'
  | 'provider-action-ended';

export interface DueTimer {
  kind: TimerKind;
  at: string;
  key: string;
  hoursBefore?: number;
  workingDaysBefore?: number;
}

export type Awaiting = 'evidence' | 'handover-or-progress' | 'pm-review' | 'esf3-report';

export type EventRoute =
  | 'record-evidence'
  | 'record-progress-note'
  | 'record-provider-resolved'
  | 'record-cmo-handover'
  | 'record-esf3'
  | 'record-pm-visit'
  | 'record-pm-review'
  | 'flag';

export type Plan = GenericPlan<ComplianceStage, ComplianceEvent, EventRoute, DueTimer, Awaiting>;

export type ComplianceNoticeKind =
  /** At the visit: every ESF2a with its 48-hour and one-month deadlines. */
  | 'visit-recorded'
  | 'evidence-window-closing'
  | 'outstanding-and-selection'
  | 'esf3-late'
  | 'month-deadline-approaching'
  | 'unresolved-to-cpr'
  | 'event-flagged';

export type ComplianceNoticeIntent = NoticeIntentOf<ComplianceNoticeKind>;

export type Transition = TransitionOf<ComplianceCase, ComplianceNoticeIntent>;

/** An action as notices show it: reference, masked NINO, issue. */
export interface ActionFacts {
  reference: string;
  maskedNino: string | null;
  issue: string;
  selected: boolean | null;
  providerResolved: boolean;
  progressNotes: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function actionFacts(a: ActionRecord): ActionFacts {
  return {
    reference: a.reference,
    maskedNino: a.nino === null ? null : maskNino(a.nino),
    issue: a.issue,
    selected: a.selected,
    providerResolved: a.providerResolved !== null,
    progressNotes: a.progressNotes.length,
  };
}

function visitFacts(c: ComplianceCase) {
  return {
    caseId: c.caseId,
    visitRef: c.visit.visitRef,
    contract: c.visit.contract,
    visitDate: c.visit.visitDate,
    endsAtLocal: c.visit.endsAtLocal,
  };
}

/** A new case from a CMO visit (as read by parseVisitsCsv or entered by a form). */
export function openComplianceCase(caseId: string, visit: CmoVisit, now: number): ComplianceCase {
  const evidenceWindow = computeDeadline('evidence-window', visit.endsAtLocal, visit.division);
  const esf3Report = computeDeadline('esf3-report', visit.visitDate, visit.division);
  const providerAction = computeDeadline('provider-action', visit.visitDate, visit.division);
  return {
    caseId,
    openedAt: iso(now),
    visit: {
      visitRef: visit.visitRef,
      contract: visit.contract,
      division: visit.division,
      visitDate: visit.visitDate,
      endTime: visit.endTime,
      endsAtLocal: visit.endsAtLocal,
    },
    stage: 'evidence-window',
    deadlines: { evidenceWindow, esf3Report, providerAction },
    actions: visit.actions.map((a) => ({
      reference: a.reference,
      nino: a.nino,
      issue: a.issue,
      deadlines: { evidenceWindow, providerAction },
      status: 'open',
      evidence: null,
      providerResolved: null,
      selected: null,
      progressNotes: [],
      pmOutcome: null,
    })),
    prediction: null,
    handover: null,
    esf3: { receivedDate: null, late: false },
    pmVisit: null,
    cpr: [],
    done: {},
    inbox: [],
    appliedEventIds: [],
    audit: [
      {
        at: iso(now),
        what: 'case opened',
        detail: `CMO visit ${visit.visitRef} (${visit.contract}) ended ${visit.endsAtLocal}; ${visit.actions.length} ESF2a action(s); evidence window ends ${evidenceWindow.dueAt}; ESF3 due ${esf3Report.due}; one calendar month ends ${providerAction.due}.`,
      },
    ],
    version: 0,
  };
}

/** Opening as a transition: the case, the notice listing every ESF2a with its two deadlines, the figure. */
export function openComplianceVisit(
  caseId: string,
  visit: CmoVisit,
  now: number,
  config: ComplianceConfig,
): Transition {
  const c = openComplianceCase(caseId, visit, now);
  return {
    case: c,
    notices: [
      {
        intentId: `${caseId}:visit-recorded`,
        kind: 'visit-recorded',
        to: config.recipients,
        facts: {
          visit: visitFacts(c),
          evidenceWindow: c.deadlines.evidenceWindow,
          providerAction: c.deadlines.providerAction,
          esf3Report: c.deadlines.esf3Report,
          actions: c.actions.map(actionFacts),
        },
      },
    ],
    metrics: [{ name: 'Esf2aActionsRaised', value: c.actions.length }],
  };
}

const ACTIVE: readonly ComplianceStage[] = ['evidence-window', 'provider-action', 'awaiting-pm-review'];

/** Where an event goes in the case's stage; 'flag' when it does not fit (recorded in the audit, not dropped). */
export function routeEvent(c: ComplianceCase, event: ComplianceEvent): EventRoute {
  const known = 'reference' in event ? c.actions.some((a) => a.reference === event.reference) : true;
  if (!known) return 'flag';
  switch (event.type) {
    case 'evidence-recorded':
      return c.stage === 'closed' || c.stage === 'awaiting-esf3' ? 'flag' : 'record-evidence';
    case 'progress-note':
      return 'record-progress-note';
    case 'provider-resolved':
      return ACTIVE.includes(c.stage) ? 'record-provider-resolved' : 'flag';
    case 'cmo-handover':
      return c.handover === null && ACTIVE.includes(c.stage) ? 'record-cmo-handover' : 'flag';
    case 'esf3-received':
      return c.esf3.receivedDate === null && c.stage !== 'closed' ? 'record-esf3' : 'flag';
    case 'pm-visit-arranged':
      return c.stage === 'provider-action' || c.stage === 'awaiting-pm-review' ? 'record-pm-visit' : 'flag';
    case 'pm-review':
      return c.stage === 'provider-action' || c.stage === 'awaiting-pm-review' ? 'record-pm-review' : 'flag';
  }
}

/** The timers that apply now, not yet acted on, earliest first. */
export function pendingTimers(c: ComplianceCase, config: ComplianceConfig): DueTimer[] {
  const timers: DueTimer[] = [];
  const d = c.deadlines;
  if (c.stage !== 'closed' && c.esf3.receivedDate === null && !c.esf3.late) {
    timers.push({ kind: 'esf3-due', at: d.esf3Report.dueAt, key: 'esf3-due' });
  }
  if (c.stage === 'evidence-window') {
    const closes = Date.parse(d.evidenceWindow.dueAt);
    for (const h of [...config.evidenceReminderHoursBefore].sort((a, b) => b - a)) {
      const at = closes - h * 3_600_000;
      // A reminder whose moment had passed when the case was opened is not sent late.
      if (at > Date.parse(c.openedAt)) {
        timers.push({ kind: 'evidence-reminder', at: iso(at), key: `evidence-reminder-${h}h`, hoursBefore: h });
      }
    }
    timers.push({ kind: 'evidence-window-closed', at: d.evidenceWindow.dueAt, key: 'evidence-window-closed' });
  }
  if (c.stage === 'provider-action') {
    const calendar = calendarFor(c.visit.division);
    const after = Math.max(Date.parse(d.evidenceWindow.dueAt), Date.parse(c.openedAt));
    for (const k of [...config.monthReminderWorkingDaysBefore].sort((a, b) => b - a)) {
      const at = londonInstant(calendar.workingDaysBefore(d.providerAction.due, k), config.noticeTime);
      if (Date.parse(at) > after) {
        timers.push({ kind: 'month-reminder', at, key: `month-reminder-${k}wd`, workingDaysBefore: k });
      }
    }
    timers.push({ kind: 'provider-action-ended', at: d.providerAction.dueAt, key: 'provider-action-ended' });
  }
  return timers.filter((t) => !(t.key in c.done)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function awaitingFor(stage: ComplianceStage): Awaiting {
  if (stage === 'evidence-window') return 'evidence';
  if (stage === 'provider-action') return 'handover-or-progress';
  if (stage === 'awaiting-pm-review') return 'pm-review';
  return 'esf3-report';
}

/** What the workflow does next, given the record, the time and when this execution started. */
export function planNextStep(
  c: ComplianceCase,
  now: number,
  executionStartedAt: number,
  config: ComplianceConfig,
): Plan {
  return planFromRecord(c, {
    route: (event) => routeEvent(c, event),
    timers: pendingTimers(c, config),
    awaiting: awaitingFor(c.stage),
    finished: () => c.stage === 'closed',
    now,
    executionStartedAt,
  });
}

const APPLIED_EVENT_MEMORY = 200;

/** Adds an event to the inbox unless it is already there or was applied: one effect per event. */
export function enqueueEvent(c: ComplianceCase, event: ComplianceEvent): { case: ComplianceCase; duplicate: boolean } {
  return enqueueInboxEvent(c, event);
}

function consume(c: ComplianceCase, event: ComplianceEvent): ComplianceCase {
  return consumeInboxEvent(c, event, APPLIED_EVENT_MEMORY);
}

function withAudit(c: ComplianceCase, now: number, entries: Omit<AuditEntry, 'at'>[]): ComplianceCase {
  return { ...c, audit: [...c.audit, ...entries.map((e) => ({ at: iso(now), ...e }))], version: c.version + 1 };
}

function updateAction(c: ComplianceCase, reference: string, f: (a: ActionRecord) => ActionRecord): ComplianceCase {
  return { ...c, actions: c.actions.map((a) => (a.reference === reference ? f(a) : a)) };
}

function outstandingRefs(c: ComplianceCase): string[] {
  return c.actions.filter((a) => a.status === 'outstanding').map((a) => a.reference);
}

/** After the actions are finished with: closed if the ESF3 is in or flagged late, else awaiting it. */
function afterActions(c: ComplianceCase): ComplianceStage {
  return c.esf3.receivedDate !== null || c.esf3.late ? 'closed' : 'awaiting-esf3';
}

/** The dashboard figures of one case. */
export interface ComplianceFigures {
  /** Open ESF2a actions by the deadline they are working to. */
  openByDeadline: { 'evidence-window': number; 'provider-action': number; 'pm-review': number };
  selectedForPm: number;
  resolved: number;
  escalatedToCpr: number;
}

export function complianceFigures(c: ComplianceCase): ComplianceFigures {
  const count = (p: (a: ActionRecord) => boolean) => c.actions.filter(p).length;
  const outstanding = count((a) => a.status === 'outstanding');
  return {
    openByDeadline: {
      'evidence-window': count((a) => a.status === 'open'),
      'provider-action': c.stage === 'provider-action' ? outstanding : 0,
      'pm-review': c.stage === 'awaiting-pm-review' ? outstanding : 0,
    },
    selectedForPm: count((a) => a.selected === true),
    resolved: count((a) => a.status === 'resolved'),
    escalatedToCpr: count((a) => a.status === 'escalated-to-cpr'),
  };
}

function metricsOf(c: ComplianceCase): MetricIntent[] {
  const f = complianceFigures(c);
  const dims = { contract: c.visit.contract };
  return [
    ...(Object.keys(f.openByDeadline) as Array<keyof ComplianceFigures['openByDeadline']>).map((deadline) => ({
      name: 'OpenEsf2aActions',
      value: f.openByDeadline[deadline],
      dimensions: { ...dims, deadline },
    })),
    { name: 'SelectedForPm', value: f.selectedForPm, dimensions: dims },
    { name: 'ResolvedAtPmReview', value: f.resolved, dimensions: dims },
    { name: 'EscalatedToCpr', value: f.escalatedToCpr, dimensions: dims },
  ];
}

function transition(c: ComplianceCase, notices: ComplianceNoticeIntent[]): Transition {
  return { case: c, notices, metrics: metricsOf(c) };
}

function flagged(
  c: ComplianceCase,
  event: ComplianceEvent,
  now: number,
  detail: string,
  config: ComplianceConfig,
): Transition {
  const next = withAudit(consume(c, event), now, [{ what: `${event.type} flagged`, detail, flag: true }]);
  return transition(next, [
    {
      intentId: `${c.caseId}:flag:${event.id}`,
      kind: 'event-flagged',
      to: config.recipients,
      facts: { visit: visitFacts(c), event: event.type, detail },
    },
  ]);
}

/** Why an event would be kept but not acted on where the visit stands now, or null if it would be acted on. */
export function whyNotActedOn(c: ComplianceCase, event: ComplianceEvent): string | null {
  if (routeEvent(c, event) !== 'flag') return null;
  const unknown = 'reference' in event && !c.actions.some((a) => a.reference === event.reference);
  return unknown
    ? `${COMPLIANCE_EVENT_NAMES[event.type]} for ESF2a ${JSON.stringify(event.reference)} was recorded, but visit ${c.visit.visitRef} has no ESF2a with that reference: nothing was recorded. Check the reference and record it again.`
    : `${COMPLIANCE_EVENT_NAMES[event.type]} was recorded, but it does not fit where the visit stands (${COMPLIANCE_STAGE_WORDS[c.stage]}): nothing was changed. Check the visit's record, and tell the compliance lead if it needs correcting.`;
}

/** Applies the inbox's event (or any event) to the case. */
export function applyEvent(
  c: ComplianceCase,
  event: ComplianceEvent,
  now: number,
  config: ComplianceConfig,
): Transition {
  if (c.appliedEventIds.includes(event.id)) return transition(c, []);
  const notActedOn = whyNotActedOn(c, event);
  if (notActedOn !== null) return flagged(c, event, now, notActedOn, config);
  const base = consume(c, event);
  switch (event.type) {
    case 'evidence-recorded': {
      const windowEnd = Date.parse(c.deadlines.evidenceWindow.dueAt);
      const inTime = Date.parse(event.recordedAt) <= windowEnd;
      const action = c.actions.find((a) => a.reference === event.reference);
      if (action && action.status !== 'open' && action.status !== 'outstanding') {
        // More evidence for an action already dealt with: kept for the PM discussion.
        const next = updateAction(base, event.reference, (a) => ({
          ...a,
          progressNotes: [...a.progressNotes, { at: event.recordedAt, by: 'evidence', note: event.note }],
        }));
        return transition(
          withAudit(next, now, [{ what: 'further evidence', detail: `ESF2a ${event.reference} (${action.status}).` }]),
          [],
        );
      }
      if (!inTime || !action) {
        // Late evidence is still worth having: a progress note for the PM discussion.
        const next = updateAction(base, event.reference, (a) => ({
          ...a,
          progressNotes: [...a.progressNotes, { at: event.recordedAt, by: 'evidence', note: event.note }],
        }));
        return transition(
          withAudit(next, now, [
            {
              what: 'evidence after the 48 hours',
              detail: `ESF2a ${event.reference}: evidence recorded ${event.recordedAt}, after the window closed ${c.deadlines.evidenceWindow.dueAt}; kept as a progress note, the action stays outstanding.`,
              flag: true,
            },
          ]),
          [],
        );
      }
      let next = updateAction(base, event.reference, (a) => ({
        ...a,
        status: 'evidence-accepted',
        evidence: { recordedAt: event.recordedAt, note: event.note },
      }));
      const entries: Omit<AuditEntry, 'at'>[] = [
        {
          what: 'evidence recorded',
          detail: `ESF2a ${event.reference}: evidence recorded ${event.recordedAt}, within the 48 hours; out of the PM selection.`,
        },
      ];
      if (c.stage !== 'evidence-window') {
        // Recorded in time but applied after the window closed: the prediction is counted again.
        next = { ...next, prediction: predictSelection(outstandingRefs(next)) };
        if (outstandingRefs(next).length === 0 && next.stage === 'provider-action') {
          next = { ...next, stage: afterActions(next) };
        }
        entries.push({
          what: 'prediction recounted',
          detail: `Evidence recorded in time arrived after the window closed; predicted selection now ${next.prediction?.size ?? 0}.`,
          flag: true,
        });
      }
      return transition(withAudit(next, now, entries), []);
    }
    case 'progress-note': {
      const next = updateAction(base, event.reference, (a) => ({
        ...a,
        progressNotes: [...a.progressNotes, { at: event.at, by: event.by, note: event.note }],
      }));
      return transition(withAudit(next, now, [{ what: 'progress note', detail: `ESF2a ${event.reference}.` }]), []);
    }
    case 'provider-resolved': {
      const next = updateAction(base, event.reference, (a) => ({
        ...a,
        providerResolved: { at: event.at, note: event.note },
        progressNotes: [...a.progressNotes, { at: event.at, by: 'provider', note: `Resolved: ${event.note}` }],
      }));
      return transition(
        withAudit(next, now, [
          {
            what: 'provider reports resolved',
            detail: `ESF2a ${event.reference} (${event.at}); the PM confirms at review.`,
          },
        ]),
        [],
      );
    }
    case 'cmo-handover': {
      const known = new Set(c.actions.map((a) => a.reference));
      const unknown = event.selected.filter((r) => !known.has(r));
      const selected = event.selected.filter((r) => known.has(r));
      const entries: Omit<AuditEntry, 'at'>[] = [
        { what: 'CMO handover recorded', detail: `Selected for the PM: ${selected.join(', ') || 'none'}.` },
      ];
      if (unknown.length > 0) {
        entries.push({ what: 'handover names unknown ESF2a', detail: unknown.join(', '), flag: true });
      }
      const notOutstanding = selected.filter(
        (r) => c.actions.find((a) => a.reference === r)?.status === 'evidence-accepted',
      );
      if (notOutstanding.length > 0) {
        entries.push({
          what: 'handover selects actions with evidence accepted',
          detail: `${notOutstanding.join(', ')}: the CMO's selection is kept.`,
          flag: true,
        });
      }
      if (c.prediction && c.prediction.size !== selected.length) {
        entries.push({
          what: 'selection differs from prediction',
          detail: `Predicted ${c.prediction.size}, the CMO selected ${selected.length}; the CMO's selection is kept.`,
          flag: true,
        });
      }
      const chosen = new Set(selected);
      let next: ComplianceCase = {
        ...base,
        handover: { receivedAt: event.receivedAt, selected },
        actions: base.actions.map((a) => ({
          ...a,
          selected: chosen.has(a.reference),
          // The CMO's selection wins: a selected action is followed up whatever the evidence said.
          status: chosen.has(a.reference) && a.status === 'evidence-accepted' ? 'outstanding' : a.status,
        })),
      };
      next = withAudit(next, now, entries);
      return transition(next, []);
    }
    case 'esf3-received': {
      const late = event.receivedDate > c.deadlines.esf3Report.due;
      let next: ComplianceCase = { ...base, esf3: { receivedDate: event.receivedDate, late: late || c.esf3.late } };
      if (next.stage === 'awaiting-esf3') next = { ...next, stage: 'closed' };
      return transition(
        withAudit(next, now, [
          {
            what: 'ESF3 report received',
            detail: `Received ${event.receivedDate}; due ${c.deadlines.esf3Report.due}${late ? ' (late)' : ''}.`,
            flag: late || undefined,
          },
        ]),
        [],
      );
    }
    case 'pm-visit-arranged': {
      const early = event.visitDate <= c.deadlines.providerAction.due;
      return transition(
        withAudit({ ...base, pmVisit: { visitDate: event.visitDate, arrangedAt: event.recordedAt } }, now, [
          {
            what: 'PM visit arranged',
            detail: `PM visit ${event.visitDate}${early ? `, on or before the end of the one calendar month (${c.deadlines.providerAction.due}): the memo has the review at the first visit after it` : ''}.`,
            flag: early || undefined,
          },
        ]),
        [],
      );
    }
    case 'pm-review':
      return pmReview(c, base, event, now, config);
  }
}

function pmReview(
  c: ComplianceCase,
  base: ComplianceCase,
  event: Extract<ComplianceEvent, { type: 'pm-review' }>,
  now: number,
  config: ComplianceConfig,
): Transition {
  const entries: Omit<AuditEntry, 'at'>[] = [];
  if (event.visitDate <= c.deadlines.providerAction.due) {
    entries.push({
      what: 'PM review before the month ended',
      detail: `Review on ${event.visitDate}; the one calendar month ends ${c.deadlines.providerAction.due}. Recorded as given.`,
      flag: true,
    });
  }
  const outcomes = new Map(event.outcomes.map((o) => [o.reference, o]));
  // The reviewed cases: the CMO's selection; without a handover, every outstanding one when all would be
  // selected anyway, else the ones the PM gave outcomes for.
  let reviewed: Set<string>;
  if (c.handover) reviewed = new Set(c.handover.selected);
  else if (c.prediction?.all) reviewed = new Set(c.prediction.certain);
  else reviewed = new Set(event.outcomes.map((o) => o.reference));
  if (!c.handover) {
    entries.push({
      what: 'PM review without a CMO handover',
      detail: `No handover recorded: reviewed ${[...reviewed].join(', ') || 'none'}.`,
      flag: true,
    });
  }
  for (const o of event.outcomes) {
    if (!reviewed.has(o.reference)) {
      entries.push({ what: 'outcome for an unselected ESF2a', detail: `${o.reference}: not applied.`, flag: true });
    }
  }
  const cpr: CprEntry[] = [];
  const actions = base.actions.map((a): ActionRecord => {
    if (!reviewed.has(a.reference)) return a;
    const given = outcomes.get(a.reference);
    if (!given) {
      entries.push({
        what: 'no outcome given',
        detail: `ESF2a ${a.reference}: not reported resolved, so treated as unresolved (memo 147 step 6).`,
        flag: true,
      });
    }
    const outcome = given?.outcome ?? 'unresolved';
    const next: ActionRecord = {
      ...a,
      selected: true,
      status: outcome === 'resolved' ? 'resolved' : 'escalated-to-cpr',
      pmOutcome: { visitDate: event.visitDate, outcome, note: given?.note ?? null },
    };
    if (outcome === 'unresolved') cpr.push(cprEntry(c, next));
    return next;
  });
  entries.unshift({
    what: 'PM review recorded',
    detail: `PM visit ${event.visitDate}: ${actions.filter((a) => a.status === 'resolved').length} resolved, ${cpr.length} to the Contract Performance Review.`,
  });
  let next: ComplianceCase = {
    ...base,
    actions,
    cpr: [...c.cpr, ...cpr],
    pmVisit: c.pmVisit ?? { visitDate: event.visitDate, arrangedAt: event.recordedAt },
  };
  next = { ...next, stage: afterActions(next) };
  next = withAudit(next, now, entries);
  const notices: ComplianceNoticeIntent[] =
    cpr.length === 0
      ? []
      : [
          {
            intentId: `${c.caseId}:unresolved-to-cpr`,
            kind: 'unresolved-to-cpr',
            to: [...config.recipients, ...config.cprRecipients],
            facts: {
              visit: visitFacts(c),
              pmVisitDate: event.visitDate,
              deadline: c.deadlines.providerAction,
              entries: cpr.map((e) => ({
                ...e,
                maskedNino: e.nino === null ? null : maskNino(e.nino),
                nino: undefined,
              })),
            },
          },
        ];
  return transition(next, notices);
}

function cprEntry(c: ComplianceCase, a: ActionRecord): CprEntry {
  const history = [
    `Raised at CMO visit ${c.visit.visitRef} on ${c.visit.visitDate} (ended ${c.visit.endsAtLocal}): ${a.issue}`,
    `48-hour additional evidence window ended ${a.deadlines.evidenceWindow.dueAt}${a.evidence ? `; evidence recorded ${a.evidence.recordedAt}` : '; no evidence in time'}.`,
    `One calendar month ended ${a.deadlines.providerAction.due}.`,
    ...a.progressNotes.map((n) => `${n.at} (${n.by}): ${n.note}`),
    a.pmOutcome
      ? `PM review ${a.pmOutcome.visitDate}: unresolved${a.pmOutcome.note ? ` (${a.pmOutcome.note})` : ''}.`
      : 'PM review: unresolved.',
  ];
  return {
    reference: a.reference,
    nino: a.nino,
    issue: a.issue,
    visitRef: c.visit.visitRef,
    contract: c.visit.contract,
    visitDate: c.visit.visitDate,
    providerActionDue: a.deadlines.providerAction.due,
    pmVisitDate: a.pmOutcome?.visitDate ?? '',
    history,
  };
}

/** Acts on a due timer (once: its key is recorded in `done`). */
export function applyTimer(c: ComplianceCase, timer: DueTimer, now: number, config: ComplianceConfig): Transition {
  if (timer.key in c.done) return transition(c, []);
  const base: ComplianceCase = { ...c, done: { ...c.done, [timer.key]: iso(now) } };
  switch (timer.kind) {
    case 'evidence-reminder': {
      const open = c.actions.filter((a) => a.status === 'open');
      const next = withAudit(base, now, [
        { what: 'evidence window reminder', detail: `${timer.hoursBefore ?? '?'} hours before; ${open.length} open.` },
      ]);
      if (open.length === 0) return transition(next, []);
      return transition(next, [
        {
          intentId: `${c.caseId}:${timer.key}`,
          kind: 'evidence-window-closing',
          to: config.recipients,
          facts: {
            visit: visitFacts(c),
            deadline: c.deadlines.evidenceWindow,
            hoursBefore: timer.hoursBefore ?? null,
            actions: open.map(actionFacts),
          },
        },
      ]);
    }
    case 'evidence-window-closed': {
      const actions = base.actions.map(
        (a): ActionRecord => (a.status === 'open' ? { ...a, status: 'outstanding' } : a),
      );
      let next: ComplianceCase = { ...base, actions };
      const refs = outstandingRefs(next);
      const prediction = predictSelection(refs);
      next = { ...next, prediction, stage: refs.length === 0 ? afterActions(next) : 'provider-action' };
      next = withAudit(next, now, [
        {
          what: 'evidence window closed',
          detail: `${refs.length} outstanding; predicted PM selection ${prediction.size}${prediction.all ? ' (all)' : ` of ${refs.length}`}.`,
        },
      ]);
      return transition(next, [
        {
          intentId: `${c.caseId}:outstanding-and-selection`,
          kind: 'outstanding-and-selection',
          to: config.recipients,
          facts: {
            visit: visitFacts(c),
            evidenceWindow: c.deadlines.evidenceWindow,
            providerAction: c.deadlines.providerAction,
            accepted: next.actions.filter((a) => a.status === 'evidence-accepted').map(actionFacts),
            outstanding: next.actions.filter((a) => a.status === 'outstanding').map(actionFacts),
            prediction: { outstanding: prediction.outstanding, size: prediction.size, all: prediction.all },
          },
        },
      ]);
    }
    case 'esf3-due': {
      if (c.esf3.receivedDate !== null) return transition(base, []);
      let next: ComplianceCase = { ...base, esf3: { ...c.esf3, late: true } };
      if (next.stage === 'awaiting-esf3') next = { ...next, stage: 'closed' };
      next = withAudit(next, now, [
        { what: 'ESF3 report late', detail: `Not received by ${c.deadlines.esf3Report.due}.`, flag: true },
      ]);
      return transition(next, [
        {
          intentId: `${c.caseId}:esf3-late`,
          kind: 'esf3-late',
          to: config.recipients,
          facts: { visit: visitFacts(c), deadline: c.deadlines.esf3Report },
        },
      ]);
    }
    case 'month-reminder': {
      const outstanding = c.actions.filter((a) => a.status === 'outstanding');
      const next = withAudit(base, now, [
        {
          what: 'one calendar month reminder',
          detail: `${timer.workingDaysBefore ?? '?'} working day(s) before ${c.deadlines.providerAction.due}; ${outstanding.length} outstanding.`,
        },
      ]);
      if (outstanding.length === 0) return transition(next, []);
      return transition(next, [
        {
          intentId: `${c.caseId}:${timer.key}`,
          kind: 'month-deadline-approaching',
          to: config.recipients,
          facts: {
            visit: visitFacts(c),
            deadline: c.deadlines.providerAction,
            workingDaysBefore: timer.workingDaysBefore ?? null,
            actions: outstanding.map(actionFacts),
            selectionKnown: c.handover !== null,
          },
        },
      ]);
    }
    case 'provider-action-ended': {
      const next = withAudit({ ...base, stage: 'awaiting-pm-review' }, now, [
        {
          what: 'one calendar month ended',
          detail: `${c.deadlines.providerAction.due}: the selected actions come into the scope of the PM's next visit.`,
        },
      ]);
      return transition(next, []);
    }
  }
}

export type { Deadline };
