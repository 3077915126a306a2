import { formatLondonDateTime, londonInstant } from '../calendar/london.ts';
import type { IsoDate } from '../calendar/types.ts';
import { consumeInboxEvent } from '../lifecycle/plan.ts';
import { appendAudit } from '../lifecycle/record.ts';
import { redactNinos } from '../mail/nino-tokens.ts';
import type { AuditEntry, MiReturnCase, MiReturnEvent, MiReturnStage, SendAttempt } from './case.ts';
import type { MiReturnRef } from './notice-intents.ts';
import type { Transition } from './types.ts';

/** What every MI return step reads and writes on the record: ids, the month's end, the audit, the facts notices show. */

/**
 * The case id for a contract's reporting month (`mi-4001234-2026-12`): one case per contract and month; the
 * prefix names the process, as `er-` and `is-` do.
 */
export function miReturnCaseId(contractNumber: string, reportingMonth: string): string {
  return `mi-${contractNumber.trim()}-${reportingMonth}`;
}

/** The outbound intent of a send attempt: claimed before the workbook is emailed, so it goes at most once. */
export function sendIntentId(caseId: string, attempt: number): string {
  return `${caseId}:send:${attempt}`;
}

/** 'YYYY-MM' → the first day of the next month. */
export function firstOfNextMonth(month: string): IsoDate {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The instant the reporting month ends (midnight Europe/London at the start of the next month). */
export function monthEndOf(reportingMonth: string): string {
  return londonInstant(firstOfNextMonth(reportingMonth), '00:00');
}

/** The facts every notice about the return carries: which return it is. */
export function caseFacts(c: MiReturnCase): MiReturnRef {
  return {
    caseRef: c.caseId,
    contractNumber: c.contractNumber,
    providerName: c.providerName,
    reportingMonth: c.reportingMonth,
    fileName: c.fileName,
    due: c.due,
  };
}

export function withAudit(c: MiReturnCase, now: number, entries: Omit<AuditEntry, 'at'>[]): MiReturnCase {
  return appendAudit(c, now, entries);
}

const APPLIED_EVENT_MEMORY = 50;

export function consume(c: MiReturnCase, event: MiReturnEvent): MiReturnCase {
  return consumeInboxEvent(c, event, APPLIED_EVENT_MEMORY);
}

/** Free text from people or from a check (a reason, a failure): one line, NINOs masked. */
export function plain(text: string): string {
  return redactNinos(text.replace(/\s+/g, ' ').trim());
}

/** The send attempt in progress, when the case is 'sending'. */
export function openAttempt(c: MiReturnCase): SendAttempt | undefined {
  const last = c.attempts.at(-1);
  return c.stage === 'sending' && last && last.outcome === null ? last : undefined;
}

/** A step that changes only the record: no notice, no figure. */
export const NONE: Omit<Transition, 'case'> = { notices: [], metrics: [] };

export function lastFailureOf(c: MiReturnCase): { at: string; reason: string } | null {
  const outcome = c.attempts.at(-1)?.outcome;
  return outcome?.result === 'failed' ? { at: outcome.at, reason: outcome.reason } : null;
}

const STAGE_WORDS: Readonly<Record<MiReturnStage, string>> = {
  collecting: 'the month is still running',
  due: 'the month has ended and the return is due',
  sending: 'the return is being sent',
  failed: 'the last attempt to send it failed',
  sent: 'the return has been sent',
  closed: 'the month is closed',
};

export function describeStage(c: MiReturnCase): string {
  const last = c.sends.at(-1);
  return last ? `${STAGE_WORDS[c.stage]}; last sent ${formatLondonDateTime(last.sentAt)}` : STAGE_WORDS[c.stage];
}
