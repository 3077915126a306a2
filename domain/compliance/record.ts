import { consumeInboxEvent, type MetricIntent, type TransitionOf } from '../lifecycle/plan.ts';
import { appendAudit } from '../lifecycle/record.ts';
import { maskNino } from '../nino.ts';
import type { ActionRecord, AuditEntry, ComplianceCase, ComplianceEvent, ComplianceStage } from './case.ts';
import type { ComplianceFacts, VisitFacts } from './notice-intents.ts';
import type { ActionFacts, ComplianceNoticeIntent, ComplianceNoticeIntentOf, ComplianceNoticeKind } from './types.ts';

/** What every compliance step does to the record: the audit, the actions, the facts notices show, the figures. */

export function actionFacts(a: ActionRecord): ActionFacts {
  return {
    reference: a.reference,
    maskedNino: a.nino === null ? null : maskNino(a.nino),
    issue: a.issue,
    selected: a.selected,
    providerResolved: a.providerResolved !== null,
    progressNotes: a.progressNotes.length,
  };
}

export function visitFacts(c: ComplianceCase): VisitFacts {
  return {
    caseId: c.caseId,
    visitRef: c.visit.visitRef,
    contract: c.visit.contract,
    visitDate: c.visit.visitDate,
    endsAtLocal: c.visit.endsAtLocal,
  };
}

/** A notice about the visit, its id the case's and `key`: a step repeated sends nothing new. */
export function visitNotice<Kind extends ComplianceNoticeKind>(
  c: ComplianceCase,
  kind: Kind,
  key: string,
  to: string[],
  facts: ComplianceFacts[Kind],
): ComplianceNoticeIntentOf<Kind> {
  return { intentId: `${c.caseId}:${key}`, kind, to, facts: { visit: visitFacts(c), ...facts } };
}

const APPLIED_EVENT_MEMORY = 200;

export function consume(c: ComplianceCase, event: ComplianceEvent): ComplianceCase {
  return consumeInboxEvent(c, event, APPLIED_EVENT_MEMORY);
}

export function withAudit(c: ComplianceCase, now: number, entries: Omit<AuditEntry, 'at'>[]): ComplianceCase {
  return { ...appendAudit(c, now, entries), version: c.version + 1 };
}

export function updateAction(
  c: ComplianceCase,
  reference: string,
  f: (a: ActionRecord) => ActionRecord,
): ComplianceCase {
  return { ...c, actions: c.actions.map((a) => (a.reference === reference ? f(a) : a)) };
}

export function outstandingRefs(c: ComplianceCase): string[] {
  return c.actions.filter((a) => a.status === 'outstanding').map((a) => a.reference);
}

/** After the actions are finished with: closed if the ESF3 is in or flagged late, else awaiting it. */
export function afterActions(c: ComplianceCase): ComplianceStage {
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

/** A step's outcome: the record, its notices (of any kinds, or of one kind for a step that sends one), its figures. */
export function transition<Notice = ComplianceNoticeIntent>(
  c: ComplianceCase,
  notices: Notice[],
): TransitionOf<ComplianceCase, Notice> {
  return { case: c, notices, metrics: metricsOf(c) };
}
