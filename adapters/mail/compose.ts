import { hostname } from 'node:os';
import MailComposer from 'nodemailer/lib/mail-composer';
import MimeNode from 'nodemailer/lib/mime-node';
import { EXIT_REPORT_SUBJECT, renderExitReportHtml, renderExitReportText } from '../../domain/exit-report/render.ts';
import type { ExitReportDocument } from '../../domain/exit-report/types.ts';

/**
 * Outbound messages as raw MIME (RFC 5322), built by nodemailer's MailComposer / MimeNode, the same bytes for
 * SES (SendEmail with Content.Raw) and for the local outbox (.eml). CRLF line ends throughout.
 *
 * Why the two `nodemailer/lib/...` imports. MailComposer is nodemailer's documented way to build a message
 * without sending it (nodemailer.com "Mailcomposer"); the root API's stream transport gives the same bytes but
 * pulls every transport (SMTP, SES, sendmail, DKIM, well-known services) into each Lambda bundle, about 105 KiB
 * minified more in all eight. MimeNode is used for the read receipt only: an RFC 8098 receipt must be
 * multipart/report, which no public nodemailer API builds (MailComposer's root is always multipart/mixed; a
 * Content-Type header option gives the message two). Scripts and tests, which are not bundled, use the root API.
 */
export interface ComposeCommon {
  from: string;
  /** Fixed Date header (tests, virtual clock); now when absent. */
  date?: Date;
  /** A fixed Message-ID ("<id@host>"), e.g. derived from the send intent; generated when absent. */
  messageId?: string;
}

/** One Exit Report per email (para 69), subject exactly "Work Programme Exit Report" (para 71). */
export async function composeExitReportEmail(
  input: ComposeCommon & { to: string; report: ExitReportDocument; html?: boolean },
): Promise<Buffer> {
  assertSingleAddress(input.to, 'to');
  const composer = new MailComposer({
    from: input.from,
    to: input.to,
    subject: EXIT_REPORT_SUBJECT,
    date: input.date,
    messageId: input.messageId,
    text: renderExitReportText(input.report),
    html: input.html === false ? undefined : renderExitReportHtml(input.report),
    newline: 'win',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return build(composer.compile());
}

/** A plain-text staff notice. */
export async function composeNotice(
  input: ComposeCommon & { to: string | string[]; subject: string; text: string },
): Promise<Buffer> {
  const composer = new MailComposer({
    from: input.from,
    to: input.to,
    subject: input.subject,
    date: input.date,
    messageId: input.messageId,
    text: input.text,
    headers: { 'Auto-Submitted': 'auto-generated' },
    newline: 'win',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return build(composer.compile());
}

/**
 * The read receipt a WPER2E asks for (para 22, 38–39), as an RFC 8098 Message Disposition Notification:
 * multipart/report; report-type=disposition-notification, with a human-readable part and a
 * message/disposition-notification part.
 *
 * Disposition: automatic-action/MDN-sent-automatically; processed. The receipt is sent by the system when it
 * accepts the request (sender checked, form read, case updated), not when a person opens the message, so
 * "processed" (RFC 8098 3.2.6.2: processed without being displayed to the user) is the truthful disposition
 * and "MDN-sent-automatically" the truthful sending mode; "displayed" would claim someone had read it.
 */
export async function composeReadReceipt(
  input: ComposeCommon & {
    originalMessageId: string;
    /** The address the request was delivered to: the provider SPoC inbox. */
    originalRecipient: string;
    /** The Disposition-Notification-To address (a designated District SPoC: see readReceiptRecipient). */
    to: string;
    /** The original message's subject. */
    subject: string;
    reportingUa?: string;
  },
): Promise<Buffer> {
  assertSingleAddress(input.to, 'to');
  const originalMessageId = headerSafe(input.originalMessageId);
  const recipient = headerSafe(input.originalRecipient);
  const root = new MimeNode('multipart/report; report-type=disposition-notification', {
    newline: 'win',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  root.setHeader({
    From: input.from,
    To: input.to,
    Subject: `Read receipt: ${input.subject}`,
    'In-Reply-To': originalMessageId,
    References: originalMessageId,
    'Auto-Submitted': 'auto-replied',
  });
  if (input.date) root.setHeader('Date', input.date);
  if (input.messageId) root.setHeader('Message-ID', input.messageId);

  root
    .createChild('text/plain; charset=utf-8')
    .setContent(
      [
        `Your message "${input.subject}" was received by ${recipient} and accepted for processing.`,
        '',
        'This receipt was sent automatically when the Exit Report request was accepted; it does not mean a person has read it yet.',
        '',
      ].join('\r\n'),
    );
  const reportingUa = headerSafe(input.reportingUa ?? `${hostname()}; wp-orchestrator`);
  root
    .createChild('message/disposition-notification')
    .setHeader('Content-Transfer-Encoding', '7bit')
    .setContent(
      [
        `Reporting-UA: ${reportingUa}`,
        `Original-Recipient: rfc822;${recipient}`,
        `Final-Recipient: rfc822;${recipient}`,
        `Original-Message-ID: ${originalMessageId}`,
        'Disposition: automatic-action/MDN-sent-automatically; processed',
        '',
      ].join('\r\n'),
    );
  return build(root);
}

function build(node: MimeNode): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    node.build((error, message) => (error ? reject(error) : resolve(message)));
  });
}

function assertSingleAddress(address: string, field: string): void {
  if (!/^[^\s,;<>]+@[^\s,;<>]+$/.test(address.trim())) {
    throw new TypeError(`${field} must be exactly one email address`);
  }
}

/** Header field values built by hand: ASCII, one line. */
function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '').trim();
}
