// Europe/London time: the end of a London day as a UTC instant, London wall-clock times, London dates.
// Offsets come from the IANA time-zone database (through luxon), never from a hand-made DST table.
import { IANAZone } from 'luxon';
import { addMonthsToEpochDay, isoDateOf, longDateOf, parseIsoDate } from './dates.ts';
import { InvalidDateError, type IsoDate } from './types.ts';

export const LONDON_TIME_ZONE = 'Europe/London';
const london = IANAZone.create(LONDON_TIME_ZONE);
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Marks a UTC day in which London's offset changes. */
const CHANGES = Number.NaN;
/** London's offset for each UTC day asked about so far, or CHANGES on the two days a year the clocks change. */
const offsetByUtcDay = new Map<number, number>();

/**
 * London's offset from UTC in minutes at an instant (0 in GMT, 60 in BST), from the IANA database. Asking the
 * database (Intl, through luxon) costs microseconds, so the answer is kept per UTC day: when the offset is the same
 * at the first and the last millisecond of a UTC day it is that all day (London changes at most once in a day,
 * months apart); on the days it differs, every instant is asked about.
 */
export function londonOffsetMinutes(epochMs: number): number {
  const utcDay = Math.floor(epochMs / DAY);
  let offset = offsetByUtcDay.get(utcDay);
  if (offset === undefined) {
    const first = london.offset(utcDay * DAY);
    offset = first === london.offset(utcDay * DAY + DAY - 1) ? first : CHANGES;
    offsetByUtcDay.set(utcDay, offset);
  }
  return Number.isNaN(offset) ? london.offset(epochMs) : offset;
}

/** The London calendar day (epoch day) of an instant. */
export function londonEpochDayOf(epochMs: number): number {
  return Math.floor((epochMs + londonOffsetMinutes(epochMs) * MINUTE) / DAY);
}

/**
 * The UTC instants at which London's wall clock shows this local time: none in the spring-forward gap,
 * two in the autumn fall-back hour, otherwise one.
 */
export function londonWallClockCandidates(epochDay: number, minuteOfDay: number, second = 0): number[] {
  const wallMs = epochDay * DAY + minuteOfDay * MINUTE + second * 1000;
  const inSummerTime = wallMs - 60 * MINUTE;
  const inWinterTime = wallMs;
  const summer = londonOffsetMinutes(inSummerTime) === 60;
  const winter = londonOffsetMinutes(inWinterTime) === 0;
  if (summer && winter) return [inSummerTime, inWinterTime];
  if (summer) return [inSummerTime];
  return winter ? [inWinterTime] : [];
}

const endOfDayCache = new Map<IsoDate, string>();

/** The last millisecond of a London day, as a UTC ISO timestamp ('2024-06-14T22:59:59.999Z'). */
export function endOfDayInLondon(date: IsoDate): string {
  const cached = endOfDayCache.get(date);
  if (cached !== undefined) return cached;
  const epochDay = parseIsoDate(date);
  // London midnight is never in a gap nor repeated (UK clocks change at 01:00 UTC), so there is one candidate.
  const [nextMidnight] = londonWallClockCandidates(epochDay + 1, 0);
  if (nextMidnight === undefined) throw new InvalidDateError(`No London midnight after ${date}`);
  const value = new Date(nextMidnight - 1).toISOString();
  endOfDayCache.set(date, value);
  return value;
}

function parseTime(time: string): { minuteOfDay: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new InvalidDateError(`Invalid time ${JSON.stringify(time)}: expected HH:MM (24-hour)`);
  return { minuteOfDay: Number(match[1]) * 60 + Number(match[2]) };
}

/**
 * The UTC instant (ISO) of a London wall-clock time on a date. A time that does not exist (the hour the clocks
 * go forward) is an InvalidDateError; a time that happens twice (the hour the clocks go back) is its first
 * occurrence, in British Summer Time.
 */
export function londonInstant(date: IsoDate, time: string): string {
  const epochDay = parseIsoDate(date);
  const { minuteOfDay } = parseTime(time);
  const [first] = londonWallClockCandidates(epochDay, minuteOfDay);
  if (first === undefined) {
    throw new InvalidDateError(`${time} on ${date} does not exist in Europe/London (the clocks go forward)`);
  }
  return new Date(first).toISOString();
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function toEpochMs(instant: string | Date): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new InvalidDateError('Invalid Date');
    return ms;
  }
  if (!ISO_WITH_ZONE.test(instant)) {
    throw new InvalidDateError(
      `Invalid instant ${JSON.stringify(instant)}: expected an ISO timestamp with Z or an offset`,
    );
  }
  parseIsoDate(instant.slice(0, 10));
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new InvalidDateError(`Invalid instant ${JSON.stringify(instant)}`);
  return ms;
}

/** The London calendar date of an instant. */
export function londonDateOf(instant: string | Date): IsoDate {
  return isoDateOf(londonEpochDayOf(toEpochMs(instant)));
}

/** London wall-clock reading of an instant: 'Fri 29 Mar 2024 16:30 Europe/London (GMT)'. */
export function formatLondonDateTime(instant: string | Date): string {
  const ms = toEpochMs(instant);
  const offset = londonOffsetMinutes(ms);
  const local = ms + offset * MINUTE;
  const epochDay = Math.floor(local / DAY);
  const minuteOfDay = Math.floor((local - epochDay * DAY) / MINUTE);
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${longDateOf(epochDay)} ${hh}:${mm} Europe/London (${offset === 0 ? 'GMT' : 'BST'})`;
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A date-time given either as London wall-clock time ('2024-03-29T16:30', optionally with seconds) or as an ISO
 * timestamp with Z or an offset. A wall-clock time that does not exist, or that happens twice (when the clocks go
 * back), is refused: the caller must give an offset rather than have one guessed.
 */
export function parseLondonDateTime(text: string, what = 'date-time'): number {
  if (typeof text !== 'string') throw new InvalidDateError(`Invalid ${what}: expected a string`);
  const local = LOCAL_DATE_TIME.exec(text);
  if (local) {
    const [, date = '', hh = '', mm = '', ss = '0'] = local;
    const epochDay = parseIsoDate(date, what);
    const hours = Number(hh);
    const minutes = Number(mm);
    const seconds = Number(ss);
    if (hours > 23 || minutes > 59 || seconds > 59) {
      throw new InvalidDateError(`Invalid ${what} ${JSON.stringify(text)}: not a real time`);
    }
    const candidates = londonWallClockCandidates(epochDay, hours * 60 + minutes, seconds);
    if (candidates.length === 0) {
      throw new InvalidDateError(
        `Invalid ${what} ${JSON.stringify(text)}: that time does not exist in Europe/London (the clocks go forward)`,
      );
    }
    if (candidates.length > 1) {
      throw new InvalidDateError(
        `Ambiguous ${what} ${JSON.stringify(text)}: that time happens twice in Europe/London (the clocks go back); add an offset (+01:00 or Z)`,
      );
    }
    return candidates[0] as number;
  }
  if (ISO_WITH_ZONE.test(text)) return toEpochMs(text);
  throw new InvalidDateError(
    `Invalid ${what} ${JSON.stringify(text)}: expected YYYY-MM-DDTHH:MM (London time) or an ISO timestamp with Z or an offset`,
  );
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  return isoDateOf(parseIsoDate(date) + days);
}

/** Adds calendar months; 31 Jan + 1 month = 28 Feb (29 Feb in a leap year). */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  return isoDateOf(addMonthsToEpochDay(parseIsoDate(date), months).epochDay);
}

/** 'Mon 3 Jun 2024'. */
export function formatLongDate(date: IsoDate): string {
  return longDateOf(parseIsoDate(date));
}
