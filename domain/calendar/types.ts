/** The UK bank-holiday divisions the Work Programme ran in. Northern Ireland is not one of them. */
export type Division = 'england-and-wales' | 'scotland';
export const DIVISIONS: readonly Division[] = Object.freeze(['england-and-wales', 'scotland'] as const);

/** How a division is named to people (explanations, messages). */
export const DIVISION_NAMES: Readonly<Record<Division, string>> = Object.freeze({
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
});

export function isDivision(value: unknown): value is Division {
  return value === 'england-and-wales' || value === 'scotland';
}

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** A date (or a count that runs) outside the years the bank-holiday data covers: never guessed. */
export class CalendarRangeError extends Error {
  override name = 'CalendarRangeError';
}

/** Not a real date, or not in the expected format. */
export class InvalidDateError extends Error {
  override name = 'InvalidDateError';
}
