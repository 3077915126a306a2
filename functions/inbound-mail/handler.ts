import { createHash } from 'node:crypto';
import * as z from 'zod';
import { isActionable, readInboundMail } from '../../adapters/mail-reading/parse-inbound.ts';
import { exitReportIndexKey, exitReportRecordKind } from '../../adapters/store/exit-report-records.ts';
import { londonDateOf } from '../../domain/calendar/london.ts';
import type { CaseEvent, ExitReportCase } from '../../domain/exit-report/case.ts';
import { checkExitReport } from '../../domain/exit-report/content-check.ts';
import { exitReportDeadline } from '../../domain/exit-report/deadlines.ts';
import type { NoticeIntent } from '../../domain/exit-report/lifecycle.ts';
import {
  checkSender,
  compareFormDeadline,
  readReceiptRecipient,
  type SesVerdicts,
} from '../../domain/mail/sender-check.ts';
import type { ExitReportRequestForm, Finding, ParsedInboundMail } from '../../domain/mail/types.ts';
import { maskNino } from '../../domain/nino.ts';
import type { RawMailStore } from '../../ports/mail.ts';
import { RejectionReason } from '../../ports/metric-names.ts';
import { deliverToRecord } from '../commons/deliver.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { sendNotices, sendOnce } from '../commons/outbox.ts';
import { actionWp11 } from './wp11.ts';

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

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

export function makeInboundMailHandler(deps: InboundMailDeps) {
  const { config } = deps;
  const exitReports = deps.cases.recordsOf(exitReportRecordKind);
  const deliverEvent = (caseId: string, event: CaseEvent) =>
    deliverToRecord(deps, exitReports, exitReportRecordKind.process, caseId, event);

  function notice<K extends NoticeIntent['kind']>(
    intentId: string,
    kind: K,
    to: string[],
    facts: Extract<NoticeIntent, { kind: K }>['facts'],
  ): NoticeIntent {
    return { intentId, kind, to, facts } as Extract<NoticeIntent, { kind: K }>;
  }

  async function reject(
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
      notice(`mail-rejected:${sha(parsed.messageId)}`, 'mail-rejected', [config.provider.spocLeadAddress], {
        reason,
        message,
        from: parsed.from,
        subject: parsed.subject,
        receivedAt: new Date(deps.now()).toISOString(),
        messageKey,
        ...(originalFrom === undefined ? {} : { originalFrom }),
      }),
    ]);
    return { messageKey, messageId: parsed.messageId, status: 'rejected', kind, reason, actioned: 0, flagged: 0 };
  }

  async function caseFor(nino: string): Promise<ExitReportCase | null> {
    const cases = await exitReports.findByIndex(exitReportIndexKey(nino));
    // The participant's most recent referral is the one Jobcentre Plus means.
    return cases.sort((a, b) => b.participant.referralDate.localeCompare(a.participant.referralDate))[0] ?? null;
  }

  async function actionForm(
    parsed: ParsedInboundMail,
    form: ExitReportRequestForm,
  ): Promise<{ actioned: number; flaggedRows: string[] }> {
    const flaggedRows = form.invalidRows.map((r) => `Row ${r.rowNumber}: ${r.reason}`);
    const deadlineFlags = new Set<string>();
    let actioned = 0;
    const receivedAt = new Date(deps.now()).toISOString();
    // A WPER3E repeats the original form, Request Date included (memo 115): the escalation counts from the date
    // of the reminder itself, the day the District SPoC sent it (Europe/London), else the day it arrived.
    // A Date header after receipt or more than 14 days before it is not believed.
    const sent = parsed.sentAt ? Date.parse(parsed.sentAt) : Number.NaN;
    const plausible = sent <= deps.now() && deps.now() - sent <= 14 * 86_400_000;
    const reminderDate = londonDateOf(plausible ? new Date(sent) : receivedAt);
    for (const row of form.rows) {
      const found = await caseFor(row.nino);
      if (!found) {
        flaggedRows.push(
          `Row ${row.rowNumber} (${maskNino(row.nino)}): not a participant attached to this provider — contact Jobcentre Plus (paras 45, 49).`,
        );
        continue;
      }
      const event: CaseEvent =
        form.form === 'WPER3E'
          ? {
              id: `wper3:${reminderDate}`,
              type: 'wper3-reminder',
              reminderDate,
              receivedAt,
              messageId: parsed.messageId,
            }
          : {
              id: `request:${form.requestDate}`,
              type: 'exit-report-request',
              form: form.form === 'AD-HOC' ? 'AD-HOC' : 'WPER2E',
              requestDate: form.requestDate,
              receivedAt,
              messageId: parsed.messageId,
              returnEmail: form.returnEmail ?? parsed.from,
              printedDeadline: form.returnDeadline,
            };
      await deliverEvent(found.caseId, event);
      actioned++;
      if (form.form !== 'WPER3E' && form.returnDeadline !== null) {
        // A printed deadline that is not the counted one: the earlier is kept, and the SPoC lead is told.
        const { computed } = exitReportDeadline(form.requestDate, form.returnDeadline, found.participant);
        const mismatch = compareFormDeadline(form.returnDeadline, computed.due).finding;
        if (mismatch !== null) deadlineFlags.add(mismatch.message);
      }
    }
    flaggedRows.push(...deadlineFlags);
    return { actioned, flaggedRows };
  }

  async function actionNotRequired(parsed: ParsedInboundMail): Promise<{ actioned: number; flaggedRows: string[] }> {
    const flaggedRows: string[] = [];
    let actioned = 0;
    for (const nino of parsed.notRequired?.ninos ?? []) {
      const found = await caseFor(nino);
      if (!found) {
        flaggedRows.push(`${maskNino(nino)}: 'no longer required' for a participant not attached to this provider.`);
        continue;
      }
      await deliverEvent(found.caseId, {
        id: `not-required:${sha(parsed.messageId)}`,
        type: 'not-required',
        receivedAt: new Date(deps.now()).toISOString(),
        messageId: parsed.messageId,
      });
      actioned++;
    }
    if ((parsed.notRequired?.ninos ?? []).length === 0) flaggedRows.push('The notice names no valid NINO.');
    return { actioned, flaggedRows };
  }

  async function actionSubmission(parsed: ParsedInboundMail): Promise<{ actioned: number; flaggedRows: string[] }> {
    const submission = parsed.submission;
    const sender = parsed.from ?? config.provider.spocLeadAddress;
    const problems = [...(submission?.problems ?? [])];
    const found = submission?.nino ? await caseFor(submission.nino) : null;
    if (submission?.nino && !found) problems.push('No case for this NINO: check the NINO in the subject.');
    if (!submission?.document || !found || problems.length > 0) {
      // Every finding at once: the content check's problems go back with the reading problems, not after them.
      if (submission?.document) {
        const check = checkExitReport(submission.document, { scr: found?.participant.scr ?? false });
        for (const problem of check.problems) if (!problems.includes(problem)) problems.push(problem);
      }
      await sendNotices(deps, [
        notice(`submission-problems:${sha(parsed.messageId)}`, 'submission-returned', [sender], {
          problems: problems.length > 0 ? problems : ['No Exit Report could be read from the email.'],
          deadline: found?.deadlines.exitReport ?? null,
          scr: found?.participant.scr ?? false,
        }),
      ]);
      return { actioned: 0, flaggedRows: problems };
    }
    const eventId = `submission:${sha(parsed.messageId)}`;
    await deps.cases.putCaseAttachment(
      found.caseId,
      `SUBMISSION#${eventId}`,
      { document: submission.document, from: sender, messageId: parsed.messageId },
      Math.floor(deps.now() / 1000) + 100 * 86_400,
    );
    await deliverEvent(found.caseId, {
      id: eventId,
      type: 'report-submitted',
      submittedAt: new Date(deps.now()).toISOString(),
      messageId: parsed.messageId,
      submissionKey: `SUBMISSION#${eventId}`,
    });
    return { actioned: 1, flaggedRows: [] };
  }

  function staffSender(parsed: ParsedInboundMail, verdicts: SesVerdicts | null): boolean {
    const domain = (address: string | null) => address?.split('@')[1]?.toLowerCase() ?? null;
    const allowed = new Set([domain(config.provider.spocAddress), ...config.staffSenderDomains]);
    if (!allowed.has(domain(parsed.from))) return false;
    if (verdicts === null) return true;
    return verdicts.spf?.toUpperCase() === 'PASS' && verdicts.dkim?.toUpperCase() === 'PASS';
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
    const first = await deps.cases.recordMessageOnce(key, {
      status: 'processing',
      messageKey: input.messageKey,
      kind: parsed.kind,
      from: parsed.from,
      subject: parsed.subject,
      receivedAt: new Date(deps.now()).toISOString(),
      findings: parsed.findings.map((f) => `${f.severity} ${f.code}: ${f.message}`),
    });
    if (!first) {
      const previous = await deps.cases.getMessage(key);
      if (previous?.status !== 'processing') {
        // The same message again (a duplicated delivery, a retried event): one effect; the repeat is audited.
        await deps.cases.updateMessage(key, {
          repeats: Number(previous?.repeats ?? 0) + 1,
          lastRepeatAt: new Date(deps.now()).toISOString(),
        });
        deps.figures.count('InboundMailRejected', 1, { Reason: RejectionReason.Duplicate });
        return {
          messageKey: input.messageKey,
          messageId: parsed.messageId,
          status: 'duplicate',
          kind: parsed.kind,
          actioned: 0,
          flagged: 0,
        };
      }
      // A retry after a failure part-way: every step below is idempotent, so carry on.
    }

    const fromJcp = parsed.kind !== 'report-submission';
    if (fromJcp) {
      const sender = checkSender(parsed, input.verdicts, config);
      if (!sender.ok) {
        return reject(
          parsed,
          input.messageKey,
          sender.reason === 'sender' ? RejectionReason.Sender : RejectionReason.Authentication,
          sender.message,
        );
      }
      // A request forwarded as an attached message: the original sender must be designated too.
      const forwarded = parsed.findings.some((finding) => finding.code === 'forwarded-message');
      if (forwarded && !checkSender({ from: parsed.forwardedFrom }, null, config).ok) {
        return reject(
          parsed,
          input.messageKey,
          RejectionReason.Sender,
          `The form was forwarded by ${parsed.from}, but the email inside it was not sent from a designated Jobcentre Plus District SPoC address (it came from ${parsed.forwardedFrom ?? 'no readable address'}). Do not action it. Keep a record, and phone the Jobcentre Plus District SPoC to tell them (para 40).`,
          parsed.kind,
          parsed.forwardedFrom,
        );
      }
    } else if (!staffSender(parsed, input.verdicts)) {
      return reject(
        parsed,
        input.messageKey,
        RejectionReason.Sender,
        'An Exit Report submission came from outside the provider and its sub-contractors (staffSenderDomains), or failed the mail checks: not actioned.',
      );
    }
    let result: { actioned: number; flaggedRows: string[] } | null = null;
    let kind: InboundOutcome['kind'] = parsed.kind;
    if (parsed.kind === 'unrecognised') {
      // Not an Exit Report message: it may be a WP11 for an Information Session referral.
      const wp11 = await actionWp11(deps, { mail, rawSha256: parsed.rawSha256 });
      if (wp11.status === 'rejected') {
        return reject(parsed, input.messageKey, RejectionReason.Unparseable, wp11.message, 'wp11');
      }
      if (wp11.status !== 'not-a-wp11') {
        kind = 'wp11';
        result = wp11;
      }
    }
    if (result === null && !isActionable(parsed)) {
      const blocking = parsed.findings.find((f) => f.severity === 'reject');
      const reason =
        parsed.kind === 'unparseable'
          ? RejectionReason.Unparseable
          : blocking?.code === 'more-than-one-form'
            ? RejectionReason.MoreThanOneForm
            : parsed.kind === 'unrecognised'
              ? RejectionReason.UnknownKind
              : RejectionReason.Unparseable;
      return reject(
        parsed,
        input.messageKey,
        reason,
        blocking?.message ?? 'The message is not one the Exit Report process recognises.',
      );
    }

    if (result !== null) {
      // A WP11: actioned above.
    } else if (parsed.kind === 'not-required') result = await actionNotRequired(parsed);
    else if (parsed.kind === 'report-submission') result = await actionSubmission(parsed);
    else {
      const form = parsed.forms[0] as ExitReportRequestForm;
      result = await actionForm(parsed, form);
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
    // The read receipt the District SPoC asked for, once the request is accepted (paras 38–39).
    const receiptTo = readReceiptRecipient(parsed, config);
    if (receiptTo && fromJcp) {
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
    deps.figures.count('InboundMailAccepted', 1);
    await deps.cases.updateMessage(key, {
      status: 'accepted',
      kind,
      actioned: result.actioned,
      flagged: flags.length,
      flags, // as the SPoC lead was told them: the console's Inbound mail page lists them
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
