import { computeDeadline, type Deadline } from '../deadlines/rules.ts';
import { enqueueInboxEvent } from '../lifecycle/plan.ts';
import { plannerOf } from '../lifecycle/planner.ts';
import { isoInstant } from '../lifecycle/record.ts';
import type { ComplianceCase, ComplianceEvent, ComplianceStage } from './case.ts';
import type { ComplianceConfig } from './config.ts';
import { actionFacts, visitFacts } from './record.ts';
import { routeEvent } from './routing.ts';
import { pendingTimers } from './timers.ts';
import type { Awaiting, Plan, Transition } from './types.ts';
import type { CmoVisit } from './visit.ts';

/**
 * The compliance handover (memo 147) as pure functions over the case record, in the same shape as the Exit Report
 * lifecycle: `planNextStep` says what to do next; `applyEvent` / `applyTimer` return the new record with notice
 * and metric intents. Nothing here reads a clock, sends anything or touches AWS.
 */

export { EXECUTION_LIFETIME_MS, type MetricIntent } from '../lifecycle/plan.ts';
export { type ComplianceConfig, ComplianceConfigSchema, parseComplianceConfig } from './config.ts';
export { applyEvent } from './events.ts';
export { type ComplianceFigures, complianceFigures } from './record.ts';
export { routeEvent, whyNotActedOn } from './routing.ts';
export { applyTimer, pendingTimers } from './timers.ts';
export type {
  ActionFacts,
  Awaiting,
  ComplianceNoticeIntent,
  ComplianceNoticeKind,
  DueTimer,
  EventRoute,
  Plan,
  TimerKind,
  Transition,
} from './types.ts';

/** A new case from a CMO visit (as read by parseVisitsCsv or entered by a form). */
export function openComplianceCase(caseId: string, visit: CmoVisit, now: number): ComplianceCase {
  const evidenceWindow = computeDeadline('evidence-window', visit.endsAtLocal, visit.division);
  const esf3Report = computeDeadline('esf3-report', visit.visitDate, visit.division);
  const providerAction = computeDeadline('provider-action', visit.visitDate, visit.division);
  return {
    caseId,
    openedAt: isoInstant(now),
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
        at: isoInstant(now),
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

/** What the case awaits in each stage. */
const AWAITING: Readonly<Record<ComplianceStage, Awaiting>> = {
  'evidence-window': 'evidence',
  'provider-action': 'handover-or-progress',
  'awaiting-pm-review': 'pm-review',
  'awaiting-esf3': 'esf3-report',
  closed: 'esf3-report',
};

/** What the workflow does next, given the record, the time and when this execution started. */
export const planNextStep: (
  c: ComplianceCase,
  now: number,
  executionStartedAt: number,
  config: ComplianceConfig,
) => Plan = plannerOf({
  route: routeEvent,
  timers: pendingTimers,
  awaiting: AWAITING,
  finished: (c) => c.stage === 'closed',
});

/** Adds an event to the inbox unless it is already there or was applied: one effect per event. */
export function enqueueEvent(c: ComplianceCase, event: ComplianceEvent): { case: ComplianceCase; duplicate: boolean } {
  return enqueueInboxEvent(c, event);
}

export type { Deadline };
