import { createHash } from 'node:crypto';
import { readSubmission } from '../../domain/exit-report/read-submission.ts';
import type { Grid } from '../../domain/mail/cells.ts';
import { classifyInbound, normaliseSubject } from '../../domain/mail/classify.ts';
import { MAX_ATTACHMENT_BYTES, MAX_MESSAGE_BYTES, MAX_ROWS_READ } from '../../domain/mail/limits.ts';
import { findNinos, redactNinos } from '../../domain/mail/nino-tokens.ts';
import { csvToGrid } from '../../domain/mail/sources/csv-grid.ts';
import { decodeText } from '../../domain/mail/sources/decode-text.ts';
import { textToGrid } from '../../domain/mail/sources/text-grid.ts';
import type {
  ExitReportRequestForm,
  Finding,
  FormName,
  FormSource,
  InboundKind,
  MailAttachment,
  MailMessage,
  ParsedInboundMail,
  ParseInboundOptions,
} from '../../domain/mail/types.ts';
import { type ReadForm, readForms } from '../../domain/mail/wper2e-form.ts';
import { docxToGrid } from './docx-grid.ts';
import { formatReaders } from './formats.ts';
import { htmlToGrid } from './html-grid.ts';
import { readMime } from './mime.ts';
import { xlsxToGrids } from './xlsx-grid.ts';

export { MAX_ATTACHMENT_BYTES, MAX_MESSAGE_BYTES, MAX_ROWS_READ };

const PARSE_TIMEOUT_MS = 30_000;
const NOTE_LENGTH = 2_000;

const REQUEST_KINDS: ReadonlySet<InboundKind> = new Set([
  'exit-report-request',
  'exit-report-reminder',
  'ad-hoc-request',
]);
const FORM_NAMES: Partial<Record<InboundKind, FormName>> = {
  'exit-report-request': 'WPER2E',
  'exit-report-reminder': 'WPER3E',
  'ad-hoc-request': 'AD-HOC',
};

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
    await interpret(await withForwarded(mail, result), result, opts);
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

async function interpret(mail: MailMessage, result: ParsedInboundMail, opts: ParseInboundOptions): Promise<void> {
  const maxRecords = opts.maxRecordsPerForm ?? 40;
  const attachmentFindings: Finding[] = [];
  const bodyFindings: Finding[] = [];
  const html = mail.html !== null && mail.html.trim() !== '' ? mail.html : null;
  const text = mail.text;

  // The form, from wherever it is.
  const read: ReadForm[] = [];
  for (const source of await attachmentGrids(mail.attachments, attachmentFindings)) {
    read.push(
      ...readForms(source.grid, { source: source.source, maxRecords, sentAt: result.sentAt, where: source.where }),
    );
  }
  let bodyForms: ReadForm[] = [];
  if (html !== null) {
    const body = htmlToGrid(html, MAX_ROWS_READ);
    if (body.activeContent > 0) {
      bodyFindings.push({
        code: 'script-in-html',
        severity: 'flag',
        message: `The HTML body contains ${body.activeContent} script or active element(s): ignored, never run. Treat the message with care.`,
      });
    }
    if (body.truncated) bodyFindings.push(tooManyRows('the email body'));
    bodyForms = readForms(body.grid, { source: 'html', maxRecords, sentAt: result.sentAt, where: 'the email body' });
  }
  if (bodyForms.length === 0 && text.trim() !== '') {
    const body = textToGrid(text, MAX_ROWS_READ);
    if (body.truncated && html === null) bodyFindings.push(tooManyRows('the email body'));
    bodyForms = readForms(body.grid, { source: 'text', maxRecords, sentAt: result.sentAt, where: 'the email body' });
  }
  read.push(...bodyForms);
  const forms = withoutCopies(read, bodyFindings);

  const submissionAddresses = (opts.submissionAddresses ?? []).map((address) => address.toLowerCase());
  const recipients = [...result.to, ...(opts.envelopeRecipients ?? []).map((address) => address.toLowerCase())];
  const classified = classifyInbound({
    subject: mail.subject,
    bodyText: text,
    to: recipients,
    submissionAddresses,
    formTitles: forms.flatMap((form) => form.titles),
    formsWithParticipants: forms.filter((form) => form.form.rows.length + form.form.invalidRows.length > 0).length,
    formsFound: forms.length,
  });
  result.kind = classified.kind;
  result.findings.push(...classified.findings, ...bodyFindings);

  if (classified.kind === 'report-submission') {
    result.submission = await readSubmission(
      {
        subject: result.subject,
        text,
        html,
        attachments: mail.attachments.map((attachment) => ({
          filename: attachment.filename ?? '',
          contentType: attachment.contentType,
          content: attachment.content,
        })),
      },
      formatReaders,
    );
    return;
  }

  result.findings.push(...attachmentFindings);
  if (classified.kind === 'not-required') {
    const ninos = new Set([...findNinos(result.subject), ...findNinos(text)]);
    for (const form of forms) for (const row of form.form.rows) ninos.add(row.nino);
    result.notRequired = { ninos: [...ninos], note: text.trim().slice(0, NOTE_LENGTH) };
    if (ninos.size === 0) {
      result.findings.push({
        code: 'no-nino-found',
        severity: 'flag',
        message:
          'The "no longer required" notice names no valid NINO: phone the Jobcentre Plus District SPoC to ask which participant it is for.',
      });
    }
    return;
  }

  if (!REQUEST_KINDS.has(classified.kind)) {
    // Kept for the audit record of an unrecognised message carrying a form; not actioned.
    result.forms = forms.map((form) => form.form);
    return;
  }

  const formName = FORM_NAMES[classified.kind] ?? 'WPER2E';
  if (forms.length === 0) {
    const prose = classified.kind === 'exit-report-request' ? null : formFromProse(result, text, formName);
    if (prose === null) {
      result.findings.push({
        code: 'no-form-found',
        severity: 'reject',
        message:
          'No Exit Report request form was found in the message (as an XLSX, CSV or DOCX attachment or a table in the body). Phone the Jobcentre Plus District SPoC to ask for it to be resent.',
      });
      return;
    }
    result.forms = [prose];
    result.findings.push({
      code: 'no-form-found',
      severity: 'flag',
      message: `No form table was found; the participant NINO(s) were taken from the text of the message (${prose.rows.length}).`,
    });
    return;
  }
  if (forms.length > 1) {
    result.findings.push({
      code: 'more-than-one-form',
      severity: 'reject',
      message: `The message contains ${forms.length} forms; one form per email is allowed (para 36). Not actioned: phone the Jobcentre Plus District SPoC to ask for them to be sent in separate emails.`,
    });
  }
  for (const form of forms) {
    form.form.form = formName;
    result.forms.push(form.form);
    result.findings.push(...form.findings);
  }
}

interface SourceGrid {
  source: FormSource;
  where: string;
  grid: Grid;
}

async function attachmentGrids(attachments: MailAttachment[], findings: Finding[]): Promise<SourceGrid[]> {
  const grids: SourceGrid[] = [];
  for (const attachment of attachments) {
    const name = displayName(attachment);
    const where = `the attachment "${name}"`;
    const kind = attachmentKind(attachment);
    if (kind === 'image' || kind === 'signature') continue;
    const content = attachment.content;
    if (content.length === 0) {
      findings.push({ code: 'empty-attachment', severity: 'flag', message: `The attachment "${name}" is empty.` });
      continue;
    }
    if (content.length > MAX_ATTACHMENT_BYTES) {
      findings.push({
        code: 'attachment-too-large',
        severity: 'flag',
        message: `The attachment "${name}" is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB: not read. A form is never that large.`,
      });
      continue;
    }
    try {
      switch (kind) {
        case 'xlsx': {
          const read = await xlsxToGrids(content, MAX_ROWS_READ);
          if (!read.ok) {
            findings.push(unreadable(name, read.reason));
            break;
          }
          if (read.truncated) findings.push(tooManyRows(where));
          for (const sheet of read.grids) {
            grids.push({
              source: 'xlsx',
              where: read.grids.length > 1 ? `${where}, sheet "${sheet.sheet}"` : where,
              grid: sheet.grid,
            });
          }
          break;
        }
        case 'csv': {
          const read = csvToGrid(content, MAX_ROWS_READ);
          if (read.truncated) findings.push(tooManyRows(where));
          grids.push({ source: 'csv', where, grid: read.grid });
          break;
        }
        case 'docx': {
          const read = await docxToGrid(content, MAX_ROWS_READ);
          if (!read.ok) {
            findings.push(unreadable(name, read.reason));
            break;
          }
          if (read.truncated) findings.push(tooManyRows(where));
          grids.push({ source: 'text', where, grid: read.grid });
          break;
        }
        case 'html': {
          const read = htmlToGrid(decodeText(content), MAX_ROWS_READ);
          if (read.truncated) findings.push(tooManyRows(where));
          if (read.activeContent > 0) {
            findings.push({
              code: 'script-in-html',
              severity: 'flag',
              message: `The attachment "${name}" contains ${read.activeContent} script or active element(s): ignored, never run.`,
            });
          }
          grids.push({ source: 'html', where, grid: read.grid });
          break;
        }
        case 'text': {
          const read = textToGrid(decodeText(content), MAX_ROWS_READ);
          if (read.truncated) findings.push(tooManyRows(where));
          grids.push({ source: 'text', where, grid: read.grid });
          break;
        }
        case 'xls':
          findings.push({
            code: 'unsupported-attachment',
            severity: 'flag',
            message: `The attachment "${name}" is an old Excel 97–2003 (.xls) file, which is not read: ask for the form as .xlsx or CSV, or in the email body.`,
          });
          break;
        case 'pdf':
          findings.push({
            code: 'unsupported-attachment',
            severity: 'flag',
            message: `The attachment "${name}" is a PDF, which is not read: ask for the form as .xlsx or CSV, or in the email body.`,
          });
          break;
        default:
          findings.push({
            code: 'unsupported-attachment',
            severity: 'info',
            message: `The attachment "${name}" (${attachment.contentType}) is not a form format that is read.`,
          });
      }
    } catch (error) {
      findings.push(unreadable(name, describeError(error)));
    }
  }
  return grids;
}

type AttachmentKind = 'xlsx' | 'csv' | 'docx' | 'html' | 'text' | 'xls' | 'pdf' | 'image' | 'signature' | 'other';

function attachmentKind(attachment: MailAttachment): AttachmentKind {
  const name = (attachment.filename ?? '').toLowerCase();
  const type = (attachment.contentType ?? '').toLowerCase();
  if (/\.xls[xm]$/.test(name) || type.includes('spreadsheetml')) return 'xlsx';
  if (name.endsWith('.csv') || /^(?:text|application)\/(?:csv|x-csv|comma-separated-values)$/.test(type)) return 'csv';
  if (name.endsWith('.docx') || type.includes('wordprocessingml')) return 'docx';
  if (name.endsWith('.xls') || type === 'application/vnd.ms-excel') return 'xls';
  if (name.endsWith('.pdf') || type === 'application/pdf') return 'pdf';
  if (/\.html?$/.test(name) || type === 'text/html') return 'html';
  if (/\.(?:txt|text|tsv|md)$/.test(name) || type === 'text/plain' || type === 'text/tab-separated-values')
    return 'text';
  if (type.startsWith('image/')) return 'image';
  if (
    /^(?:application\/(?:pkcs7-signature|x-pkcs7-signature|pgp-signature)|text\/(?:calendar|vcard|x-vcard))$/.test(type)
  ) {
    return 'signature';
  }
  return 'other';
}

/** The same form attached and pasted into the body is one form, not two. */
function withoutCopies(read: ReadForm[], findings: Finding[]): ReadForm[] {
  const seen = new Set<string>();
  const kept: ReadForm[] = [];
  for (const form of read) {
    const key = JSON.stringify([
      form.form.requestDate,
      form.form.rows.map((row) => [row.nino, row.endDate]),
      form.form.invalidRows.map((row) => row.rawNino),
    ]);
    if (seen.has(key)) {
      findings.push({
        code: 'duplicate-form-copy',
        severity: 'info',
        message: `The same form appears twice (attached and in the body, or on two sheets): read once.`,
      });
      continue;
    }
    seen.add(key);
    kept.push(form);
  }
  return kept;
}

/** A reminder or ad hoc request written as a sentence: its NINOs, the request date if stated. */
function formFromProse(result: ParsedInboundMail, text: string, form: FormName): ExitReportRequestForm | null {
  const ninos = [...new Set([...findNinos(result.subject), ...findNinos(text)])];
  if (ninos.length === 0) return null;
  const sentDate = result.sentAt?.slice(0, 10) ?? '';
  return {
    form,
    providerName: '',
    district: '',
    requestDate: sentDate,
    returnDeadline: null,
    returnEmail: null,
    rows: ninos.map((nino, i) => ({
      rowNumber: i + 1,
      rawNino: nino,
      nino,
      benefitType: '',
      endDate: null,
      jobcentre: '',
    })),
    invalidRows: [],
    source: 'text',
  };
}

function tooManyRows(where: string): Finding {
  return {
    code: 'too-many-rows',
    severity: 'reject',
    message: `${capitalise(where)} has more than ${MAX_ROWS_READ} rows; only the first ${MAX_ROWS_READ} were read. Not actioned: phone the Jobcentre Plus District SPoC.`,
  };
}

function unreadable(name: string, reason: string): Finding {
  return {
    code: 'attachment-unreadable',
    severity: 'flag',
    message: `The attachment "${name}" could not be read: ${reason}.`,
  };
}

function displayName(attachment: MailAttachment): string {
  const name = [...(attachment.filename ?? '')]
    .filter((char) => char >= ' ' && char !== '\u007f' && char !== '"')
    .join('')
    .trim();
  return name === '' ? `unnamed ${attachment.contentType}` : name.slice(0, 100);
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

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 200) || 'unknown error';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function finalise(result: ParsedInboundMail): ParsedInboundMail {
  for (const finding of result.findings) {
    finding.message = redactNinos(finding.message);
  }
  return result;
}
