import { parseLondonDateTime } from '../calendar/london.ts';
import { type Division, type IsoDate, isDivision } from '../calendar/types.ts';
import { type ImportFile, readImportRecords } from '../import-records.ts';
import type { Cell } from '../mail/cells.ts';
import type { CsvReader } from '../mail/types.ts';
import { type Nino, parseNino } from '../nino.ts';
import { afterToday, readPersonDate } from '../person-date.ts';

/**
 * A Compliance Monitoring Officer (CMO) visit and the ESF2a actions it raised (memo 147). The visit's date and end
 * time are Europe/London wall-clock time: the 48-hour additional evidence window runs from the end of the visit.
 */
export interface Esf2aAction {
  /** The ESF2a reference, unique within the visit. */
  reference: string;
  /** The participant's NINO when the action is about one participant's record; null for provider-level issues. */
  nino: Nino | null;
  /** The issue as the CMO wrote it (kept as text, never evaluated). */
  issue: string;
  /** Cells that looked like spreadsheet formulas (kept as text): which columns. */
  flags: string[];
}

export interface CmoVisit {
  /** The visit's reference (groups the ESF2a rows of one visit). */
  visitRef: string;
  contract: string;
  division: Division;
  visitDate: IsoDate;
  /** 'HH:MM' Europe/London. */
  endTime: string;
  /** The London date-time the visit ended, 'YYYY-MM-DDTHH:MM' (the evidence-window rule's input). */
  endsAtLocal: string;
  actions: Esf2aAction[];
}

export interface RejectedRow {
  /** The CSV line number (the header is line 1). */
  row: number;
  reason: string;
}

export interface VisitsCsv {
  visits: CmoVisit[];
  rejected: RejectedRow[];
  /** Rows taken with a cell that looked like a formula (kept as text): line and column. */
  flagged: Array<{ row: number; column: string }>;
}

const COLUMNS = {
  visitRef: ['visitreference', 'visitref', 'visit'],
  contract: ['contract', 'contractarea', 'cpa'],
  division: ['division'],
  visitDate: ['visitdate', 'date'],
  endTime: ['visitendtime', 'endtime', 'end'],
  reference: ['esf2areference', 'esf2aref', 'actionreference', 'reference'],
  nino: ['nino', 'participantnino'],
  issue: ['issue', 'issuetext', 'issuefound'],
} as const;
type Column = keyof typeof COLUMNS;

const COLUMN_LABELS: Record<Column, string> = {
  visitRef: 'Visit reference',
  contract: 'Contract',
  division: 'Division',
  visitDate: 'Visit date',
  endTime: 'Visit end time',
  reference: 'ESF2a reference',
  nino: 'NINO',
  issue: 'Issue',
};

const REQUIRED: readonly Column[] = ['visitRef', 'contract', 'visitDate', 'endTime', 'reference', 'issue'];

function headerKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A provider's visits for years are thousands of rows, not a hundred thousand. */
export const MAX_VISIT_ROWS = 100_000;

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function parseDivision(text: string): Division | null {
  const key = headerKey(text);
  if (key === '' || key === 'englandandwales' || key === 'england' || key === 'wales') return 'england-and-wales';
  if (key === 'scotland') return 'scotland';
  return isDivision(text) ? text : null;
}

/**
 * Reads CMO visits from CSV text: a header row, then one row per ESF2a action with its visit's columns (Visit
 * reference, Contract, Division (optional, default England and Wales), Visit date (24/04/2026 or 2026-04-24, as
 * every import takes dates: domain/person-date.ts; not after `today`), Visit end time HH:MM
 * London, ESF2a reference, NINO (blank for a provider-level action), Issue). Each bad row is rejected with its line
 * number and a reason; the rest are grouped into visits. A cell starting with = + - @ is kept as text and flagged.
 * Throws when the header lacks a required column.
 */
export function parseVisitsCsv(text: ImportFile, readCsv: CsvReader, options: { today?: IsoDate } = {}): VisitsCsv {
  const read = readImportRecords<Column>(text, readCsv, {
    columnOf: (label) =>
      (Object.keys(COLUMNS) as Column[]).find((key) =>
        (COLUMNS[key] as readonly string[]).includes(headerKey(label)),
      ) ?? null,
    required: REQUIRED,
    maxRows: MAX_VISIT_ROWS,
  });
  const result: VisitsCsv = { visits: [], rejected: [], flagged: [] };
  if (!read.ok) {
    const missing = read.missing.map((key) => COLUMN_LABELS[key]).join(', ');
    throw new Error(`CMO visits CSV: no ${missing} column in the header (found: ${read.header.join(', ')})`);
  }
  if (read.truncated) {
    result.rejected.push({
      row: MAX_VISIT_ROWS + 1,
      reason: `more than ${MAX_VISIT_ROWS} rows: the rest were not read`,
    });
  }
  const byRef = new Map<string, CmoVisit>();
  for (const { row, cell } of read.rows) {
    const cells = Object.fromEntries((Object.keys(COLUMNS) as Column[]).map((k) => [k, cell(k)])) as Record<
      Column,
      Cell
    >;
    if (Object.values(cells).every((c) => c.text === '')) continue;
    const reject = (reason: string) => result.rejected.push({ row, reason });
    const flags = (Object.keys(cells) as Column[]).filter((k) => cells[k].formula).map((k) => COLUMN_LABELS[k]);
    // A formula-looking cell in a column that must be a date, time, NINO or reference fails its own check below.
    if (cells.visitRef.text === '') {
      reject('missing visit reference');
      continue;
    }
    if (cells.reference.text === '') {
      reject('missing ESF2a reference');
      continue;
    }
    if (cells.contract.text === '') {
      reject('missing contract');
      continue;
    }
    if (cells.issue.text === '') {
      reject('missing issue text');
      continue;
    }
    const division = parseDivision(cells.division.text);
    if (division === null) {
      reject(`unknown division ${JSON.stringify(cells.division.text)}: expected England and Wales or Scotland`);
      continue;
    }
    const readDate = readPersonDate(cells.visitDate.text, 'visit date');
    if (!readDate.ok) {
      reject(readDate.reason);
      continue;
    }
    const visitDate = readDate.date;
    const future = options.today === undefined ? null : afterToday(visitDate, options.today, 'visit date');
    if (future) {
      reject(`${future}: a visit is imported once it has happened`);
      continue;
    }
    const time = TIME.exec(cells.endTime.text);
    if (!time) {
      reject(`bad visit end time ${JSON.stringify(cells.endTime.text)}: expected HH:MM (Europe/London)`);
      continue;
    }
    const endTime = `${(time[1] ?? '').padStart(2, '0')}:${time[2] ?? ''}`;
    const endsAtLocal = `${visitDate}T${endTime}`;
    try {
      parseLondonDateTime(endsAtLocal, 'visit end');
    } catch (error) {
      reject(`bad visit end ${endsAtLocal}: ${(error as Error).message}`);
      continue;
    }
    let nino: Nino | null = null;
    if (cells.nino.text !== '') {
      const parsed = parseNino(cells.nino.text);
      if (!parsed.ok) {
        reject(`bad NINO: ${parsed.reason}`);
        continue;
      }
      nino = parsed.nino;
    }
    const existing = byRef.get(cells.visitRef.text);
    const visit: CmoVisit = existing ?? {
      visitRef: cells.visitRef.text,
      contract: cells.contract.text,
      division,
      visitDate,
      endTime,
      endsAtLocal,
      actions: [],
    };
    if (
      existing &&
      (existing.visitDate !== visitDate ||
        existing.endTime !== endTime ||
        existing.contract !== cells.contract.text ||
        existing.division !== division)
    ) {
      reject(
        `visit ${visit.visitRef} already read with date ${existing.visitDate} ${existing.endTime}, contract ${existing.contract}: this row disagrees`,
      );
      continue;
    }
    if (visit.actions.some((a) => a.reference === cells.reference.text)) {
      reject(`ESF2a ${cells.reference.text} repeated in visit ${visit.visitRef}`);
      continue;
    }
    visit.actions.push({ reference: cells.reference.text, nino, issue: cells.issue.text, flags });
    for (const column of flags) result.flagged.push({ row, column });
    if (!existing) {
      byRef.set(visit.visitRef, visit);
      result.visits.push(visit);
    }
  }
  return result;
}
