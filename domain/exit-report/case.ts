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
      /** The District (Jobcentre) the emailed form names; absent on records written before it was kept. */
      district?: string | null;
      /**
       * Para 39: signs that this is the re-send of an email that never arrived (./resend.ts); the case records
       * "original email not received". Absent or null: not a re-send.
       */
      resent?: { signals: string[] } | null;
    }
  | { id: string; type: 'wper3-reminder'; reminderDate: IsoDate; receivedAt: string; messageId: string }
  /** A caseworker's completed report, stored under `submissionKey`, to be checked and sent by the workflow. */
  | { id: string; type: 'report-submitted'; submittedAt: string; messageId: string; submissionKey: string }
  /**
   * Staff confirm a report went by the clerical route (SCR or business continuity); with `posting` when it was
   * posted first class or sent by courier: it is judged on when it arrives (para 66), not when it left.
   */
  | {
      id: string;
      type: 'report-confirmed-sent';
      sentDate: IsoDate;
      confirmedBy: string;
      recordedAt: string;
      posting?: Posting | null;
    }
  /** Staff record that a request's row went to the wrong sub-contractor (para 44): it is asked to delete it. */
  | { id: string; type: 'sub-contractor-misdirected'; subContractor: string; recordedBy: string; recordedAt: string }
  /**
   * Errors and their records (paras 39, 45, 50, 74–75): the outcome of a call to the District SPoC, an original
   * request that never arrived, a report sent to the wrong District (re-sent to the correct one).
   */
  | {
      id: string;
      type: 'district-call';
      reason: DistrictCallReason;
      calledOn: IsoDate;
      outcome: string;
      recordedBy: string;
      recordedAt: string;
    }
  | {
      id: string;
      type: 'wrong-district';
      correctDistrict: string;
      correctReturnEmail: string | null;
      recordedBy: string;
      recordedAt: string;
    }
  /** The participant and their copy of the report (paras 63–64). */
  | ({ id: string; type: 'participant-copy-recorded'; recordedAt: string } & ParticipantCopy)
  /** Staff record when Jobcentre Plus received a posted report (a recorded delivery, or the District's word). */
  | { id: string; type: 'report-receipt-recorded'; receivedDate: IsoDate; recordedBy: string; recordedAt: string }
  /**
   * Paras 46–49: the request this case answers is withdrawn: its form was destroyed (sent in error, or not from the
   * designated inbox), or its row removed (wrong details, another provider's participant). No reminder, breach or
   * send follows from it; the case awaits the corrected request (paras 47–48: a full ten working days).
   */
  | {
      id: string;
      type: 'request-withdrawn';
      /** The message the withdrawn request came from (its Message-ID, as the request recorded it). */
      messageId: string;
      requestDate: IsoDate;
      grounds: WithdrawalGrounds;
      reason: string;
      recordedBy: string;
      recordedAt: string;
    }
  | { id: string; type: 'not-required'; receivedAt: string; messageId: string }
  | { id: string; type: 'early-completion'; reason: EarlyCompletionReason; date: IsoDate; recordedAt: string };

export type CaseEventType = CaseEvent['type'];

/**
 * Paras 63–64: the participant was given a copy of their Exit Report (face to face, or collected, emailed or
 * posted as agreed) or told they may have one on request; for email or post, told the risks first.
 */
export interface ParticipantCopy {
  offer: 'copy-given' | 'told-of-right';
  how: 'face-to-face' | 'collected' | 'emailed' | 'posted' | null;
  toldOfRisks: boolean;
  recordedBy: string;
}

/** Why the provider SPoC called the District SPoC (paras 39, 45, 74). */
export const DISTRICT_CALL_REASONS = [
  'original-not-received',
  /** Corrects an automatic para 39 record: the District says the request was sent once, so nothing was lost. */
  'original-received',
  'sent-in-error',
  'wrong-details',
  'other-provider',
  'over-40-records',
  'wrong-district',
] as const;
export type DistrictCallReason = (typeof DISTRICT_CALL_REASONS)[number];

/**
 * Why a request is withdrawn (paras 46, 49): the whole form destroyed (sent in error, not from the designated
 * inbox), or one row removed (wrong details, another provider's participant).
 */
export const WITHDRAWAL_GROUNDS = ['sent-in-error', 'not-designated-inbox', 'wrong-details', 'other-provider'] as const;
export type WithdrawalGrounds = (typeof WITHDRAWAL_GROUNDS)[number];

/** What was done about an error, for audit (kept three months where the guidance says so). */
export interface ErrorRecord {
  what: DistrictCallReason | 'district-call' | 'request-withdrawn';
  at: string;
  recordedBy: string;
  detail: string;
  cycle: number;
  keepUntil: IsoDate;
}

/** A request's row forwarded to a sub-contractor, or one sent to the wrong one and its deletion asked for. */
export interface SubContractorRecord {
  what: 'forwarded' | 'sent-to-wrong-sub-contractor';
  subContractor: string;
  inbox: string;
  /** The request cycle it concerns. */
  cycle: number;
  at: string;
  recordedBy?: string;
  /** Kept three months (paras 42, 44). */
  keepUntil: IsoDate;
}

/** How a clerical report went (para 66: first class post or courier) and when it arrives. */
export interface Posting {
  method: 'first-class' | 'courier';
  /** First class: the next working day after posting; courier: the delivery date the courier gives. */
  expectedArrival: IsoDate;
  /** The package it went in (at most 49 Exit Reports per package, para 67), if any. */
  packageId: string | null;
}

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
    /** A posted report: judged on its arrival (the recorded receipt when known, else the expected arrival). */
    posting?: (Posting & { receivedDate: IsoDate | null }) | null;
  } | null;
  /** Timers already acted on, so a retried step never acts twice. Keys: 'request-expected', 'reminder-5@1', ... */
  done: Record<string, string>;
  /** Events waiting to be applied by the workflow, oldest first. */
  inbox: CaseEvent[];
  /**
   * Where and when each request went to a sub-contractor, and errors staff recorded (paras 42–44): each kept
   * three months (`keepUntil`). Absent on records written before sub-contractors were forwarded to.
   */
  subContractorRecords?: SubContractorRecord[];
  /** The participant's copy (paras 63–64), per request cycle. Absent on records written before it was kept. */
  participantCopies?: Array<ParticipantCopy & { cycle: number; at: string }>;
  /** Errors and the actions taken (paras 39, 45–50, 74–75). Absent on records written before they were kept. */
  errorRecords?: ErrorRecord[];
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
