import * as z from 'zod';
import { isActionable, readInboundMail } from '../../adapters/mail-reading/parse-inbound.ts';
import { checkSender, readReceiptRecipient, type SesVerdicts } from '../../domain/mail/sender-check.ts';
import type { ExitReportRequestForm, Finding, ParsedInboundMail } from '../../domain/mail/types.ts';
import { RejectionReason } from '../../ports/metric-names.ts';
import { sendNotices, sendOnce } from '../commons/outbox.ts';
import { exitReportMail } from './exit-report-mail.ts';
import { type Actioned, type InboundMailDeps, type InboundOutcome, notice, rejectMessage, sha } from './outcome.ts';
import { actionWp11 } from './wp11.ts';

export type { ComposeReadReceipt, InboundMailDeps, InboundOutcome } from './outcome.ts';

/**
 * One inbound message, already stored raw (S3 in AWS, the local inbox folder locally): read it, check it, record
 * the outcome, and turn it into case events. Every outcome is audited with its reason and counted; a message
 * that cannot be actioned is never dropped silently: the SPoC lead is told what to do.
 */
export const InboundMailInput = z.object({
  /** Where the raw MIME is: the S3 object key (AWS) or the inbox file name (local). */
  messageKey: z.string().min(1),
  envelopeRecipients: z.array(z.string()).default([]),
  /** SES receipt verdicts; null locally, where there are none. */
  verdicts: z
    .object({
      spf: z.string().optional(),
      dkim: z.string().optional(),
      dmarc: z.string().optional(),
      spam: z.string().optional(),
      virus: z.string().optional(),
    })
    .nullable()
    .default(null),
});
export type InboundMailInput = z.input<typeof InboundMailInput>;

type ParsedInput = z.output<typeof InboundMailInput>;

export function makeInboundMailHandler(deps: InboundMailDeps) {
  const { config } = deps;
  const { actionForm, actionNotRequired, actionSubmission } = exitReportMail(deps);
  function staffSender(parsed: ParsedInboundMail, verdicts: SesVerdicts | null): boolean {
    const domain = (address: string | null) => address?.split('@')[1]?.toLowerCase() ?? null;
    const allowed = new Set([domain(config.provider.spocAddress), ...config.staffSenderDomains]);
    if (!allowed.has(domain(parsed.from))) return false;
    if (verdicts === null) return true;
    return verdicts.spf?.toUpperCase() === 'PASS' && verdicts.dkim?.toUpperCase() === 'PASS';
  }

  /**
   * The message recorded once by its Message-ID: false when it was seen before and finished (a duplicated
   * delivery, a retried event: one effect, the repeat audited). A retry after a failure part-way carries on:
   * every step after is idempotent.
   */
  async function firstDelivery(key: string, input: ParsedInput, parsed: ParsedInboundMail): Promise<boolean> {
    const first = await deps.cases.recordMessageOnce(key, {
      status: 'processing',
      messageKey: input.messageKey,
      messageId: parsed.messageId,
      kind: parsed.kind,
      from: parsed.from,
      subject: parsed.subject,
      receivedAt: new Date(deps.now()).toISOString(),
      findings: parsed.findings.map((f) => `${f.severity} ${f.code}: ${f.message}`),
    });
    if (first) return true;
    const previous = await deps.cases.getMessage(key);
    if (previous?.status === 'processing') return true;
    await deps.cases.updateMessage(key, {
      repeats: Number(previous?.repeats ?? 0) + 1,
      lastRepeatAt: new Date(deps.now()).toISOString(),
    });
    deps.figures.count('InboundMailRejected', 1, { Reason: RejectionReason.Duplicate });
    return false;
  }

  /** The sender checks: Jobcentre Plus mail from a designated address (and a forward's original too), a
   * submission from the provider or its sub-contractors. A rejection, or null when the sender passes. */
  async function checkSenders(input: ParsedInput, parsed: ParsedInboundMail): Promise<InboundOutcome | null> {
    if (parsed.kind === 'report-submission') {
      if (staffSender(parsed, input.verdicts)) return null;
      return rejectMessage(
        deps,
        parsed,
        input.messageKey,
        RejectionReason.Sender,
        'An Exit Report submission came from outside the provider and its sub-contractors (staffSenderDomains), or failed the mail checks: not actioned.',
      );
    }
    const sender = checkSender(parsed, input.verdicts, config);
    if (!sender.ok) {
      return rejectMessage(
        deps,
        parsed,
        input.messageKey,
        sender.reason === 'sender' ? RejectionReason.Sender : RejectionReason.Authentication,
        sender.message,
      );
    }
    // A request forwarded as an attached message: the original sender must be designated too.
    const forwarded = parsed.findings.some((finding) => finding.code === 'forwarded-message');
    if (forwarded && !checkSender({ from: parsed.forwardedFrom }, null, config).ok) {
      return rejectMessage(
        deps,
        parsed,
        input.messageKey,
        RejectionReason.Sender,
        `The form was forwarded by ${parsed.from}, but the email inside it was not sent from a designated Jobcentre Plus District SPoC address (it came from ${parsed.forwardedFrom ?? 'no readable address'}). Do not action it. Keep a record, and phone the Jobcentre Plus District SPoC to tell them (para 40).`,
        parsed.kind,
        parsed.forwardedFrom,
      );
    }
    return null;
  }

  /** The read receipt the District SPoC asked for, once the request is accepted (paras 38–39). */
  async function sendReadReceipt(key: string, parsed: ParsedInboundMail): Promise<void> {
    const receiptTo = readReceiptRecipient(parsed, config);
    if (!receiptTo || parsed.kind === 'report-submission') return;
    await sendOnce(deps, `mdn:${key}`, async () => ({
      raw: await deps.composeReadReceipt({
        from: config.provider.spocAddress,
        to: receiptTo,
        originalMessageId: parsed.messageId,
        originalRecipient: config.provider.spocAddress,
        subject: parsed.subject,
        date: new Date(deps.now()),
      }),
      from: config.provider.spocAddress,
      to: [receiptTo],
    }));
  }

  return async function inboundMail(rawInput: unknown): Promise<InboundOutcome> {
    const input = InboundMailInput.parse(rawInput);
    const raw = await deps.rawMail.get(input.messageKey);
    const { parsed, mail } = await readInboundMail(raw, {
      maxRecordsPerForm: config.maxRecordsPerForm,
      submissionAddresses: [config.provider.submissionAddress],
      envelopeRecipients: input.envelopeRecipients,
    });
    const key = sha(parsed.messageId);
    if (!(await firstDelivery(key, input, parsed))) {
      return {
        messageKey: input.messageKey,
        messageId: parsed.messageId,
        status: 'duplicate',
        kind: parsed.kind,
        actioned: 0,
        flagged: 0,
      };
    }
    const senderRejected = await checkSenders(input, parsed);
    if (senderRejected !== null) return senderRejected;

    let result: Actioned | null = null;
    let kind: InboundOutcome['kind'] = parsed.kind;
    if (parsed.kind === 'unrecognised') {
      // Not an Exit Report message: it may be a WP11 for an Information Session referral.
      const wp11 = await actionWp11(deps, { mail, rawSha256: parsed.rawSha256 });
      if (wp11.status === 'rejected') {
        return rejectMessage(deps, parsed, input.messageKey, RejectionReason.Unparseable, wp11.message, 'wp11');
      }
      if (wp11.status !== 'not-a-wp11') {
        kind = 'wp11';
        result = wp11;
      }
    }
    if (result === null && !isActionable(parsed)) {
      const blocking = parsed.findings.find((f) => f.severity === 'reject');
      return rejectMessage(
        deps,
        parsed,
        input.messageKey,
        rejectionReason(parsed, blocking),
        blocking?.message ?? 'The message is not one the Exit Report process recognises.',
      );
    }

    if (result !== null) {
      // A WP11: actioned above.
    } else if (parsed.kind === 'not-required') result = await actionNotRequired(parsed);
    else if (parsed.kind === 'report-submission') result = await actionSubmission(parsed);
    else {
      const form = parsed.forms[0] as ExitReportRequestForm;
      result = await actionForm(parsed, form, mail?.text ?? '');
    }

    const flags: string[] = [
      ...parsed.findings.filter((f: Finding) => f.severity === 'flag').map((f) => f.message),
      ...result.flaggedRows,
    ];
    if (flags.length > 0 && parsed.kind !== 'report-submission') {
      await sendNotices(deps, [
        notice(`form-flagged:${key}`, 'form-flagged', [config.provider.spocLeadAddress], {
          kind,
          from: parsed.from,
          subject: parsed.subject,
          flags,
          actioned: result.actioned,
        }),
      ]);
    }
    await sendReadReceipt(key, parsed);
    deps.figures.count('InboundMailAccepted', 1);
    await deps.cases.updateMessage(key, {
      status: 'accepted',
      kind,
      actioned: result.actioned,
      flagged: flags.length,
      flags, // as the SPoC lead was told them: the console's Inbound mail page lists them
      ...(result.deliveredTo ? { deliveredTo: result.deliveredTo } : {}),
      ...result.outcome,
    });
    return {
      messageKey: input.messageKey,
      messageId: parsed.messageId,
      status: 'accepted',
      kind,
      actioned: result.actioned,
      flagged: flags.length,
    };
  };
}

/** Why a message that cannot be actioned is rejected, for the rejection count and the SPoC lead. */
function rejectionReason(parsed: ParsedInboundMail, blocking: Finding | undefined): RejectionReason {
  if (parsed.kind === 'unparseable') return RejectionReason.Unparseable;
  if (blocking?.code === 'more-than-one-form') return RejectionReason.MoreThanOneForm;
  if (parsed.kind === 'unrecognised') return RejectionReason.UnknownKind;
  return RejectionReason.Unparseable;
}
