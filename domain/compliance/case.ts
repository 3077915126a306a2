import type { IsoDate } from '../calendar/types.ts';
import type { Deadline } from '../deadlines/rules.ts';
import type { AuditRecord } from '../lifecycle/record.ts';
import type { PredictedSelection } from './selection.ts';
import type { CmoVisit } from './visit.ts';

/**
 * The compliance handover case (memo 147): one CMO visit, its ESF2a actions and their path from the 48-hour
 * additional evidence window to the Performance Manager's review and, for what is not resolved, the Contract
 * Performance Review. The source of truth; a workflow execution only drives it.
 */
export type ComplianceStage =
  /** The 48-hour additional evidence window is open. */
  | 'evidence-window'
  /** The window closed; the one calendar month to address the outstanding actions runs. */
  | 'provider-action'
  /** The month ended; awaiting the PM's review at their first visit after it. */
  | 'awaiting-pm-review'
  /** The actions are finished with (reviewed, or none outstanding); the ESF3 report is still awaited. */
  | 'awaiting-esf3'
  /** Actions finished with, and the ESF3 received or flagged late. */
  | 'closed';

export interface ProgressNote {
  at: string;
  by: string;
  note: string;
}

export type ActionStatus =
  /** Raised at the visit; the evidence window is open. */
  | 'open'
  /** Evidence recorded within 48 hours: out of the PM selection. */
  | 'evidence-accepted'
  /** Still outstanding when the window closed. */
  | 'outstanding'
  /** The PM found it resolved at review. */
  | 'resolved'
  /** The PM found it unresolved: taken forward through the Contract Performance Review. */
  | 'escalated-to-cpr';

export interface ActionRecord {
  reference: string;
  nino: string | null;
  issue: string;
  /** The two dates the revised ESF2a shows. */
  deadlines: { evidenceWindow: Deadline; providerAction: Deadline };
  status: ActionStatus;
  evidence: { recordedAt: string; note: string } | null;
  /** The provider says the issue is dealt with (before the PM review); the PM still decides. */
  providerResolved: { at: string; note: string } | null;
  /** Selected for the PM by the CMO's handover (null until it arrives). */
  selected: boolean | null;
  progressNotes: ProgressNote[];
  pmOutcome: { visitDate: IsoDate; outcome: 'resolved' | 'unresolved'; note: string | null } | null;
}

export interface CprEntry {
  reference: string;
  nino: string | null;
  issue: string;
  visitRef: string;
  contract: string;
  visitDate: IsoDate;
  providerActionDue: IsoDate;
  pmVisitDate: IsoDate;
  /** Everything known about the action, for the Contract Performance Review discussion. */
  history: string[];
}

export type ComplianceEvent =
  | { id: string; type: 'evidence-recorded'; reference: string; recordedAt: string; note: string }
  | { id: string; type: 'progress-note'; reference: string; at: string; by: string; note: string }
  | { id: string; type: 'provider-resolved'; reference: string; at: string; note: string }
  /** The CMO's handover: the actual selection (ESF2a references). */
  | { id: string; type: 'cmo-handover'; receivedAt: string; selected: string[] }
  | { id: string; type: 'esf3-received'; receivedDate: IsoDate; receivedAt: string }
  /** The PM visit is arranged; the provider is told the check cases (memo 147 step 5). */
  | { id: string; type: 'pm-visit-arranged'; visitDate: IsoDate; recordedAt: string }
  | {
      id: string;
      type: 'pm-review';
      visitDate: IsoDate;
      recordedAt: string;
      outcomes: Array<{ reference: string; outcome: 'resolved' | 'unresolved'; note?: string }>;
    };

/** An audit entry as every case record keeps it (domain/lifecycle/record.ts). */
export type AuditEntry = AuditRecord;

export interface ComplianceCase {
  caseId: string;
  openedAt: string;
  /** The CMO visit as read, without its ESF2a rows (they are `actions`). */
  visit: Omit<CmoVisit, 'actions'>;
  stage: ComplianceStage;
  deadlines: { evidenceWindow: Deadline; esf3Report: Deadline; providerAction: Deadline };
  actions: ActionRecord[];
  /** Set when the evidence window closes. */
  prediction: PredictedSelection | null;
  /** The CMO's actual selection, when the handover arrives. Always wins over the prediction. */
  handover: { receivedAt: string; selected: string[] } | null;
  esf3: { receivedDate: IsoDate | null; late: boolean };
  pmVisit: { visitDate: IsoDate; arrangedAt: string } | null;
  cpr: CprEntry[];
  /** Timers acted on (key → when). */
  done: Record<string, string>;
  inbox: ComplianceEvent[];
  appliedEventIds: string[];
  audit: AuditEntry[];
  version: number;
}

/** How each event is named to people (flag notices, the audit): never the code's own name. */
export const COMPLIANCE_EVENT_NAMES: Readonly<Record<ComplianceEvent['type'], string>> = {
  'evidence-recorded': 'Additional evidence',
  'progress-note': 'A progress note',
  'provider-resolved': "The provider's resolution",
  'cmo-handover': "The CMO's handover to the Performance Manager",
  'esf3-received': "The CMO's ESF3 report",
  'pm-visit-arranged': 'A Performance Manager visit',
  'pm-review': "The Performance Manager's review",
};

/** Where a visit stands, in words. */
export const COMPLIANCE_STAGE_WORDS: Readonly<Record<ComplianceStage, string>> = {
  'evidence-window': 'the 48-hour additional evidence window is open',
  'provider-action': 'the one calendar month to address the outstanding ESF2a is running',
  'awaiting-pm-review': "the one calendar month has ended and the Performance Manager's review is awaited",
  'awaiting-esf3': "the ESF2a are finished with and the CMO's ESF3 report is awaited",
  closed: 'the visit is closed',
};
