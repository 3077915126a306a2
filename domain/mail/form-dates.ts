import { DateTime } from 'luxon';

/**
 * Dates as Jobcentre Plus staff and their mail clients write them on a form, read UK day-first:
 * 03/06/2024, 3/6/24, 03.06.2024, 3 June 2024, 3rd Jun 2024, Monday 3 June 2024, 03-Jun-24, 2024-06-03,
 * June 3, 2024, an Excel date cell (a Date at UTC midnight) or an Excel serial number (45446).
 * Returns YYYY-MM-DD, or null when the text is not a real calendar date.
 */
const MONTHS: ReadonlyMap<string, number> = new Map([
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['may', 5],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
]);

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+(?:z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC_DMY = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/;
const TEXT_DMY = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?([a-z]{3,9})\.?,?[\s-]+(\d{2}|\d{4})$/;
const TEXT_MDY = /^(?:[a-z]+,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
/** Excel serial day numbers for 1954–2119: anything else is not a plausible form date. */
const EXCEL_SERIAL = /^\d{5}$/;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function normaliseFormDate(input: string | Date | number | null | undefined): string | null {
  if (input === null || input === undefined) {
    return null;
  }
  if (input instanceof Date) {
    return Number.isNaN(input.getTime()) ? null : input.toISOString().slice(0, 10);
  }
  if (typeof input === 'number') {
    return fromExcelSerial(input);
  }
  const text = input
    .replace(/\u00a0/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  if (text === '') {
    return null;
  }
  let match = ISO.exec(text);
  if (match) {
    return ymd(Number(match[1]), Number(match[2]), Number(match[3]));
  }
  match = NUMERIC_DMY.exec(text);
  if (match) {
    return ymd(fullYear(match[3]), Number(match[2]), Number(match[1]));
  }
  match = TEXT_DMY.exec(text);
  if (match) {
    return ymd(fullYear(match[3]), monthNumber(match[2]), Number(match[1]));
  }
  match = TEXT_MDY.exec(text);
  if (match) {
    return ymd(Number(match[3]), monthNumber(match[1]), Number(match[2]));
  }
  if (EXCEL_SERIAL.test(text)) {
    return fromExcelSerial(Number(text));
  }
  return null;
}

function fromExcelSerial(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 20_000 || serial > 80_000) {
    return null;
  }
  return new Date(EXCEL_EPOCH_MS + serial * 86_400_000).toISOString().slice(0, 10);
}

function fullYear(text: string | undefined): number {
  const year = Number(text);
  return text !== undefined && text.length === 2 ? 2000 + year : year;
}

function monthNumber(text: string | undefined): number {
  if (text === undefined) {
    return 0;
  }
  const exact = MONTHS.get(text.slice(0, text === 'sept' ? 4 : 3));
  if (exact === undefined) {
    return 0;
  }
  // "june" and "jun" are fine; "junk" is not a month.
  const full = DateTime.fromObject({ year: 2000, month: exact, day: 1 })
    .setLocale('en-GB')
    .toFormat('LLLL')
    .toLowerCase();
  return full.startsWith(text) || text === 'sept' ? exact : 0;
}

function ymd(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2199) {
    return null;
  }
  const date = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
  return date.isValid ? date.toISODate() : null;
}
