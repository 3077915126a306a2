import type { IsoDate } from '../calendar/types.ts';
import type { Deadline } from '../deadlines/rules.ts';
import type { AuditRecord } from '../lifecycle/record.ts';
import type { MandationCheck } from './eligibility.ts';
import type { InformationSessionReferral } from './referral.ts';

/**
 * The Information Session case record (ch.19): the source of truth for one Information Session referral. As with
 * the Exit Report, a workflow execution only drives it and can be (re)started from it at any point.
 *
 * Every date runs from the original referral date: the session within 15 calendar days, the WP11 awaited to the
 * end of day 21, the attachment within 28 days. A rearranged session does not restart any of them (para 8–9).
 */
export type InformationSessionStage =
  /** Referred: the session must be completed within 15 calendar days. */
  | 'session-due'
  /** Attended: no further activity until a WP11 arrives or day 21 ends (para 5). */
  | 'attended'
  /** Did not attend: a rearranged session may still be offered; the day-21 clock keeps running. */
  | 'did-not-attend'
  /** A WP11 arrived within 21 days: attachment activity on the Work Programme referral by day 28. */
  | 'attachment-due'
  /** Day 21 ended without a WP11: staff must cancel the referral on PRaP as 'Did Not Start'; chased until confirmed. */
  | 'cancel-due'
  | 'closed';

export type InformationSessionClosedReason = 'attached' | 'cancelled-did-not-start';

export type SessionOutcome = 'attended' | 'did-not-attend';

/** What the WP11 said, as far as the case needs it (see wp11.ts for reading it from mail). */
export interface Wp11Facts {
  /** The follow-up interview date at Jobcentre Plus, when the form gives it. */
  interviewDate: IsoDate | null;
  /** The date on the form, when it gives one. */
  formDate: IsoDate | null;
}

export type InformationSessionEvent =
  /** A session booked, or rearranged after a missed one (no re-referral comes: para 8). */
  | { id: string; type: 'session-arranged'; sessionDate: IsoDate; recordedBy: string; recordedAt: string }
  /** Staff record the outcome of a session (by email, CLI or API). */
  | {
      id: string;
      type: 'session-outcome';
      outcome: SessionOutcome;
      sessionDate: IsoDate;
      recordedBy: string;
      recordedAt: string;
    }
  /** Staff confirm they told Jobcentre Plus of a mandated participant's non-attendance (locally agreed route). */
  | {
      id: string;
      type: 'jcp-dna-notified';
      notifiedOn: IsoDate;
      route: string;
      confirmedBy: string;
      recordedAt: string;
    }
  /** A WP11 from Jobcentre Plus: the participant wants to join the Work Programme (para 5, 11). */
  | { id: string; type: 'wp11-received'; receivedAt: string; messageId: string; wp11: Wp11Facts }
  /** Staff confirm the referral was cancelled on PRaP with the reason 'Did Not Start'. */
  | { id: string; type: 'prap-cancelled'; cancelledOn: IsoDate; confirmedBy: string; recordedAt: string }
  /** Staff record an attachment on PRaP, and against which kind of referral. */
  | {
      id: string;
      type: 'attachment-recorded';
      referralType: 'work-programme' | 'information-session';
      attachedOn: IsoDate;
      recordedBy: string;
      recordedAt: string;
    }
  /** Staff confirm an incorrect attachment was backed out (PRaP16 process). */
  | { id: string; type: 'attachment-backed-out'; backedOutOn: IsoDate; recordedBy: string; recordedAt: string };

export type InformationSessionEventType = InformationSessionEvent['type'];

/** An audit entry as every case record keeps it (domain/lifecycle/record.ts). */
export type AuditEntry = AuditRecord;

export interface SessionRecord {
  /** The session date as booked or as held. */
  date: IsoDate;
  /** True for every session after the first. */
  rearranged: boolean;
  outcome: SessionOutcome | null;
  recordedAt: string;
}

export interface DnaNoticeRecord {
  /** The session that was missed. */
  sessionDate: IsoDate;
  /** When the task to tell Jobcentre Plus was raised. */
  taskAt: string;
  /** Staff confirmation, or null while unconfirmed (chased). */
  notifiedOn: IsoDate | null;
  route: string | null;
}

export interface InformationSessionCase {
  caseId: string;
  referral: InformationSessionReferral;
  /** Who is told about the case: the referral's caseworker, or the configured Information Session team. */
  caseworkerEmail: string;
  stage: InformationSessionStage;
  closedReason: InformationSessionClosedReason | null;
  /** Annex A check of the referral's mandation; a failed check is flagged at opening and carried on DNA tasks. */
  mandationCheck: MandationCheck;
  deadlines: {
    /** info-session: referral date + 15 calendar days. */
    session: Deadline;
    /** info-session-cancel: referral date + 21 calendar days; no WP11 by its end → cancel 'Did Not Start'. */
    wp11Window: Deadline;
    /** attachment: referral date + 28 calendar days (only acted on once a WP11 arrives). */
    attachment: Deadline;
  };
  sessions: SessionRecord[];
  dnaNotices: DnaNoticeRecord[];
  wp11: { receivedAt: string; messageId: string; facts: Wp11Facts; late: boolean } | null;
  cancellation: { taskAt: string; cancelledOn: IsoDate | null; confirmedBy: string | null } | null;
  attachment: { attachedOn: IsoDate; onTime: boolean; recordedBy: string } | null;
  wrongAttachments: Array<{ attachedOn: IsoDate; recordedAt: string; backedOutOn: IsoDate | null }>;
  /** Timers already acted on, so a retried step never acts twice. */
  done: Record<string, string>;
  /** Events waiting to be applied, oldest first. */
  inbox: InformationSessionEvent[];
  appliedEventIds: string[];
  audit: AuditEntry[];
  /** The notices the last saved step asked for (re-sent once on a retry, as for the Exit Report). */
  lastNotices?: import('./lifecycle.ts').InformationSessionNoticeIntent[];
  openedAt: string;
  version: number;
}
