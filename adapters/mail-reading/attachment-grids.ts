import type { Grid } from '../../domain/mail/cells.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ROWS_READ } from '../../domain/mail/limits.ts';
import { textToGrid } from '../../domain/mail/sources/text-grid.ts';
import type { Finding, FormSource, MailAttachment } from '../../domain/mail/types.ts';
import { csvToGrid } from './csv-grid.ts';
import { decodeText } from './decode-text.ts';
import { docxToGrid } from './docx-grid.ts';
import { htmlToGrid } from './html-grid.ts';
import { describeError, tooManyRows, unreadable } from './read-findings.ts';
import { xlsxToGrids } from './xlsx-grid.ts';

/** A grid of cells read from one attachment (or one sheet of it), with where it was found for messages. */
export interface SourceGrid {
  source: FormSource;
  where: string;
  grid: Grid;
}

type AttachmentKind = 'xlsx' | 'csv' | 'docx' | 'html' | 'text' | 'xls' | 'pdf' | 'image' | 'signature' | 'other';

interface Attachment {
  name: string;
  where: string;
  content: Buffer;
  contentType: string;
}

/** What reading one attachment gave: its grids and its findings. */
interface AttachmentRead {
  grids: SourceGrid[];
  findings: Finding[];
}

type AttachmentReader = (attachment: Attachment) => AttachmentRead | Promise<AttachmentRead>;

const notRead = (finding: Finding): AttachmentRead => ({ grids: [], findings: [finding] });

/** One reader per kind of attachment: a kind without one does not compile. */
const READERS: Record<AttachmentKind, AttachmentReader> = {
  async xlsx({ name, where, content }) {
    const read = await xlsxToGrids(content, MAX_ROWS_READ);
    if (!read.ok) return notRead(unreadable(name, read.reason));
    return {
      findings: read.truncated ? [tooManyRows(where)] : [],
      grids: read.grids.map((sheet) => ({
        source: 'xlsx',
        where: read.grids.length > 1 ? `${where}, sheet "${sheet.sheet}"` : where,
        grid: sheet.grid,
      })),
    };
  },
  csv({ where, content }) {
    const read = csvToGrid(content, MAX_ROWS_READ);
    return { findings: read.truncated ? [tooManyRows(where)] : [], grids: [{ source: 'csv', where, grid: read.grid }] };
  },
  async docx({ name, where, content }) {
    const read = await docxToGrid(content, MAX_ROWS_READ);
    if (!read.ok) return notRead(unreadable(name, read.reason));
    return {
      findings: read.truncated ? [tooManyRows(where)] : [],
      grids: [{ source: 'text', where, grid: read.grid }],
    };
  },
  html({ name, where, content }) {
    const read = htmlToGrid(decodeText(content), MAX_ROWS_READ);
    const findings: Finding[] = read.truncated ? [tooManyRows(where)] : [];
    if (read.activeContent > 0) {
      findings.push({
        code: 'script-in-html',
        severity: 'flag',
        message: `The attachment "${name}" contains ${read.activeContent} script or active element(s): ignored, never run.`,
      });
    }
    return { findings, grids: [{ source: 'html', where, grid: read.grid }] };
  },
  text({ where, content }) {
    const read = textToGrid(decodeText(content), MAX_ROWS_READ);
    return {
      findings: read.truncated ? [tooManyRows(where)] : [],
      grids: [{ source: 'text', where, grid: read.grid }],
    };
  },
  xls: ({ name }) =>
    notRead({
      code: 'unsupported-attachment',
      severity: 'flag',
      message: `The attachment "${name}" is an old Excel 97–2003 (.xls) file, which is not read: ask for the form as .xlsx or CSV, or in the email body.`,
    }),
  pdf: ({ name }) =>
    notRead({
      code: 'unsupported-attachment',
      severity: 'flag',
      message: `The attachment "${name}" is a PDF, which is not read: ask for the form as .xlsx or CSV, or in the email body.`,
    }),
  // Images, signatures and calendar cards are skipped before reading; kept here so the table is complete.
  image: () => ({ grids: [], findings: [] }),
  signature: () => ({ grids: [], findings: [] }),
  other: ({ name, contentType }) =>
    notRead({
      code: 'unsupported-attachment',
      severity: 'info',
      message: `The attachment "${name}" (${contentType}) is not a form format that is read.`,
    }),
};

/** The grids of every attachment that may hold a form; what could not be read is a finding, never a throw. */
export async function attachmentGrids(attachments: MailAttachment[], findings: Finding[]): Promise<SourceGrid[]> {
  const grids: SourceGrid[] = [];
  for (const attachment of attachments) {
    const name = displayName(attachment);
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
      const read = await READERS[kind]({
        name,
        where: `the attachment "${name}"`,
        content,
        contentType: attachment.contentType,
      });
      findings.push(...read.findings);
      grids.push(...read.grids);
    } catch (error) {
      findings.push(unreadable(name, describeError(error)));
    }
  }
  return grids;
}

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

function displayName(attachment: MailAttachment): string {
  const name = [...(attachment.filename ?? '')]
    .filter((char) => char >= ' ' && char !== '\u007f' && char !== '"')
    .join('')
    .trim();
  return name === '' ? `unnamed ${attachment.contentType}` : name.slice(0, 100);
}
