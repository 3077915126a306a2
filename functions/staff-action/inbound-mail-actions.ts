import * as z from 'zod';
import { emailAddress } from '../../domain/email-address.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { withdrawDestroyedRequests } from './exit-report-withdrawal.ts';

/** Why a received form is destroyed, as agreed with the Jobcentre Plus District SPoC (para 46). */
export const DESTRUCTION_GROUNDS = ['sent-in-error', 'not-designated-inbox'] as const;

export const InboundMailActions = [
  /**
   * A WPER2/WPER2E agreed with the District SPoC to have been sent in error, or not from the designated inbox
   * (paras 46, 49): the raw message is destroyed (every S3 version in AWS, the inbox file locally) and what was
   * done (who, when, why) is kept on the message's outcome, for audit.
   */
  z.object({
    action: z.literal('destroy-inbound-message'),
    /** The outcome's key, as the Inbound mail page and `TableStore.inboundMessages` give it. */
    message: z.string().regex(/^[0-9a-f]{32}$/, 'Choose a message from the list'),
    grounds: z.enum(DESTRUCTION_GROUNDS),
    reason: z.string().trim().min(1, 'Enter what was agreed with the District SPoC').max(1000),
    by: emailAddress,
  }),
] as const;

type ActionInput = z.infer<(typeof InboundMailActions)[number]>;

export class InboundMessageActionRefused extends Error {
  override name = 'InboundMessageActionRefused';
}

export async function inboundMailAction(deps: CaseHandlerDeps, input: ActionInput): Promise<Record<string, unknown>> {
  const item = await deps.cases.getMessage(input.message);
  if (!item) throw new InboundMessageActionRefused(`No inbound message ${input.message} is recorded.`);
  const done = item.destroyed as { at?: string } | undefined;
  // Once destroyed, a repeat (a double submit, a retried invoke) changes nothing: the first record stands.
  if (done?.at) return { message: input.message, destroyed: item.destroyed, duplicate: true };
  if (!deps.rawMail) throw new InboundMessageActionRefused('This system was started without inbound mail.');
  const messageKey = typeof item.messageKey === 'string' ? item.messageKey : null;
  // The message first, the record after: a failure between the two is retried, and deleting again is harmless.
  if (messageKey) await deps.rawMail.delete(messageKey);
  // What the form delivered is withdrawn from each case it reached (paras 46-48); each withdrawal is idempotent.
  const { withdrawn, notWithdrawn } = await withdrawDestroyedRequests(
    deps,
    {
      key: input.message,
      messageId: typeof item.messageId === 'string' ? item.messageId : null,
      deliveredTo: Array.isArray(item.deliveredTo) ? item.deliveredTo.map(String) : [],
    },
    input,
  );
  const destroyed = {
    at: new Date(deps.now()).toISOString(),
    by: input.by,
    grounds: input.grounds,
    reason: input.reason,
    withdrawn,
    notWithdrawn,
  };
  await deps.cases.updateMessage(input.message, { destroyed });
  return { message: input.message, destroyed, duplicate: false };
}
