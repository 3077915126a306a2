// Calendar arithmetic on epoch days (days since 1970-01-01), without Date objects or time zones:
// the working-day index and the deadline rules run on these integers.
import { InvalidDateError, type IsoDate } from './types.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export type Civil = { year: number; month: number; day: number };

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilOf(epochDay: number): Civil {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : Number.NaN;
}

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 10 + digit(text, i);
  return value;
}

/** Parses a strict 'YYYY-MM-DD' (a real date) to its epoch day. */
export function parseIsoDate(text: string, what = 'date'): number {
  if (typeof text !== 'string' || text.length !== 10 || text[4] !== '-' || text[7] !== '-') {
    throw new InvalidDateError(`Invalid ${what} ${JSON.stringify(text)}: expected YYYY-MM-DD`);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 1) || day > daysInMonth(year, month)) {
    throw new InvalidDateError(`Invalid ${what} ${JSON.stringify(text)}: not a real date`);
  }
  return epochDayOf(year, month, day);
}

/** Parses a strict 'YYYY-MM' month. */
export function parseIsoMonth(text: string, what = 'month'): { year: number; month: number } {
  if (typeof text !== 'string' || text.length !== 7 || text[4] !== '-') {
    throw new InvalidDateError(`Invalid ${what} ${JSON.stringify(text)}: expected YYYY-MM`);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  if (!(month >= 1 && month <= 12 && year >= 1)) {
    throw new InvalidDateError(`Invalid ${what} ${JSON.stringify(text)}: not a real month`);
  }
  return { year, month };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formatted dates from 1970 to 2134 are kept once formatted: the deadline rules format the same few thousand. */
const ISO_CACHE_DAYS = 60_000;
const isoCache: Array<IsoDate | undefined> = [];

export function isoDateOf(epochDay: number): IsoDate {
  const cacheable = epochDay >= 0 && epochDay < ISO_CACHE_DAYS;
  if (cacheable) {
    const cached = isoCache[epochDay];
    if (cached !== undefined) return cached;
  }
  const { year, month, day } = civilOf(epochDay);
  const iso = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  if (cacheable) isoCache[epochDay] = iso;
  return iso;
}

export function isoMonthOf(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

export function isWeekend(epochDay: number): boolean {
  const weekday = weekdayOf(epochDay);
  return weekday === 0 || weekday === 6;
}

/** 'Mon 3 Jun 2024'. */
const longCache: Array<string | undefined> = [];

export function longDateOf(epochDay: number): string {
  const cacheable = epochDay >= 0 && epochDay < ISO_CACHE_DAYS;
  if (cacheable) {
    const cached = longCache[epochDay];
    if (cached !== undefined) return cached;
  }
  const { year, month, day } = civilOf(epochDay);
  const text = `${WEEKDAYS[weekdayOf(epochDay)]} ${day} ${MONTHS[month - 1]} ${year}`;
  if (cacheable) longCache[epochDay] = text;
  return text;
}

/** 'Jun 2024'. */
export function longMonthOf(year: number, month: number): string {
  return `${MONTHS[month - 1]} ${year}`;
}

/** Adds calendar months; a day that does not exist in the target month clamps to its last day. */
export function addMonthsToEpochDay(epochDay: number, months: number): { epochDay: number; clamped: boolean } {
  const { year, month, day } = civilOf(epochDay);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const last = daysInMonth(targetYear, targetMonth);
  return { epochDay: epochDayOf(targetYear, targetMonth, Math.min(day, last)), clamped: day > last };
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

/** A UTC ISO timestamp ('2024-06-14T22:59:59.999Z'), as Date#toISOString writes it for years 0000–9999, faster. */
export function isoInstantOf(epochMs: number): string {
  const day = Math.floor(epochMs / 86_400_000);
  let rest = epochMs - day * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${isoDateOf(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1000)}Z`;
}
