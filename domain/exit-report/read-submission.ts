import { findNinos } from '../mail/nino-tokens.ts';
import type { FormatReaders } from '../mail/types.ts';
import { maskNino } from '../nino.ts';
import { composeDetails, readReportText } from './report-text.ts';
import type { ExitReportSubmission } from './types.ts';

/**
 * A caseworker's email submitting a completed Exit Report for checking and sending. It works from any mail
 * client: the NINO in the subject ("Exit Report JT123456A"), and the report as headed text in the body (plain
 * text or HTML) or in one attached .txt, .md, .html or .docx file. A PDF (or an old .doc, .odt, .rtf) cannot
 * be content-checked, so it is refused with an explanation.
 */
export interface SubmissionAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface SubmissionMail {
  subject: string;
  text: string;
  html: string | null;
  attachments: SubmissionAttachment[];
}

const MAX_REPORT_BYTES = 5 * 1024 * 1024;
const MAX_LINES = 5_000;

type ReportFormat = 'text' | 'html' | 'docx' | 'refused-pdf' | 'refused-other' | 'ignored';

/** `readers`: the file-format readers (adapters/mail-reading/formats.ts) for HTML and Word. */
export async function readSubmission(mail: SubmissionMail, readers: FormatReaders): Promise<ExitReportSubmission> {
  const problems: string[] = [];
  const subjectNinos = findNinos(mail.subject);
  if (subjectNinos.length === 0) {
    problems.push(
      'The subject has no valid NINO. Write the subject as "Exit Report" followed by the participant\'s NINO, for example "Exit Report JT123456A".',
    );
  } else if (subjectNinos.length > 1) {
    problems.push('The subject has more than one NINO. Send one Exit Report per email, with its NINO in the subject.');
  }

  const candidates: Array<{ attachment: SubmissionAttachment; format: 'text' | 'html' | 'docx' }> = [];
  for (const attachment of mail.attachments) {
    const format = reportFormat(attachment);
    if (format === 'refused-pdf') {
      problems.push(
        `"${attachment.filename}" is a PDF. A PDF cannot be checked for content (only first name, surname and NINO; no reference to ethnicity, religious beliefs or trade union membership), so it cannot be sent. Paste the report into the email body, or attach it as .docx or .txt.`,
      );
    } else if (format === 'refused-other') {
      problems.push(
        `"${attachment.filename}" is in a format that cannot be read here. Paste the report into the email body, or attach it as .docx, .txt, .md or .html.`,
      );
    } else if (format !== 'ignored') {
      candidates.push({ attachment, format });
    }
  }
  if (candidates.length > 1) {
    problems.push('More than one report is attached. Send one Exit Report per email (para 69).');
    return { nino: subjectNinos[0] ?? null, document: null, problems };
  }

  let text: string;
  const candidate = candidates[0];
  if (candidate !== undefined) {
    const read = await attachmentText(candidate.attachment, candidate.format, readers);
    if (!read.ok) {
      problems.push(read.problem);
      return { nino: subjectNinos[0] ?? null, document: null, problems };
    }
    text = read.text;
  } else {
    text = mail.html ? htmlToText(readers, mail.html) : mail.text;
    if (mail.html && text.trim() === '') text = mail.text;
  }

  const { document, headingsFound } = readReportText(text);
  if (headingsFound === 0) {
    problems.push(
      'No Exit Report was found. Put it in the email body (or attach it) with the headings "First name:", "Surname:", "NINO:", "Summary of actions and activities:", "Periods of work experience or employment and reasons actions were not completed:" and "Next steps:".',
    );
    return { nino: subjectNinos[0] ?? null, document: null, problems };
  }

  const subjectNino = subjectNinos.length === 1 ? subjectNinos[0] : undefined;
  const reportNinos = findNinos(document.nino);
  const reportNino = reportNinos.length === 1 ? reportNinos[0] : undefined;
  if (document.nino === '' && subjectNino !== undefined) {
    document.nino = subjectNino;
    if (!/\bNINO:/i.test(document.participantDetails)) {
      document.participantDetails = composeDetails(document.firstName, document.surname, subjectNino);
    }
  } else if (subjectNino !== undefined && reportNino !== undefined && subjectNino !== reportNino) {
    problems.push(
      `The NINO in the subject (${maskNino(subjectNino)}) is not the NINO in the report (${maskNino(reportNino)}). Check which participant this report is for.`,
    );
  }
  return { nino: subjectNino ?? reportNino ?? null, document, problems };
}

function reportFormat(attachment: SubmissionAttachment): ReportFormat {
  const name = attachment.filename.toLowerCase();
  const type = attachment.contentType.toLowerCase();
  if (name.endsWith('.pdf') || type === 'application/pdf') return 'refused-pdf';
  if (name.endsWith('.docx') || type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') {
    return 'docx';
  }
  if (/\.(?:html?|xhtml)$/.test(name) || type === 'text/html') return 'html';
  if (/\.(?:txt|text|md|markdown)$/.test(name) || type === 'text/plain' || type === 'text/markdown') return 'text';
  if (/\.(?:doc|docm|odt|rtf|pages|xps|wpd)$/.test(name) || /msword|opendocument\.text|rtf/.test(type)) {
    return 'refused-other';
  }
  // Signature logos, calendar invitations, vCards: not a report.
  return 'ignored';
}

async function attachmentText(
  attachment: SubmissionAttachment,
  format: 'text' | 'html' | 'docx',
  readers: FormatReaders,
): Promise<{ ok: true; text: string } | { ok: false; problem: string }> {
  if (attachment.content.length === 0) {
    return { ok: false, problem: `"${attachment.filename}" is empty.` };
  }
  if (attachment.content.length > MAX_REPORT_BYTES) {
    return {
      ok: false,
      problem: `"${attachment.filename}" is larger than 5 MB: an Exit Report never is. Check the file.`,
    };
  }
  if (format === 'docx') {
    const read = await readers.docx(attachment.content, MAX_LINES);
    if (!read.ok) {
      return { ok: false, problem: `"${attachment.filename}" could not be read as a Word document: ${read.reason}.` };
    }
    return { ok: true, text: read.grid.map((row) => row.map((cell) => cell.text).join('\t')).join('\n') };
  }
  const decoded = readers.text(attachment.content);
  return { ok: true, text: format === 'html' ? htmlToText(readers, decoded) : decoded };
}

/** The HTML as plain text lines (cells joined by a tab), for reading headed sections. */
function htmlToText(readers: FormatReaders, html: string): string {
  return readers
    .html(html, MAX_LINES)
    .grid.map((row) => row.map((cell) => cell.text).join('\t'))
    .join('\n');
}
