import type { Division } from '../calendar/types.ts';
import type { Deadline } from '../deadlines/rules.ts';
import type { EventInbox } from '../lifecycle/plan.ts';
import type { AuditRecord } from '../lifecycle/record.ts';

/**
 * The job entry MI return case (memo 176): one reporting month of one contract, from the month's start until its
 * return has gone to DWP (and a while after, for a refresh). The source of truth; a workflow execution only drives
 * it and can be (re)started from it at any point, as for the other processes.
 */
export type MiReturnStage =
  /** The reporting month is still running: its job entries are not complete, nothing can be sent yet. */
  | 'collecting'
  /** The month has ended: the return can be sent, and must be by the end of the 5th working day of the next month. */
  | 'due'
  /** A send was asked for (the send time on the due day, or staff): the next step builds, checks and emails it. */
  | 'sending'
  /** The last send failed (the workbook check or the mail service refused it): staff alerted; send again. */
  | 'failed'
  /** Sent; closed a few days later unless a refresh is asked for. */
  | 'sent'
  /** Finished with. A refresh request still reopens it (a new execution starts for the event). */
  | 'closed';

export type MiReturnEvent =
  /** Staff ask for the return to be sent now, before the send time on the due day (the month must have ended). */
  | { id: string; type: 'send-requested'; requestedBy: string; recordedAt: string }
  /** Staff ask for a month already sent to be sent again, because job entries were corrected (memo 176 allows it). */
  | { id: string; type: 'refresh-requested'; requestedBy: string; reason: string; recordedAt: string }
  /**
   * Recorded by the build-and-send step after it built, checked and emailed the workbook for `attempt`.
   * `refresh` repeats what the attempt said; the attempt on the case record is what counts.
   */
  | {
      id: string;
      type: 'return-sent';
      attempt: number;
      sentAt: string;
      messageId: string;
      fileName: string;
      entriesCount: number;
      refresh: boolean;
      /** A digest of the workbook sent (e.g. sha256 hex), when the step gives one. */
      digest?: string;
      /** For a refresh: which months' figures changed since the last return, in plain English. */
      changes?: string[];
    }
  /** Recorded by the build-and-send step when the workbook check failed or the mail service refused the message. */
  | { id: string; type: 'send-failed'; attempt: number; at: string; reason: string };

export type MiReturnEventType = MiReturnEvent['type'];

/** An audit entry as every case record keeps it (domain/lifecycle/record.ts). */
export type AuditEntry = AuditRecord;

/** How a send attempt started. */
export type SendTrigger = 'schedule' | 'send-requested' | 'refresh-requested';

/**
 * One try at building, checking and emailing the return. Its number makes the outbound intent id
 * (`<caseId>:send:<attempt>`): a retried step claims the same intent and so never sends a second message; only a
 * new attempt (a new request) can send again.
 */
export interface SendAttempt {
  attempt: number;
  /** The outbound intent the step claims before sending: `<caseId>:send:<attempt>`. */
  intentId: string;
  trigger: SendTrigger;
  requestedAt: string;
  /** 'schedule' for the send time on the due day, otherwise who asked. */
  requestedBy: string;
  /** True when the month had already been sent once: the return is re-sent with corrected figures. */
  refresh: boolean;
  /** Why a refresh was asked for (NINOs masked). */
  reason: string | null;
  outcome: { result: 'sent'; at: string } | { result: 'failed'; at: string; reason: string } | null;
}

export interface MiReturnSend {
  attempt: number;
  sentAt: string;
  messageId: string;
  fileName: string;
  refresh: boolean;
  entriesCount: number;
  /** A first send after the end of the due day. A refresh is never late: the month was sent before. */
  late: boolean;
  digest?: string;
  changes?: string[];
}

export interface MiReturnCase extends EventInbox<MiReturnEvent> {
  caseId: string;
  contractNumber: string;
  providerName: string;
  /** YYYY-MM. */
  reportingMonth: string;
  /** Whose bank holidays count for the due date. */
  division: Division;
  stage: MiReturnStage;
  /** The 5th working day of the month after the reporting month (rule mi-return), with how it was counted. */
  due: Deadline;
  /** The workbook's name by memo 176's convention, e.g. '4001234 Avanta Dec 26.xlsx'. */
  fileName: string;
  /** Every send attempt, oldest first; the last one is open while the stage is 'sending'. */
  attempts: SendAttempt[];
  /** The returns that went, oldest first (the first send, then any refreshes). */
  sends: MiReturnSend[];
  /** Timers already acted on, so a retried step never acts twice. */
  done: Record<string, string>;
  audit: AuditEntry[];
  /** The notices the last saved step asked for (re-sent once on a retry, as for the Exit Report). */
  lastNotices?: import('./lifecycle.ts').MiReturnNoticeIntent[];
  openedAt: string;
  version: number;
}
