// An independent, deliberately naive model of the working-day calendar for the tests to compare against:
// it walks day by day with Date in UTC and looks holidays up in the raw feed data. Nothing here uses the index.
import bankHolidays from '../../data/uk-bank-holidays.json' with { type: 'json' };
import type { Division } from '../../domain/calendar/types.ts';

export type RawEvent = { title: string; date: string; notes: string; bunting: boolean };

export function rawEvents(division: Division): RawEvent[] {
  return bankHolidays[division].events;
}

const holidaySets = new Map<Division, Set<string>>();

export function holidaySet(division: Division): Set<string> {
  let set = holidaySets.get(division);
  if (!set) {
    set = new Set(rawEvents(division).map((event) => event.date));
    holidaySets.set(division, set);
  }
  return set;
}

export function shiftDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

export function isWeekendDate(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isWorkingByData(division: Division, date: string): boolean {
  return !isWeekendDate(date) && !holidaySet(division).has(date);
}

/** Day n from start, by walking: day one is start if working, else the next working day. */
export function walkWorkingDays(division: Division, start: string, n: number): string {
  let date = start;
  while (!isWorkingByData(division, date)) date = shiftDays(date, 1);
  let counted = 1;
  while (counted < n) {
    date = shiftDays(date, 1);
    if (isWorkingByData(division, date)) counted++;
  }
  return date;
}

/** Working days in [from, to], by walking. */
export function countWorkingDays(division: Division, from: string, to: string): number {
  let count = 0;
  for (let date = from; date <= to; date = shiftDays(date, 1)) {
    if (isWorkingByData(division, date)) count++;
  }
  return count;
}

/** fast-check friendly: the i-th day from 2011-01-01. */
export function dateFromOffset(offset: number): string {
  return shiftDays('2011-01-01', offset);
}

/** Days from 2011-01-01 to 2027-12-31 inclusive. */
export const COVERED_DAYS = 6209;
