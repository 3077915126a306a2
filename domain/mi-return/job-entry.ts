import { InvalidDateError, type IsoDate } from '../calendar/types.ts';
import { type ImportFile, readImportRecords } from '../import-records.ts';
import type { CsvReader } from '../mail/types.ts';
import { type Nino, parseNino } from '../nino.ts';
import { afterToday, readPersonDate } from '../person-date.ts';

/**
 * Job entries for the monthly job entry MI return (memo 176): a participant's NINO, the job's start date and the
 * participant's payment group. First and subsequent job entries are not recorded: they are derived from the
 * participant's history by `classifyJobEntries` (see docs/mi-return.md).
 */
export const PAYMENT_GROUPS = Object.freeze(['1', '2', '3', '4', '5', '6A', '6B', '7', '8', '9'] as const);
export type PaymentGroup = (typeof PAYMENT_GROUPS)[number];

export function isPaymentGroup(value: unknown): value is PaymentGroup {
  return typeof value === 'string' && (PAYMENT_GROUPS as readonly string[]).includes(value);
}

export interface JobEntry {
  nino: Nino;
  /** The job's start date, YYYY-MM-DD. */
  startDate: IsoDate;
  paymentGroup: PaymentGroup;
}

/** Parses a payment group as written by people: '6a', ' PG 6A ', 'Group 2', '02' are accepted. */
export function parsePaymentGroup(input: string): PaymentGroup | undefined {
  const value = input
    .trim()
    .toUpperCase()
    .replace(/^(PAYMENT\s*GROUP|GROUP|PG)\s*/, '')
    .replace(/^0+(?=\d)/, '');
  return isPaymentGroup(value) ? value : undefined;
}

/** A start date in any form a person types (domain/person-date.ts: 24/04/2026, 2026-04-24 …). Throws InvalidDateError. */
export function parseStartDate(input: string): IsoDate {
  const read = readPersonDate(input, 'start date');
  if (!read.ok) throw new InvalidDateError(read.reason);
  return read.date;
}

/** Job entries of a whole contract's life are tens of thousands of rows; a file of more is not read past this. */
export const MAX_JOB_ENTRY_ROWS = 1_000_000;

/** The Work Programme began referring participants in June 2011: no job entry can start before. */
export const WORK_PROGRAMME_START = '2011-06-01';

export interface RejectedRow {
  /** The line number in the file (the header is line 1). */
  row: number;
  reason: string;
}

export interface FlaggedCell {
  row: number;
  column: string;
  /** The cell as text, never evaluated. */
  value: string;
  reason: string;
}

export interface JobEntriesCsv {
  entries: JobEntry[];
  rejected: RejectedRow[];
  /** Cells that a spreadsheet would run as a formula: kept as text, never evaluated, reported. */
  flagged: FlaggedCell[];
}

const COLUMN_ALIASES: Readonly<Record<'nino' | 'startDate' | 'paymentGroup', readonly string[]>> = {
  nino: ['nino', 'ni number', 'national insurance number', 'participant nino'],
  startDate: ['start date', 'job start date', 'startdate', 'start_date', 'job entry date', 'date'],
  paymentGroup: ['payment group', 'paymentgroup', 'payment_group', 'group', 'pg'],
};

function headerKey(text: string): string {
  return text.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
}

/**
 * Reads job entries from CSV text with a header row naming the columns NINO, Start date and Payment group
 * (case and spacing free; other columns ignored). Each bad row is rejected with its line number and a reason
 * (bad NINO, date or payment group, or a repeat of an earlier row); the rest are returned. Every cell is text:
 * a cell starting with = + - @ is kept as text and flagged, never evaluated. Throws when the header lacks a column.
 */
export function parseJobEntriesCsv(
  text: ImportFile,
  readCsv: CsvReader,
  options: { today?: IsoDate } = {},
): JobEntriesCsv {
  const keys = Object.keys(COLUMN_ALIASES) as Array<keyof typeof COLUMN_ALIASES>;
  const read = readImportRecords<keyof typeof COLUMN_ALIASES>(text, readCsv, {
    columnOf: (label) => keys.find((key) => COLUMN_ALIASES[key].includes(headerKey(label))) ?? null,
    required: keys,
    maxRows: MAX_JOB_ENTRY_ROWS,
  });
  if (!read.ok) {
    const names = { nino: 'NINO', startDate: 'Start date', paymentGroup: 'Payment group' };
    throw new Error(
      `job entries CSV: no ${read.missing.map((key) => names[key]).join(', ')} column in the header (found: ${read.header.join(', ')})`,
    );
  }
  const entries: JobEntry[] = [];
  const rejected: RejectedRow[] = [];
  const flagged: FlaggedCell[] = [];
  if (read.truncated) {
    rejected.push({
      row: MAX_JOB_ENTRY_ROWS + 1,
      reason: `more than ${MAX_JOB_ENTRY_ROWS} rows: the rest were not read`,
    });
  }
  const seen = new Map<string, number>();
  for (const { row, cells, cell } of read.rows) {
    cells.forEach((c, index) => {
      if (c.formula) {
        flagged.push({
          row,
          column: read.header[index] ?? `column ${index + 1}`,
          value: c.text,
          reason: 'starts with = + - @ or a control character: kept as text, never evaluated',
        });
      }
    });
    const reasons: string[] = [];
    const ninoCell = cell('nino').text;
    const dateCell = cell('startDate').text;
    const groupCell = cell('paymentGroup').text;
    const nino = parseNino(ninoCell);
    if (!nino.ok) reasons.push(`NINO ${JSON.stringify(ninoCell)}: ${nino.reason}`);
    let startDate: IsoDate | undefined;
    const readDate = readPersonDate(dateCell, 'start date');
    if (readDate.ok) startDate = readDate.date;
    else reasons.push(readDate.reason);
    if (startDate !== undefined && startDate < WORK_PROGRAMME_START) {
      reasons.push(`start date ${startDate} is before the Work Programme began (June 2011)`);
      startDate = undefined;
    }
    const future =
      startDate === undefined || options.today === undefined
        ? null
        : afterToday(startDate, options.today, 'start date');
    if (future) {
      reasons.push(`${future}: a job entry is recorded once the job has started`);
      startDate = undefined;
    }
    const paymentGroup = parsePaymentGroup(groupCell);
    if (paymentGroup === undefined) {
      reasons.push(`payment group ${JSON.stringify(groupCell)}: expected one of ${PAYMENT_GROUPS.join(', ')}`);
    }
    for (const [what, column] of [
      ['NINO', 'nino'],
      ['start date', 'startDate'],
      ['payment group', 'paymentGroup'],
    ] as const) {
      if (cell(column).formula) reasons.push(`${what} cell looks like a spreadsheet formula (kept as text)`);
    }
    if (!nino.ok || startDate === undefined || paymentGroup === undefined || reasons.length > 0) {
      rejected.push({ row, reason: reasons.join('; ') });
      continue;
    }
    const key = `${nino.nino}|${startDate}|${paymentGroup}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      rejected.push({ row, reason: `repeats line ${earlier} (same NINO, start date and payment group)` });
      continue;
    }
    seen.set(key, row);
    entries.push({ nino: nino.nino, startDate, paymentGroup });
  }
  return { entries, rejected, flagged };
}

/** One participant's job entry, classified. */
export interface ClassifiedJobEntry extends JobEntry {
  /** 'first': on the date the participant first entered work; 'subsequent': a later start date. */
  kind: 'first' | 'subsequent';
  /** The participant's first job entry date. */
  firstJobEntryDate: IsoDate;
}

/**
 * Classifies every job entry from the participants' whole history (pure; the order of the input does not
 * matter; the result is sorted by start date, then NINO, then payment group).
 *
 * A participant's first job entry is their earliest start date: every entry on that date is 'first' (a person
 * enters work for the first time once, whatever number of jobs start that day). Every entry with a later start
 * date is 'subsequent': by then the participant "has had a previous first job entry" (memo 176 para 2).
 * History before the reporting window still counts: a first job in March 2013 makes an April 2013 job subsequent.
 */
export function classifyJobEntries(entries: readonly JobEntry[]): ClassifiedJobEntry[] {
  const firstDate = new Map<string, IsoDate>();
  for (const entry of entries) {
    const known = firstDate.get(entry.nino);
    if (known === undefined || entry.startDate < known) firstDate.set(entry.nino, entry.startDate);
  }
  return entries
    .map((entry): ClassifiedJobEntry => {
      const first = firstDate.get(entry.nino) ?? entry.startDate;
      return { ...entry, kind: entry.startDate === first ? 'first' : 'subsequent', firstJobEntryDate: first };
    })
    .sort(
      (a, b) => compare(a.startDate, b.startDate) || compare(a.nino, b.nino) || compare(a.paymentGroup, b.paymentGroup),
    );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
