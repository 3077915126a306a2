import type { Deadline } from '../deadlines/rules.ts';
import type { NoticeIntentsOf } from '../lifecycle/plan.ts';
import type { MiReturnEvent } from './case.ts';

/**
 * The notices the MI return lifecycle asks for, each kind with its own facts (domain/notices/mi-return-notices.ts
 * renders them). Every one names the return it is about. No participant is named.
 */

/** Which return a notice is about: the contract, the month, the file, the due date and how it was counted. */
export type MiReturnRef = {
  caseRef: string;
  contractNumber: string;
  providerName: string;
  /** YYYY-MM. */
  reportingMonth: string;
  fileName: string;
  due: Deadline;
};

/** The last failed attempt, when the last attempt failed. */
export type LastFailure = { at: string; reason: string } | null;

/** What each kind adds to the return's facts. */
export type MiReturnFacts = {
  /** To the lead contact and deputy: the return is due, with the date and how it was counted. */
  'mi-return-reminder': { workingDaysBefore: number | undefined; sendAt: string; lastFailure: LastFailure };
  /** To the lead contact, deputy and SPoC lead: the due day ended and the return has not gone. */
  'mi-return-not-sent': { attempts: number; lastFailure: LastFailure };
  /** To the lead contact and deputy: what was sent, when, the due date and how it was counted. */
  'mi-return-sent': {
    fileName: string;
    sentAt: string;
    entriesCount: number;
    refresh: boolean;
    late: boolean;
    /** Why a refresh was asked for (NINOs masked). */
    reason: string | null;
    /** 'schedule', or who asked. */
    requestedBy: string;
    /** For a refresh: the figures that changed since the last return. */
    changes: string[];
    miReturnsAddress: string;
    performanceManagerAddress: string;
  };
  /** To the lead contact, deputy and SPoC lead: the workbook check failed or the mail service refused it. */
  'mi-return-send-failed': {
    attempt: number;
    at: string;
    reason: string;
    refresh: boolean;
    pastDue: boolean;
    scheduledRetry: boolean;
    sendTime: string;
  };
  'event-flagged': { eventType: MiReturnEvent['type']; reason: string; requestedBy: string | null };
};

export type MiReturnNoticeKind = keyof MiReturnFacts;

export type MiReturnNoticeIntent = NoticeIntentsOf<MiReturnFacts, MiReturnRef>;
