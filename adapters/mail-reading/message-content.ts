import { readSubmission } from '../../domain/exit-report/read-submission.ts';
import { classifyInbound } from '../../domain/mail/classify.ts';
import { MAX_ROWS_READ } from '../../domain/mail/limits.ts';
import { findNinos } from '../../domain/mail/nino-tokens.ts';
import { textToGrid } from '../../domain/mail/sources/text-grid.ts';
import type {
  ExitReportRequestForm,
  Finding,
  FormName,
  InboundKind,
  MailMessage,
  ParsedInboundMail,
  ParseInboundOptions,
} from '../../domain/mail/types.ts';
import { type ReadForm, readForms } from '../../domain/mail/wper2e-form.ts';
import { attachmentGrids } from './attachment-grids.ts';
import { formatReaders } from './formats.ts';
import { htmlToGrid } from './html-grid.ts';
import { tooManyRows } from './read-findings.ts';

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

interface FoundForms {
  forms: ReadForm[];
  attachmentFindings: Finding[];
  bodyFindings: Finding[];
}

/**
 * What a message (its headers already read into `result`) says: its kind, and the form, the "no longer
 * required" notice or the Exit Report submission in it, with their findings.
 */
export async function interpretMessage(
  mail: MailMessage,
  result: ParsedInboundMail,
  opts: ParseInboundOptions,
): Promise<void> {
  const html = mail.html !== null && mail.html.trim() !== '' ? mail.html : null;
  const { forms, attachmentFindings, bodyFindings } = await formsIn(mail, html, result.sentAt, opts);

  const submissionAddresses = (opts.submissionAddresses ?? []).map((address) => address.toLowerCase());
  const recipients = [...result.to, ...(opts.envelopeRecipients ?? []).map((address) => address.toLowerCase())];
  const classified = classifyInbound({
    subject: mail.subject,
    bodyText: mail.text,
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
        text: mail.text,
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
    recordNotRequired(result, mail.text, forms);
    return;
  }
  if (!REQUEST_KINDS.has(classified.kind)) {
    // Kept for the audit record of an unrecognised message carrying a form; not actioned.
    result.forms = forms.map((form) => form.form);
    return;
  }
  recordRequest(result, classified.kind, mail.text, forms);
}

/** The forms, from wherever they are: the attachments, then the HTML body, else the plain-text body. */
async function formsIn(
  mail: MailMessage,
  html: string | null,
  sentAt: string | null,
  opts: ParseInboundOptions,
): Promise<FoundForms> {
  const maxRecords = opts.maxRecordsPerForm ?? 40;
  const attachmentFindings: Finding[] = [];
  const bodyFindings: Finding[] = [];
  const read: ReadForm[] = [];
  for (const source of await attachmentGrids(mail.attachments, attachmentFindings)) {
    read.push(...readForms(source.grid, { source: source.source, maxRecords, sentAt, where: source.where }));
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
    bodyForms = readForms(body.grid, { source: 'html', maxRecords, sentAt, where: 'the email body' });
  }
  if (bodyForms.length === 0 && mail.text.trim() !== '') {
    const body = textToGrid(mail.text, MAX_ROWS_READ);
    if (body.truncated && html === null) bodyFindings.push(tooManyRows('the email body'));
    bodyForms = readForms(body.grid, { source: 'text', maxRecords, sentAt, where: 'the email body' });
  }
  read.push(...bodyForms);
  return { forms: withoutCopies(read, bodyFindings), attachmentFindings, bodyFindings };
}

/** A "no longer required" notice: the NINOs it names (subject, text, any form), and its note. */
function recordNotRequired(result: ParsedInboundMail, text: string, forms: ReadForm[]): void {
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
}

/** A request, a reminder or an ad hoc request: its one form (para 36), or the NINOs in its prose. */
function recordRequest(result: ParsedInboundMail, kind: InboundKind, text: string, forms: ReadForm[]): void {
  const formName = FORM_NAMES[kind] ?? 'WPER2E';
  if (forms.length === 0) {
    const prose = kind === 'exit-report-request' ? null : formFromProse(result, text, formName);
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
