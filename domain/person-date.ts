import { daysInMonth } from './calendar/dates.ts';
import { formatLongDate } from './calendar/london.ts';
import type { IsoDate } from './calendar/types.ts';
import { normaliseFormDate } from './mail/form-dates.ts';

/**
 * A date as a person types or exports it, in every command, staff action and import alike: 24/04/2026 (day
 * first, as UK staff write it), 2026-04-24, 24 Apr 2026, 24.04.2026, 24-04-2026 (the same forms a mailed form
 * is read in, domain/mail/form-dates.ts). Either a real date, 'YYYY-MM-DD', or a refusal that says what to type:
 * 31/02/2026 is not a date in February and is never rolled on to March.
 */
export type PersonDate = { ok: true; date: IsoDate } | { ok: false; reason: string };

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const DATE_FORMS = 'a date like 24/04/2026 or 2026-04-24';

export function readPersonDate(input: string, what = 'date'): PersonDate {
  const text = input.trim();
  const date = normaliseFormDate(text);
  if (date !== null) return { ok: true, date };
  const shown = JSON.stringify(text.slice(0, 40));
  if (text === '') return { ok: false, reason: `the ${what} is empty: type ${DATE_FORMS}` };
  const numbers =
    /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)?.slice(1, 4).map(Number) ??
    /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)?.slice(1, 4).map(Number).reverse();
  if (numbers) {
    const [year, month, day] = numbers as [number, number, number];
    if (month < 1 || month > 12) {
      return { ok: false, reason: `the ${what} ${shown} has no month ${month}: type ${DATE_FORMS} (day first)` };
    }
    if (day < 1 || day > daysInMonth(year, month)) {
      const name = MONTH_NAMES[month - 1];
      return {
        ok: false,
        reason: `the ${what} ${shown} is not a real date: ${name} ${year} has ${daysInMonth(year, month)} days`,
      };
    }
  }
  return { ok: false, reason: `the ${what} ${shown} is not a date: type ${DATE_FORMS}` };
}

/** A date that cannot have happened yet: the refusal names today as a person reads it. */
export function afterToday(date: IsoDate, today: IsoDate, what: string): string | null {
  return date > today ? `the ${what} ${formatLongDate(date)} is after today (${formatLongDate(today)})` : null;
}

/** A fact dated before the case it belongs to began: the refusal names both dates. */
export function beforeStart(date: IsoDate, start: IsoDate, what: string, startWhat: string): string | null {
  return date < start
    ? `the ${what} ${formatLongDate(date)} is before the ${startWhat} (${formatLongDate(start)})`
    : null;
}
