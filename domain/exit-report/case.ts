import type { Division, IsoDate } from '../calendar/types.ts';
import type { Deadline } from '../deadlines/rules.ts';

/**
 * The Exit Report case record: the source of truth for one participant's Exit Report lifecycle (CPA 18 ch.10,
 * memo 115). A workflow execution only drives it: it can be (re)started from this record at any point.
 */
export type ExitReportStage =
  /** Referred; the WPER2E is expected from day 714 (102 weeks). */
  | 'awaiting-request'
  /** A request is open; the report is due within 10 working days (day one = request date). */
  | 'report-due'
  /** The due date passed with no report: breach recorded. */
  | 'overdue'
  /** A WPER3 reminder arrived: escalation to the Performance Manager after 7 working days. */
  | 'wper3-received'
  /** Escalated to the Performance Manager; still awaiting the report. */
  | 'escalated'
  /** Completed the programme early; an ad hoc request may come within 12 months. */
  | 'completed-early'
  | 'closed';

export type ClosedReason = 'report-sent' | 'not-required-returned' | 'no-request-received' | 'ad-hoc-window-ended';

/** CPA 18 ch.10 para 10: the only circumstances of early completion. */
export const EARLY_COMPLETION_REASONS = [
  'final-outcome-payment-claimed',
  'job-outcome-claimed',
  'referred-to-work-choice',
  'referred-to-work-first-scotland',
  'deceased',
] as const;
export type EarlyCompletionReason = (typeof EARLY_COMPLETION_REASONS)[number];

export interface Participant {
  nino: string;
  referralDate: IsoDate;
  division: Division;
  contract: string;
  /** Special Customer Record: never by email; clerical route via the Nominated Officer. */
  scr: boolean;
  subContractor: string | null;
  caseworkerEmail: string;
}

/**
 * How a request came: the WPER2E by email, the WPER2 on paper (every SCR participant, and anyone while email is
 * suspended: paras 31–33, 66–67, 87), or an ad hoc request (para 83).
 */
export type RequestForm = 'WPER2E' | 'WPER2' | 'AD-HOC';

/** What a clerical WPER2 says beyond its dates: where the posted report goes (para 67), and who recorded it. */
export interface ClericalRequest {
  /** The Jobcentre Plus District that sent the WPER2. */
  district: string;
  /** The return address printed on the WPER2 (para 67). */
  returnAddress: string;
  /** The staff member who recorded the paper request. */
  recordedBy: string;
}

export type CaseEvent =
  | {
      id: string;
      type: 'exit-report-request';
      form: RequestForm;
      requestDate: IsoDate;
      receivedAt: string;
      messageId: string;
      returnEmail: string | null;
      printedDeadline: IsoDate | null;
      /** A clerical WPER2 only (absent on records written before the clerical route). */
      clerical?: ClericalRequest | null;
    }
  | { id: string; type: 'wper3-reminder'; reminderDate: IsoDate; receivedAt: string; messageId: string }
  /** A caseworker's completed report, stored under `submissionKey`, to be checked and sent by the workflow. */
  | { id: string; type: 'report-submitted'; submittedAt: string; messageId: string; submissionKey: string }
  /** Staff confirm a report went by the clerical route (SCR or business continuity). */
  | { id: string; type: 'report-confirmed-sent'; sentDate: IsoDate; confirmedBy: string; recordedAt: string }
  | { id: string; type: 'not-required'; receivedAt: string; messageId: string }
  | { id: string; type: 'early-completion'; reason: EarlyCompletionReason; date: IsoDate; recordedAt: string };

export type CaseEventType = CaseEvent['type'];

export interface AuditEntry {
  at: string;
  what: string;
  /** Plain-English detail; never a task token, never a full NINO. */
  detail?: string;
  flag?: boolean;
}

export type ExitReportRequestEvent = Extract<CaseEvent, { type: 'exit-report-request' }>;

/** The request a case is answering: what the WPER2E (or ad hoc request) said. */
export type OpenRequest = Omit<ExitReportRequestEvent, 'id' | 'type'>;

export interface ExitReportCase {
  caseId: string;
  participant: Participant;
  stage: ExitReportStage;
  closedReason: ClosedReason | null;
  /** Request cycles so far: an ad hoc request after early completion starts a new one. */
  cycle: number;
  deadlines: {
    requestExpected: Deadline;
    programmeEnd: Deadline;
    /** Working days after programme end with no request: tell the SPoC to contact Jobcentre Plus (para 27). */
    noRequestAlert: Deadline | null;
    exitReport: Deadline | null;
    escalation: Deadline | null;
    adHocWindow: Deadline | null;
    retention: Deadline | null;
  };
  request: OpenRequest | null;
  wper3: { reminderDate: IsoDate; receivedAt: string; messageId: string } | null;
  earlyCompletion: { reason: EarlyCompletionReason; date: IsoDate } | null;
  report: {
    sentDate: IsoDate;
    sentAt: string;
    workingDaysTaken: number;
    onTime: boolean;
    notRequired: boolean;
    route: 'email' | 'clerical';
    messageId: string | null;
  } | null;
  /** Timers already acted on, so a retried step never acts twice. Keys: 'request-expected', 'reminder-5@1', ... */
  done: Record<string, string>;
  /** Events waiting to be applied by the workflow, oldest first. */
  inbox: CaseEvent[];
  /** The most recent applied event ids (idempotency for repeats). */
  appliedEventIds: string[];
  audit: AuditEntry[];
  /**
   * The notices the last saved step asked for. A retry of that step (its transition already saved) sends
   * them again; each is claimed before sending, so none goes twice.
   */
  lastNotices?: import('./notice-intents.ts').ExitReportNoticeIntent[];
  version: number;
}

const OPEN_REQUEST_STAGES: readonly ExitReportStage[] = ['report-due', 'overdue', 'wper3-received', 'escalated'];

/** A request is open: a report is owed (due, overdue, after a WPER3 or escalated). */
export function hasOpenRequest(c: ExitReportCase): boolean {
  return OPEN_REQUEST_STAGES.includes(c.stage);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function withAudit(c: ExitReportCase, now: number, entries: Omit<AuditEntry, 'at'>[]): ExitReportCase {
  return { ...c, audit: [...c.audit, ...entries.map((e) => ({ at: iso(now), ...e }))] };
}
