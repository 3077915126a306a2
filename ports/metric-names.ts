/**
 * The figures the functions emit (CloudWatch embedded metric format, through Powertools Metrics) and the
 * dashboard and alarms read. One list, so the dashboard can never name a metric nobody emits.
 */
import { INFORMATION_SESSION_METRICS } from '../domain/information-session/lifecycle.ts';
import { MI_RETURN_METRICS } from '../domain/mi-return/lifecycle.ts';

type Figures<T extends Record<string, string>> = { readonly [K in T[keyof T]]: K };

/** A process's figures by their own names (the process's domain module lists them). */
function figuresOf<T extends Record<string, string>>(metrics: T): Figures<T> {
  return Object.fromEntries(Object.values(metrics).map((name) => [name, name])) as Figures<T>;
}

export const METRICS_NAMESPACE = 'WpOrchestrator';
export const SERVICE_NAME = 'wp-orchestrator';

export const MetricName = {
  /** A WPER2E (or ad hoc) request accepted for a participant: one per participant row. */
  ExitReportRequestsReceived: 'ExitReportRequestsReceived',
  /** An Exit Report sent (or confirmed sent, for SCR) on or before its due date. */
  ExitReportsSentOnTime: 'ExitReportsSentOnTime',
  /** An Exit Report sent after its due date. */
  ExitReportsSentLate: 'ExitReportsSentLate',
  /** A due date passed with no report sent: a contractual breach. */
  ExitReportsOverdue: 'ExitReportsOverdue',
  /** Gauge, emitted by the daily status run: open requests due within the next 5 working days. */
  ExitReportsDueNext5WorkingDays: 'ExitReportsDueNext5WorkingDays',
  /** Gauge, emitted by the daily status run: cases with a WPER3 reminder and no report yet. */
  Wper3RemindersOpen: 'Wper3RemindersOpen',
  /** A WPER3E reminder received. */
  Wper3RemindersReceived: 'Wper3RemindersReceived',
  /** The 7 working days after a WPER3 passed with no report: escalated to the Performance Manager. */
  Escalations: 'Escalations',
  /** An inbound message not actioned; dimension `Reason`. */
  InboundMailRejected: 'InboundMailRejected',
  /** An inbound message accepted and actioned. */
  InboundMailAccepted: 'InboundMailAccepted',
  /** No WPER2E received some working days after programme end: SPoC told to contact Jobcentre Plus. */
  ExitReportRequestsMissing: 'ExitReportRequestsMissing',
  /** Information Sessions (ch.19): referred, attended, not attended (dimension Mandation), WP11, cancelled… */
  ...figuresOf(INFORMATION_SESSION_METRICS),
  /** Gauge, emitted by the daily status run: open Information Session cases; dimension Stage. */
  InformationSessionsOpen: 'InformationSessionsOpen',
  /** Compliance handover (memo 147), dimension contract: ESF2a actions raised at CMO visits. */
  Esf2aActionsRaised: 'Esf2aActionsRaised',
  /** ESF2a actions in the CMO's selection for the Performance Manager (the actual selection, or the prediction). */
  Esf2aSelectedForPm: 'Esf2aSelectedForPm',
  Esf2aResolvedAtPmReview: 'Esf2aResolvedAtPmReview',
  /** Unresolved at the PM review: onto the Contract Performance Review list. */
  Esf2aEscalatedToCpr: 'Esf2aEscalatedToCpr',
  /** Gauge, emitted by the daily status run: open ESF2a actions; dimension Deadline. */
  OpenEsf2aActions: 'OpenEsf2aActions',
  /** The monthly Job Entry MI return (memo 176): due, sent, late, refreshed, reminders, send failures. */
  ...figuresOf(MI_RETURN_METRICS),
} as const;
export type MetricName = (typeof MetricName)[keyof typeof MetricName];

/** Reasons an inbound message is rejected or flagged; the `Reason` dimension of InboundMailRejected. */
export const RejectionReason = {
  Sender: 'sender',
  Authentication: 'authentication',
  Unparseable: 'unparseable',
  UnknownKind: 'unknown-kind',
  MoreThanOneForm: 'more-than-one-form',
  Duplicate: 'duplicate',
} as const;
export type RejectionReason = (typeof RejectionReason)[keyof typeof RejectionReason];
