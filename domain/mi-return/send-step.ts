import { isoInstant } from '../lifecycle/record.ts';
import type { AuditEntry, MiReturnCase, MiReturnEvent, SendAttempt } from './case.ts';
import type { MiReturnLifecycleConfig } from './lifecycle-config.ts';
import { openAttempt, plain, sendIntentId, withAudit } from './record.ts';
import { monthLabel } from './return.ts';

/**
 * The send as a step of its own: a request or the send time opens a numbered attempt; the build-and-send step
 * reads it (`sendStepOf`) and answers with the outcome event of that attempt.
 */

/** What the build-and-send step is to do, while a send attempt is open. */
export interface SendStep {
  caseId: string;
  attempt: number;
  /** Claim it before emailing (sendOnce): a retried step then finds it claimed and sends nothing. */
  intentId: string;
  contractNumber: string;
  providerName: string;
  reportingMonth: string;
  fileName: string;
  refresh: boolean;
  requestedBy: string;
  reason: string | null;
}

export function sendStepOf(c: MiReturnCase): SendStep | undefined {
  const a = openAttempt(c);
  if (!a) return undefined;
  return {
    caseId: c.caseId,
    attempt: a.attempt,
    intentId: a.intentId,
    contractNumber: c.contractNumber,
    providerName: c.providerName,
    reportingMonth: c.reportingMonth,
    fileName: c.fileName,
    refresh: a.refresh,
    requestedBy: a.requestedBy,
    reason: a.reason,
  };
}

/** The outcome event for the open attempt after the workbook went; its id is one per attempt. */
export function returnSentEvent(
  step: Pick<SendStep, 'intentId' | 'attempt' | 'refresh'>,
  sent: {
    sentAt: string;
    messageId: string;
    fileName: string;
    entriesCount: number;
    digest?: string;
    changes?: string[];
  },
): Extract<MiReturnEvent, { type: 'return-sent' }> {
  return { id: `${step.intentId}:sent`, type: 'return-sent', attempt: step.attempt, refresh: step.refresh, ...sent };
}

/** The outcome event for the open attempt when nothing was sent; its id is one per attempt. */
export function sendFailedEvent(
  step: Pick<SendStep, 'intentId' | 'attempt'>,
  failed: { at: string; reason: string },
): Extract<MiReturnEvent, { type: 'send-failed' }> {
  return { id: `${step.intentId}:failed`, type: 'send-failed', attempt: step.attempt, ...failed };
}

export /** Opens send attempt n+1 and moves the case to 'sending'. Nothing is sent here. */
function startAttempt(
  c: MiReturnCase,
  request: { trigger: SendAttempt['trigger']; requestedBy: string; reason: string | null },
  now: number,
  config: MiReturnLifecycleConfig,
): MiReturnCase {
  const n = c.attempts.length + 1;
  const refresh = c.sends.length > 0;
  const attempt: SendAttempt = {
    attempt: n,
    intentId: sendIntentId(c.caseId, n),
    trigger: request.trigger,
    requestedAt: isoInstant(now),
    requestedBy: request.requestedBy,
    refresh,
    reason: request.reason === null ? null : plain(request.reason),
    outcome: null,
  };
  const month = monthLabel(c.reportingMonth);
  const lastSent = c.sends.at(-1);
  let entry: Omit<AuditEntry, 'at'>;
  if (refresh && lastSent) {
    entry = {
      what: 'refresh requested',
      detail: `${request.requestedBy} asked for the return for ${month}, last sent ${lastSent.sentAt}, to be sent again${attempt.reason ? `: ${attempt.reason}` : ''}. It is rebuilt from the job entries as they stand now (attempt ${n}).`,
    };
  } else if (request.trigger === 'schedule') {
    entry = {
      what: 'send time reached',
      detail: `${config.sendTime} on the due day ${c.due.due}: the return for ${month} is built, checked and sent (attempt ${n}).`,
    };
  } else {
    entry = {
      what: 'send requested',
      detail: `${request.requestedBy} asked for the return for ${month} to be sent now (due by the end of ${c.due.due})${attempt.reason ? `: ${attempt.reason}` : ''} (attempt ${n}).`,
    };
  }
  return withAudit({ ...c, stage: 'sending', attempts: [...c.attempts, attempt] }, now, [entry]);
}

export function closeAttempt(c: MiReturnCase, n: number, outcome: NonNullable<SendAttempt['outcome']>, now: number) {
  return {
    attempts: c.attempts.map((a) => (a.attempt === n ? { ...a, outcome } : a)),
    done: { ...c.done, [`send-${n}`]: isoInstant(now) },
  };
}
