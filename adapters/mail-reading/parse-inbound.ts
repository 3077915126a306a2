import { createHash } from 'node:crypto';
import { normaliseSubject } from '../../domain/mail/classify.ts';
import { MAX_ATTACHMENT_BYTES, MAX_MESSAGE_BYTES, MAX_ROWS_READ } from '../../domain/mail/limits.ts';
import { redactNinos } from '../../domain/mail/nino-tokens.ts';
import type { MailAttachment, MailMessage, ParsedInboundMail, ParseInboundOptions } from '../../domain/mail/types.ts';
import { interpretMessage } from './message-content.ts';
import { readMime } from './mime.ts';
import { describeError } from './read-findings.ts';

export { MAX_ATTACHMENT_BYTES, MAX_MESSAGE_BYTES, MAX_ROWS_READ };

const PARSE_TIMEOUT_MS = 30_000;

/**
 * Reads an inbound message: who sent it, what kind it is, the Exit Report request form in it (from an XLSX,
 * CSV, DOCX or text attachment, or an HTML or plain-text table in the body), a "no longer required" notice, or
 * a caseworker's Exit Report submission, with findings for every check the guidance asks for.
 *
 * It never throws: whatever the input (malformed MIME, random bytes, hostile attachments), the result has a
 * kind and findings. No I/O, no clock.
 */
export async function parseInboundMail(
  raw: Buffer | string,
  opts: ParseInboundOptions = {},
): Promise<ParsedInboundMail> {
  return (await readInboundMail(raw, opts)).parsed;
}

/**
 * As `parseInboundMail`, and the message as read (null when it could not be), so that a caller reading it
 * another way (the WP11 reader) does not parse the MIME again: each message is parsed once.
 */
export async function readInboundMail(
  raw: Buffer | string,
  opts: ParseInboundOptions = {},
): Promise<{ parsed: ParsedInboundMail; mail: MailMessage | null }> {
  const buffer = toBuffer(raw);
  const rawSha256 = createHash('sha256').update(buffer).digest('hex');
  const result: ParsedInboundMail = {
    messageId: `sha256:${rawSha256}`,
    rawSha256,
    from: null,
    to: [],
    subject: '',
    sentAt: null,
    readReceiptTo: null,
    forwardedFrom: null,
    kind: 'unparseable',
    forms: [],
    notRequired: null,
    submission: null,
    findings: [],
  };
  let mail: MailMessage | null = null;
  try {
    if (buffer.length > MAX_MESSAGE_BYTES) {
      result.findings.push({
        code: 'message-too-large',
        severity: 'reject',
        message: `The message is ${Math.round(buffer.length / 1024 / 1024)} MB, more than the ${MAX_MESSAGE_BYTES / 1024 / 1024} MB read: not read. It is kept as received.`,
      });
      return { parsed: finalise(result), mail };
    }
    mail = await withTimeout(readMime(buffer), PARSE_TIMEOUT_MS);
    if (mail.headerCount === 0) {
      result.findings.push({
        code: 'unparseable',
        severity: 'reject',
        message: 'The message has no mail headers: it is not an email. It is kept as received.',
      });
      return { parsed: finalise(result), mail: null };
    }
    readHeaders(mail, result);
    await interpretMessage(await withForwarded(mail, result), result, opts);
    return { parsed: finalise(result), mail };
  } catch (error) {
    result.kind = 'unparseable';
    result.forms = [];
    result.notRequired = null;
    result.submission = null;
    result.findings.push({
      code: 'unparseable',
      severity: 'reject',
      message: `The message could not be read (${describeError(error)}). It is kept as received.`,
    });
    return { parsed: finalise(result), mail };
  }
}

/** True when nothing in the result stops it being actioned (no 'reject' finding, a known kind). */
export function isActionable(parsed: ParsedInboundMail): boolean {
  return (
    parsed.kind !== 'unparseable' &&
    parsed.kind !== 'unrecognised' &&
    !parsed.findings.some((finding) => finding.severity === 'reject')
  );
}

function readHeaders(mail: MailMessage, result: ParsedInboundMail): void {
  const messageId = mail.messageId;
  // A Message-ID is the idempotency key: only a printable, bounded one is trusted; else the raw bytes' hash.
  if (messageId !== '' && messageId.length <= 500 && /^[\x21-\x7e]+$/.test(messageId)) {
    result.messageId = messageId;
  }
  result.from = mail.from;
  result.to = mail.to;
  result.subject = mail.subject.replace(/[\r\n\t]+/g, ' ').trim();
  result.sentAt = mail.sentAt;
  result.readReceiptTo = mail.readReceiptTo;
}

/**
 * A request a designated District SPoC forwards as an attached message (message/rfc822, Outlook's "Forward as
 * attachment"): the form is read from the message inside (its body and attachments, with the forwarding
 * note's), its subject classifies the message, and its sender is kept in `forwardedFrom` for the sender check.
 * One level only: a forward of a forward is read as the outer message.
 */
async function withForwarded(mail: MailMessage, result: ParsedInboundMail): Promise<MailMessage> {
  const attached = mail.attachments.find((attachment) => isForwardedMessage(attachment));
  if (attached === undefined) return mail;
  const inner = await withTimeout(readMime(attached.content), PARSE_TIMEOUT_MS);
  if (inner.headerCount === 0) return mail;
  result.forwardedFrom = inner.from;
  result.findings.push({
    code: 'forwarded-message',
    severity: 'info',
    message: `The message forwards an attached email from ${inner.from ?? 'no readable address'}: the form is read from it.`,
  });
  const ownSubject = normaliseSubject(result.subject).text;
  return {
    ...mail,
    // The original's subject says what the request is when the forward's does not.
    subject: /exit report|wper|not required|no longer required|wp11/i.test(ownSubject) ? mail.subject : inner.subject,
    text: [inner.text, mail.text].filter((part) => part.trim() !== '').join('\n'),
    html: inner.html !== null && inner.html.trim() !== '' ? inner.html : mail.html,
    attachments: [
      ...mail.attachments.filter((attachment) => attachment !== attached),
      // A forward of a forward is not opened again.
      ...inner.attachments.filter((attachment) => !isForwardedMessage(attachment)),
    ],
  };
}

function isForwardedMessage(attachment: MailAttachment): boolean {
  return attachment.contentType === 'message/rfc822' || (attachment.filename ?? '').toLowerCase().endsWith('.eml');
}

function toBuffer(raw: Buffer | string): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
  try {
    return Buffer.from(raw as unknown as Uint8Array);
  } catch {
    return Buffer.alloc(0);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`reading took longer than ${ms / 1000} seconds`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function finalise(result: ParsedInboundMail): ParsedInboundMail {
  for (const finding of result.findings) {
    finding.message = redactNinos(finding.message);
  }
  return result;
}
