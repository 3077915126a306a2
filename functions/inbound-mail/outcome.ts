import { createHash } from 'node:crypto';
import type { NoticeIntent } from '../../domain/exit-report/lifecycle.ts';
import type { ParsedInboundMail } from '../../domain/mail/types.ts';
import type { RawMailStore } from '../../ports/mail.ts';
import type { RejectionReason } from '../../ports/metric-names.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { sendNotices } from '../commons/outbox.ts';

export type ComposeReadReceipt = (input: {
  from: string;
  to: string;
  originalMessageId: string;
  originalRecipient: string;
  subject: string;
  date?: Date;
}) => Promise<Buffer>;

export interface InboundOutcome {
  messageKey: string;
  messageId: string;
  status: 'accepted' | 'rejected' | 'duplicate';
  /** What the message was: an Exit Report kind, or a WP11 for an Information Session referral. */
  kind: ParsedInboundMail['kind'] | 'wp11';
  reason?: string;
  actioned: number;
  flagged: number;
}

export type InboundMailDeps = CaseHandlerDeps & { rawMail: RawMailStore; composeReadReceipt: ComposeReadReceipt };

/** What actioning a message did: how many cases it reached, and what the SPoC lead must look at. */
export interface Actioned {
  actioned: number;
  flaggedRows: string[];
  /** The cases a request form delivered a request to: what destroying the form withdraws (paras 46–48). */
  deliveredTo?: string[];
  /** What else the message's outcome keeps (para 39: the duplicate rows, the signs of a re-send). */
  outcome?: Record<string, unknown>;
}

/** A short stable key from a Message-ID, for the message record and the idempotent notices' ids. */
export const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** A notice intent, its facts typed by its kind. */
export function notice<K extends NoticeIntent['kind']>(
  intentId: string,
  kind: K,
  to: string[],
  facts: Extract<NoticeIntent, { kind: K }>['facts'],
): NoticeIntent {
  return { intentId, kind, to, facts } as Extract<NoticeIntent, { kind: K }>;
}

/**
 * Rejects a message: counted by reason, its record marked rejected, and the SPoC lead told what to do. A
 * rejection is an outcome, never a throw.
 */
export async function rejectMessage(
  deps: InboundMailDeps,
  parsed: ParsedInboundMail,
  messageKey: string,
  reason: RejectionReason,
  message: string,
  kind: InboundOutcome['kind'] = parsed.kind,
  originalFrom?: string | null,
): Promise<InboundOutcome> {
  deps.figures.count('InboundMailRejected', 1, { Reason: reason });
  await deps.cases.updateMessage(sha(parsed.messageId), { status: 'rejected', reason, detail: message });
  await sendNotices(deps, [
    notice(`mail-rejected:${sha(parsed.messageId)}`, 'mail-rejected', [deps.config.provider.spocLeadAddress], {
      reason,
      message,
      from: parsed.from,
      subject: parsed.subject,
      receivedAt: new Date(deps.now()).toISOString(),
      messageKey,
      ...(originalFrom === undefined ? {} : { originalFrom }),
    }),
  ]);
  return {
    messageKey,
    messageId: parsed.messageId,
    status: 'rejected',
    kind,
    reason,
    actioned: 0,
    flagged: 0,
  };
}
