import type { IsoDate } from '../calendar/types.ts';
import type { Deadline } from '../deadlines/rules.ts';
import type { EarlyCompletionReason, RequestForm } from './case.ts';

/**
 * The notices the Exit Report lifecycle asks for, each kind with its own facts (domain/notices/exit-report-notices.ts
 * renders them). The outbox sends each intent at most once.
 */
type Intent<Kind extends string, Facts> = { intentId: string; kind: Kind; to: string[]; facts: Facts };

export type ExitReportNoticeIntent =
  | Intent<'request-expected', { requestExpected: Deadline; programmeEnd: Deadline; scr: boolean }>
  | Intent<
      'request-received',
      {
        deadline: Deadline;
        form: RequestForm;
        scr: boolean;
        reissued: boolean;
        /** A clerical WPER2: where the posted report goes, and the last day to post it first class. */
        clerical?: { district: string; returnAddress: string; lastFirstClassPostingDay: IsoDate } | null;
      }
    >
  | Intent<'internal-reminder', { deadline: Deadline | null; workingDaysLeft: number; scr: boolean }>
  | Intent<'report-overdue', { deadline: Deadline | null; scr: boolean }>
  | Intent<'wper3-received', { escalation: Deadline; scr: boolean }>
  | Intent<'escalated', { escalation: Deadline | null; deadline: Deadline | null }>
  | Intent<'no-request-received', { programmeEnd: Deadline; alert: Deadline | null }>
  | Intent<'event-flagged', { eventType: string; reason: string }>
  | Intent<'early-completion-recorded', { reason: EarlyCompletionReason; date: IsoDate; adHocWindow: Deadline }>
  | Intent<'submission-returned', { problems: string[]; deadline: Deadline | null; scr: boolean }>
  /** A bank-holiday refresh moved a case's dates. */
  | Intent<'deadlines-recomputed', { moved: string[] }>;

/** Notices about inbound mail rather than one case (the inbound-mail handler asks for these). */
export type InboundNoticeIntent =
  /** Inbound mail not actioned: wrong sender, failed authentication, unreadable, or not one form (para 40). */
  | Intent<
      'mail-rejected',
      {
        reason: string;
        message: string;
        from: string | null;
        subject: string;
        receivedAt: string;
        messageKey?: string;
        /** The sender of a message forwarded as an attachment, when it is the one not designated. */
        originalFrom?: string | null;
      }
    >
  /** A request actioned with rows left out or other flags: contact Jobcentre Plus (paras 45, 49, 50). */
  | Intent<'form-flagged', { kind?: string; from: string | null; subject: string; flags: string[]; actioned: number }>;

/** Every notice the Exit Report side of the system sends: about a case, or about an inbound message. */
export type NoticeIntent = ExitReportNoticeIntent | InboundNoticeIntent;

export type NoticeKind = NoticeIntent['kind'];
