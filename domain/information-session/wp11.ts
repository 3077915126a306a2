import { addCalendarDays } from '../calendar/london.ts';
import type { IsoDate } from '../calendar/types.ts';
import { type Cell, cleanText, type Grid } from '../mail/cells.ts';
import { normaliseFormDate } from '../mail/form-dates.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ROWS_READ } from '../mail/limits.ts';
import { findNinos, redactNinos } from '../mail/nino-tokens.ts';
import { textToGrid } from '../mail/sources/text-grid.ts';
import type { FormatReaders, MailAttachment, MailMessage } from '../mail/types.ts';
import { maskNino, type Nino, parseNino } from '../nino.ts';
import type { InformationSessionCase, InformationSessionEvent, Wp11Facts } from './case.ts';

/**
 * Reading a WP11 from an inbound email. Ch.19 names the form (Jobcentre Plus issues it when the participant
 * attended the follow-up interview within 21 days of the Information Session referral and wants to join the
 * Work Programme: paras 5, 9, 11) but does not print its layout. So this is a tolerant reader of the fields the
 * chapter implies, wherever they are: the participant's NINO, the follow-up interview date, the form's date,
 * the Information Session referral date, and whether the participant wants to join. It reads them from the same
 * sources as the Exit Report forms (an XLSX, CSV or DOCX attachment, an HTML or plain-text table, or "Label:
 * value" lines), through the same readers, and never evaluates a formula. A message is a WP11 when "WP11" appears
 * in its subject, body or attachment. Assumptions are written in docs/information-sessions.md.
 */

export type Wp11FindingCode =
  | 'unparseable'
  | 'not-a-wp11'
  | 'sender'
  | 'no-nino'
  | 'more-than-one-nino'
  | 'invalid-nino'
  | 'invalid-date'
  | 'does-not-want-to-join'
  | 'formula-in-cell'
  | 'script-in-html'
  | 'attachment-unreadable'
  | 'nino-mismatch'
  | 'referral-date-mismatch'
  | 'interview-after-day-21';

export interface Wp11Finding {
  code: Wp11FindingCode;
  /** 'reject': not actioned (SPoC lead told); 'flag': actioned and the SPoC lead told; 'info': audit only. */
  severity: 'info' | 'flag' | 'reject';
  /** Plain English, NINOs masked. */
  message: string;
}

export interface Wp11Read {
  /** The Message-ID as the mail parser gives it (as parseInboundMail keeps it), or `sha256:<hex>` of the raw bytes. */
  messageId: string;
  from: string | null;
  subject: string;
  sentAt: string | null;
  isWp11: boolean;
  nino: Nino | null;
  interviewDate: IsoDate | null;
  formDate: IsoDate | null;
  referralDate: IsoDate | null;
  /** True / false when the form says; null when it does not (a WP11 is only issued when they want to join). */
  wantsToJoin: boolean | null;
  findings: Wp11Finding[];
}

type Field = 'nino' | 'interviewDate' | 'referralDate' | 'formDate' | 'wantsToJoin';

/** Label patterns, most specific first ("interview date" before "date"). */
const LABELS: ReadonlyArray<readonly [Field, RegExp]> = [
  ['nino', /^(?:participant(?:'s)?\s*)?(?:nino|ni\s*no\.?|ni\s*number|national\s*insurance\s*(?:number|no\.?))$/],
  [
    'interviewDate',
    /^(?:date\s*of\s*(?:the\s*)?(?:follow[\s-]*up\s*)?interview|(?:follow[\s-]*up\s*)?interview\s*(?:date|held(?:\s*on)?|attended(?:\s*on)?))$/,
  ],
  [
    'referralDate',
    /^(?:(?:information\s*session\s*|original\s*)?referral\s*date|date\s*of\s*(?:information\s*session\s*)?referral)$/,
  ],
  [
    'formDate',
    /^(?:(?:wp\s*11\s*)?date(?:\s*(?:issued|sent|of\s*issue|completed))?|issue\s*date|date\s*of\s*wp\s*11)$/,
  ],
  [
    'wantsToJoin',
    /^(?:(?:participant\s*)?(?:wishes|wants|agrees|volunteers|volunteered)\s*to\s*(?:join|volunteer\s*for|take\s*part\s*in)(?:\s*the)?(?:\s*work\s*programme)?\??|volunteer(?:ing)?\s*for\s*(?:the\s*)?work\s*programme\??)$/,
  ],
];

const WP11 = /\bwp\s*-?\s*11\b/i;

function labelOf(text: string): Field | null {
  const label = text
    .toLowerCase()
    .replace(/[:?]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [field, pattern] of LABELS) if (pattern.test(label)) return field;
  return null;
}

interface Found {
  values: Partial<Record<Field, Cell[]>>;
  formula: boolean;
}

/** "Label: value" in one cell, or a label cell followed by its value cell. */
function scanGrid(grid: Grid, found: Found): void {
  const add = (field: Field, cell: Cell) => {
    if (cell.text === '' && !cell.date) return;
    const list = found.values[field] ?? [];
    list.push(cell);
    found.values[field] = list;
    if (cell.formula) found.formula = true;
  };
  for (const row of grid) {
    for (let i = 0; i < row.length; i++) {
      const cell = row[i] as Cell;
      const colon = cell.text.indexOf(':');
      if (colon > 0) {
        const field = labelOf(cell.text.slice(0, colon));
        const value = cell.text.slice(colon + 1).trim();
        if (field !== null && value !== '') {
          add(field, { text: value, formula: cell.formula });
          continue;
        }
      }
      const field = labelOf(cell.text);
      if (field !== null) {
        const next = row.slice(i + 1).find((c) => c.text !== '' || c.date);
        if (next) add(field, next);
      }
    }
  }
}

function yesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (/^(?:y|yes|true|✓|x|agreed|confirmed)$/.test(t)) return true;
  if (/^(?:n|no|false)$/.test(t)) return false;
  return null;
}

function dateOf(cells: Cell[] | undefined): { date: IsoDate | null; bad: string | null } {
  const cell = cells?.[0];
  if (!cell) return { date: null, bad: null };
  const date = normaliseFormDate(cell.date ?? (cell.number !== undefined ? cell.number : cell.text));
  return date === null ? { date: null, bad: cell.text } : { date, bad: null };
}

async function attachmentGrids(
  attachment: MailAttachment,
  findings: Wp11Finding[],
  readers: FormatReaders,
): Promise<Grid[]> {
  const name = (attachment.filename ?? '').toLowerCase();
  const type = (attachment.contentType ?? '').toLowerCase();
  const content = attachment.content;
  if (content.length === 0 || content.length > MAX_ATTACHMENT_BYTES) return [];
  try {
    if (/\.xls[xm]$/.test(name) || type.includes('spreadsheetml')) {
      const read = await readers.xlsx(content, MAX_ROWS_READ);
      if (!read.ok) throw new Error(read.reason);
      return read.grids.map((g) => g.grid);
    }
    if (name.endsWith('.csv') || /csv|comma-separated/.test(type)) return [readers.csv(content, MAX_ROWS_READ).grid];
    if (name.endsWith('.docx') || type.includes('wordprocessingml')) {
      const read = await readers.docx(content, MAX_ROWS_READ);
      if (!read.ok) throw new Error(read.reason);
      return [read.grid];
    }
    if (/\.html?$/.test(name) || type === 'text/html') return [readers.html(readers.text(content), MAX_ROWS_READ).grid];
    if (/\.(?:txt|text|md)$/.test(name) || type === 'text/plain') {
      return [textToGrid(readers.text(content), MAX_ROWS_READ).grid];
    }
  } catch (error) {
    findings.push({
      code: 'attachment-unreadable',
      severity: 'flag',
      message: `The attachment "${cleanText(attachment.filename ?? '').slice(0, 100)}" could not be read: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}.`,
    });
  }
  return [];
}

export interface ReadWp11Options {
  /** The file-format readers (adapters/mail-reading/formats.ts). */
  readers: FormatReaders;
  /** Jobcentre Plus addresses whose WP11s are actioned (config.designatedJcpSenders); empty: any sender. */
  jcpSenders?: string[];
}

/**
 * Reads a WP11 from an email as the MIME reader read it (adapters/mail-reading: the same reading the Exit Report
 * reader used, so the message is parsed once), or null when it could not be read. `rawSha256` is the raw
 * bytes' hash, the message's id when it has no usable Message-ID. Never throws: an unreadable message is a
 * result with a 'reject' finding.
 */
export async function readWp11(
  message: { mail: MailMessage | null; rawSha256: string },
  opts: ReadWp11Options,
): Promise<Wp11Read> {
  const result: Wp11Read = {
    messageId: `sha256:${message.rawSha256}`,
    from: null,
    subject: '',
    sentAt: null,
    isWp11: false,
    nino: null,
    interviewDate: null,
    formDate: null,
    referralDate: null,
    wantsToJoin: null,
    findings: [],
  };
  try {
    const mail = message.mail;
    if (mail === null || mail.headerCount === 0) throw new Error('the message has no mail headers');
    const id = mail.messageId;
    if (id !== '' && id.length <= 500 && /^[\x21-\x7e]+$/.test(id)) result.messageId = id;
    result.from = mail.from;
    result.subject = mail.subject.replace(/[\r\n\t]+/g, ' ').trim();
    result.sentAt = mail.sentAt;

    const grids: Grid[] = [];
    const html = mail.html !== null && mail.html.trim() !== '' ? mail.html : null;
    if (html !== null) {
      const body = opts.readers.html(html, MAX_ROWS_READ);
      if (body.activeContent > 0) {
        result.findings.push({
          code: 'script-in-html',
          severity: 'flag',
          message: `The HTML body contains ${body.activeContent} script or active element(s): ignored, never run.`,
        });
      }
      grids.push(body.grid);
    }
    if (mail.text.trim() !== '') grids.push(textToGrid(mail.text, MAX_ROWS_READ).grid);
    for (const attachment of mail.attachments)
      grids.push(...(await attachmentGrids(attachment, result.findings, opts.readers)));

    const allText = [result.subject, ...grids.flatMap((g) => g.flatMap((row) => row.map((c) => c.text)))].join('\n');
    result.isWp11 = WP11.test(allText);
    if (!result.isWp11) {
      result.findings.push({
        code: 'not-a-wp11',
        severity: 'reject',
        message: 'The message does not mention a WP11 in its subject, body or attachments: not read as a WP11.',
      });
      return finalise(result);
    }
    const senders = (opts.jcpSenders ?? []).map((s) => s.toLowerCase());
    if (senders.length > 0 && (result.from === null || !senders.includes(result.from))) {
      result.findings.push({
        code: 'sender',
        severity: 'reject',
        message: `The WP11 came from ${result.from ?? 'an unreadable sender'}, which is not a designated Jobcentre Plus address: not actioned. Phone Jobcentre Plus to confirm it.`,
      });
    }
    const found: Found = { values: {}, formula: false };
    for (const grid of grids) scanGrid(grid, found);
    if (found.formula) {
      result.findings.push({
        code: 'formula-in-cell',
        severity: 'flag',
        message: 'A field of the WP11 starts like a spreadsheet formula: read as text, never evaluated.',
      });
    }
    readNino(result, found, allText);
    for (const field of ['interviewDate', 'formDate', 'referralDate'] as const) {
      const { date, bad } = dateOf(found.values[field]);
      result[field] = date;
      if (bad !== null) {
        result.findings.push({
          code: 'invalid-date',
          severity: 'flag',
          message: `The WP11's ${field.replace(/Date$/, ' date')} "${bad.slice(0, 40)}" is not a date.`,
        });
      }
    }
    const join = found.values.wantsToJoin?.[0];
    result.wantsToJoin = join ? yesNo(join.text) : null;
    if (result.wantsToJoin === false) {
      result.findings.push({
        code: 'does-not-want-to-join',
        severity: 'reject',
        message:
          'The WP11 says the participant does not want to join the Work Programme: a WP11 is only issued when they do (para 5). Not actioned: check with Jobcentre Plus.',
      });
    }
    return finalise(result);
  } catch (error) {
    result.findings.push({
      code: 'unparseable',
      severity: 'reject',
      message: `The message could not be read (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}). It is kept as received.`,
    });
    return finalise(result);
  }
}

function readNino(result: Wp11Read, found: Found, allText: string): void {
  const labelled = (found.values.nino ?? []).map((cell) => cell.text);
  const valid = new Set<string>();
  for (const text of labelled) {
    const parsed = parseNino(text);
    if (parsed.ok) valid.add(parsed.nino);
    else {
      result.findings.push({
        code: 'invalid-nino',
        severity: 'reject',
        message: `The WP11's NINO ${maskNino(text)} is not valid: ${parsed.reason}.`,
      });
    }
  }
  if (labelled.length === 0) for (const nino of findNinos(allText)) valid.add(nino);
  if (valid.size === 1) {
    result.nino = [...valid][0] as Nino;
    return;
  }
  if (valid.size > 1) {
    result.findings.push({
      code: 'more-than-one-nino',
      severity: 'reject',
      message: `The WP11 names ${valid.size} different NINOs: one participant per WP11. Not actioned: check with Jobcentre Plus.`,
    });
  } else if (!result.findings.some((f) => f.code === 'invalid-nino')) {
    result.findings.push({
      code: 'no-nino',
      severity: 'reject',
      message: 'The WP11 names no valid NINO: not actioned. Check with Jobcentre Plus which participant it is for.',
    });
  }
}

function finalise(result: Wp11Read): Wp11Read {
  for (const finding of result.findings) finding.message = redactNinos(finding.message);
  return result;
}

export function isWp11Actionable(read: Wp11Read): boolean {
  return read.isWp11 && read.nino !== null && !read.findings.some((f) => f.severity === 'reject');
}

/**
 * What a WP11 says against the case it names: the same participant, the same referral date when the form gives
 * one, and the follow-up interview within 21 days of the referral (the condition for a WP11, para 5). A
 * mismatched NINO is a reject; the others are flags (the WP11 is still acted on if it arrived by day 21).
 */
export function checkWp11AgainstCase(read: Wp11Read, c: InformationSessionCase): Wp11Finding[] {
  const findings: Wp11Finding[] = [];
  if (read.nino !== c.referral.nino) {
    findings.push({
      code: 'nino-mismatch',
      severity: 'reject',
      message: `The WP11 is for ${read.nino ? maskNino(read.nino) : 'no valid NINO'}, not ${maskNino(c.referral.nino)}.`,
    });
  }
  if (read.referralDate !== null && read.referralDate !== c.referral.referralDate) {
    findings.push({
      code: 'referral-date-mismatch',
      severity: 'flag',
      message: `The WP11 gives the referral date ${read.referralDate}; the Information Session referral is dated ${c.referral.referralDate}. The dates are counted from the referral on record.`,
    });
  }
  const day21 = addCalendarDays(c.referral.referralDate, 21);
  if (read.interviewDate !== null && read.interviewDate > day21) {
    findings.push({
      code: 'interview-after-day-21',
      severity: 'flag',
      message: `The WP11 gives a follow-up interview on ${read.interviewDate}, after day 21 (${day21}): Jobcentre Plus should have made a Work Programme referral instead (para 12). Check with them.`,
    });
  }
  return findings;
}

/** The case event for an actionable WP11 (the event id is the message id: one effect per message). */
export function wp11Event(read: Wp11Read, receivedAt: string): InformationSessionEvent {
  const facts: Wp11Facts = { interviewDate: read.interviewDate, formDate: read.formDate };
  return { id: `wp11:${read.messageId}`, type: 'wp11-received', receivedAt, messageId: read.messageId, wp11: facts };
}
