import { addCalendarDays } from '../calendar/london.ts';
import type { Division, IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import { computeDeadline } from '../deadlines/rules.ts';
import { type ImportFile, readImportRecords } from '../import-records.ts';
import type { CsvReader } from '../mail/types.ts';
import { maskNino, type Nino, parseNino } from '../nino.ts';
import { afterToday, readPersonDate } from '../person-date.ts';
import { checkMandation, type EsaGroupId, findEsaGroup, type Mandation, type MandationCheck } from './eligibility.ts';

/**
 * An Information Session referral as Jobcentre Plus makes it on PRaP (ch.19 paras 1–2): the participant's NINO,
 * the referral date (every Information Session clock runs from it), mandatory or voluntary from the action plan
 * annotation, and the ESA claimant group (Annex A). SCR participants are referred clerically (para 2 Actions):
 * staff record them, and nothing about them is emailed.
 */
export interface InformationSessionReferral {
  nino: Nino;
  referralDate: IsoDate;
  mandation: Mandation;
  /** The annotation as written on the action plan. */
  annotation: string;
  /** The Annex A group, or null when the text did not match a row (kept in `esaGroupText`). */
  esaGroup: EsaGroupId | null;
  esaGroupText: string;
  division: Division;
  /** Special Customer Record: referred clerically; never emailed. */
  scr: boolean;
  /** Who runs the session for the provider, when the export says; otherwise the configured team address. */
  caseworkerEmail: string | null;
}

/** A referral read from a file, with what was noticed about it (never a full NINO). */
export interface ReadReferral {
  /** 1-based line of the file (the header is line 1). */
  row: number;
  referral: InformationSessionReferral;
  mandationCheck: MandationCheck;
  /** Points to check that do not stop the referral: formula-like cells, unknown ESA group, mandation query. */
  flags: string[];
}

export interface RejectedRow {
  row: number;
  /** Plain English; the NINO masked. */
  reason: string;
}

export interface ReferralsImport {
  referrals: ReadReferral[];
  rejected: RejectedRow[];
}

const MANDATORY = /\bmandat(?:ory|ed)\b/;
const VOLUNTARY = /\bvoluntar(?:y|ily)\b/;
const INFO_SESSION = /\binf(?:o|ormation)\.?\s*sess(?:ion)?s?\b/;

/**
 * Mandatory or voluntary from the action plan annotation "Work Programme Information Session-Mandatory" /
 * "-Voluntary" (para 2). Tolerant of case, spacing, dashes and "WP"/"Info" abbreviations; an annotation that
 * names neither or both, or no Information Session at all, is null.
 */
export function mandationFromAnnotation(annotation: string): Mandation | null {
  const text = annotation
    .toLowerCase()
    .replace(/[‐‑‒–—_/-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!INFO_SESSION.test(text)) return null;
  const mandatory = MANDATORY.test(text);
  const voluntary = VOLUNTARY.test(text);
  if (mandatory === voluntary) return null;
  return mandatory ? 'mandatory' : 'voluntary';
}

type Column = 'nino' | 'referralDate' | 'annotation' | 'esaGroup' | 'division' | 'scr' | 'caseworker';

const HEADERS: ReadonlyArray<readonly [Column, RegExp]> = [
  ['nino', /^(?:nino|ni\s*no\.?|ni\s*number|national\s*insurance\s*(?:number|no\.?))$/],
  ['referralDate', /^(?:(?:information\s*session\s*)?referral\s*date|date\s*(?:of\s*)?referr?(?:al|ed))$/],
  ['annotation', /^(?:(?:action\s*plan\s*)?annotation|action\s*plan|mandatory\s*\/?\s*voluntary|referral\s*type)$/],
  ['esaGroup', /^(?:esa\s*(?:claimant\s*)?group|claimant\s*group|esa\s*group\s*\(annex\s*a\)|participant\s*group)$/],
  ['division', /^(?:division|country|nation)$/],
  ['scr', /^(?:scr|special\s*customer\s*records?(?:\s*\(scr\))?|scr\s*flag)$/],
  ['caseworker', /^(?:caseworker(?:\s*e-?mail)?|adviser(?:\s*e-?mail)?|staff\s*e-?mail)$/],
];

const REQUIRED: readonly Column[] = ['nino', 'referralDate', 'annotation'];

/** How the columns are named to people (the PRaP export's own headings). */
const COLUMN_LABELS: Record<Column, string> = {
  nino: 'NINO',
  referralDate: 'Referral Date',
  annotation: 'Action Plan Annotation',
  esaGroup: 'ESA Group',
  division: 'Division',
  scr: 'SCR',
  caseworker: 'Caseworker',
};

function headerOf(text: string): Column | null {
  const label = text.toLowerCase().replace(/\s+/g, ' ').replace(/:$/, '').trim();
  for (const [column, pattern] of HEADERS) if (pattern.test(label)) return column;
  return null;
}

function divisionOf(text: string): Division | null {
  const t = text.toLowerCase().replace(/[^a-z&]/g, '');
  if (
    t === '' ||
    t === 'englandandwales' ||
    t === 'england&wales' ||
    t === 'ew' ||
    t === 'e&w' ||
    t === 'england' ||
    t === 'wales'
  )
    return 'england-and-wales';
  if (t === 'scotland' || t === 's' || t === 'sc') return 'scotland';
  return null;
}

function scrOf(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'n' || t === 'no' || t === 'false' || t === '0') return false;
  if (t === 'y' || t === 'yes' || t === 'true' || t === '1' || t === 'scr') return true;
  return null;
}

const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i;

/** Read at most this many rows: a PRaP export for one provider is hundreds, not tens of thousands. */
export const MAX_REFERRAL_ROWS = 20_000;

/**
 * Reads a PRaP export of Information Session referrals (CSV: comma, semicolon or tab; UTF-8, UTF-16 or
 * Windows-1252, through the same reader as mailed CSV forms). Each row is a referral or a rejection with its
 * reason: a bad or temporary NINO, a date that is not a real date (or outside the calendar's years), an
 * annotation that is neither "-Mandatory" nor "-Voluntary", an unknown division or SCR value, a repeat of an
 * earlier row. A cell that looks like a spreadsheet formula is kept as text, never evaluated, and flagged.
 */
export function parseReferralsCsv(
  input: ImportFile,
  readCsv: CsvReader,
  options: { today?: IsoDate } = {},
): ReferralsImport {
  const read = readImportRecords<Column>(input, readCsv, {
    columnOf: headerOf,
    required: REQUIRED,
    maxRows: MAX_REFERRAL_ROWS,
  });
  const referrals: ReadReferral[] = [];
  const rejected: RejectedRow[] = [];
  if (!read.ok) {
    rejected.push({
      row: read.row,
      reason: read.missing.includes('nino')
        ? 'No header row with a NINO column was found: nothing was read.'
        : `The header has no ${read.missing.map((c) => COLUMN_LABELS[c]).join(', ')} column: nothing was read.`,
    });
    return { referrals, rejected };
  }
  const { columns, truncated } = read;
  const seen = new Map<string, number>();
  for (const { row, cell } of read.rows) {
    const flags: string[] = [];
    for (const column of Object.keys(columns) as Column[]) {
      if (cell(column).formula) {
        flags.push(`The ${column} cell starts like a spreadsheet formula (= + - @): kept as text, never evaluated.`);
      }
    }
    const rawNino = cell('nino').text;
    const nino = parseNino(rawNino);
    if (!nino.ok) {
      rejected.push({ row, reason: `NINO ${maskNino(rawNino) || '(empty)'}: ${nino.reason}.` });
      continue;
    }
    const readDate = readPersonDate(cell('referralDate').text, 'referral date');
    if (!readDate.ok) {
      rejected.push({ row, reason: `${maskNino(nino.nino)}: ${readDate.reason}.` });
      continue;
    }
    const referralDate = readDate.date;
    // A referral is exported once it is made: one dated after today is a slip (a year, or month and day swapped).
    const future = options.today === undefined ? null : afterToday(referralDate, options.today, 'referral date');
    if (future) {
      rejected.push({ row, reason: `${maskNino(nino.nino)}: ${future}: a referral is imported once it is made.` });
      continue;
    }
    const division = divisionOf(cell('division').text);
    if (division === null) {
      rejected.push({
        row,
        reason: `${maskNino(nino.nino)}: the division "${cell('division').text.slice(0, 40)}" is not England and Wales or Scotland.`,
      });
      continue;
    }
    try {
      computeDeadline('attachment', referralDate, division);
      // The reminders and chases after day 21 count working days: they must be inside the calendar's years too.
      calendarFor(division).workingDaysFrom(addCalendarDays(referralDate, 29), 20);
    } catch (error) {
      rejected.push({
        row,
        reason: `${maskNino(nino.nino)}: the referral date ${referralDate} cannot be counted (${error instanceof Error ? error.message : String(error)}).`,
      });
      continue;
    }
    const annotation = cell('annotation').text;
    const mandation = mandationFromAnnotation(annotation);
    if (mandation === null) {
      rejected.push({
        row,
        reason: `${maskNino(nino.nino)}: the action plan annotation "${annotation.slice(0, 80)}" is neither "Work Programme Information Session-Mandatory" nor "-Voluntary".`,
      });
      continue;
    }
    const scr = scrOf(cell('scr').text);
    if (scr === null) {
      rejected.push({
        row,
        reason: `${maskNino(nino.nino)}: the SCR value "${cell('scr').text.slice(0, 20)}" is not yes or no.`,
      });
      continue;
    }
    const duplicateOf = seen.get(`${nino.nino}|${referralDate}`);
    if (duplicateOf !== undefined) {
      rejected.push({
        row,
        reason: `${maskNino(nino.nino)}: the same referral (NINO and referral date ${referralDate}) is on row ${duplicateOf}.`,
      });
      continue;
    }
    seen.set(`${nino.nino}|${referralDate}`, row);
    const esaGroupText = cell('esaGroup').text;
    const group = esaGroupText === '' ? null : findEsaGroup(esaGroupText);
    if (esaGroupText !== '' && group === null) {
      flags.push(`The ESA claimant group "${esaGroupText.slice(0, 80)}" is not one of the Annex A groups.`);
    }
    const caseworkerText = cell('caseworker').text.toLowerCase();
    const caseworkerEmail = EMAIL.test(caseworkerText) ? caseworkerText : null;
    if (caseworkerText !== '' && caseworkerEmail === null)
      flags.push('The caseworker email is not an address: ignored.');
    const referral: InformationSessionReferral = {
      nino: nino.nino,
      referralDate,
      mandation,
      annotation,
      esaGroup: group?.id ?? null,
      esaGroupText,
      division,
      scr,
      caseworkerEmail,
    };
    const mandationCheck = checkMandation(referral);
    if (!mandationCheck.ok) flags.push(mandationCheck.message);
    referrals.push({ row, referral, mandationCheck, flags });
  }
  if (truncated) {
    rejected.push({
      row: MAX_REFERRAL_ROWS + 1,
      reason: `The file has more than ${MAX_REFERRAL_ROWS} rows; the rest were not read.`,
    });
  }
  return { referrals, rejected };
}
