// Working days of a UK division, indexed once: for every day of the covered years, whether it is a working day
// and how many working days there have been so far; and the list of working days. Counting N working days is then
// two array reads, not a walk through the calendar.
import bankHolidays from '../../data/uk-bank-holidays.json' with { type: 'json' };
import { epochDayOf, isoDateOf, isWeekend, parseIsoDate, parseIsoMonth } from './dates.ts';
import { parseBankHolidayFeed } from './feed.ts';
import { CalendarRangeError, DIVISION_NAMES, DIVISIONS, type Division, type IsoDate, isDivision } from './types.ts';

export interface WorkingDayCalendar {
  readonly division: Division;
  /** Covered range: the first and last day of the years the bank-holiday data lists (2012-01-01..2027-12-31). */
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
  isWorkingDay(date: IsoDate): boolean;
  /** The bank holiday on that date ('Spring bank holiday', 'Christmas Day (substitute day)'), if any. */
  holidayName(date: IsoDate): string | undefined;
  /** Day one is `start` when it is a working day, otherwise the next working day. Returns day n (n >= 1). */
  workingDaysFrom(start: IsoDate, n: number): IsoDate;
  /** The working day that is n working days before `date` (n >= 1; date itself not counted). */
  workingDaysBefore(date: IsoDate, n: number): IsoDate;
  /**
   * Working days taken from start to end inclusive under the same day-one convention (e.g. request date to sent
   * date). Equals k when end is day k; 0 if end is before day one.
   */
  workingDaysTaken(start: IsoDate, end: IsoDate): number;
  /** n-th working day of a month 'YYYY-MM'. */
  nthWorkingDayOfMonth(month: string, n: number): IsoDate;
}

export class UnknownDivisionError extends Error {
  override name = 'UnknownDivisionError';
}

function assertDivision(division: unknown): asserts division is Division {
  if (!isDivision(division)) {
    throw new UnknownDivisionError(`Unknown division ${JSON.stringify(division)}: expected ${DIVISIONS.join(' or ')}`);
  }
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a whole number of at least 1, got ${n}`);
}

/**
 * The indexed calendar. Beyond the WorkingDayCalendar contract it exposes day indexes (0 = firstDate) so that the
 * deadline rules can count and explain without parsing dates again.
 */
export class IndexedWorkingDayCalendar implements WorkingDayCalendar {
  readonly division: Division;
  readonly divisionName: string;
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
  readonly firstEpochDay: number;
  readonly dayCount: number;
  /** 1 when the day is a working day. */
  private readonly working: Uint8Array;
  /** Working days from firstDate up to and including the day. */
  private readonly workingSoFar: Int32Array;
  /** Day index of the k-th working day (k from 0). */
  private readonly workingDays: Int32Array;
  private readonly holidays: ReadonlyMap<number, string>;
  private readonly isoDates: IsoDate[];

  constructor(division: Division, holidays: ReadonlyMap<IsoDate, string>) {
    const years = [...holidays.keys()].map((date) => Number(date.slice(0, 4)));
    if (years.length === 0) throw new Error(`No bank holidays for ${division}`);
    const firstYear = Math.min(...years);
    const lastYear = Math.max(...years);
    for (let year = firstYear; year <= lastYear; year++) {
      if (!years.includes(year)) {
        throw new Error(
          `The bank-holiday data for ${division} has no holidays in ${year}: the years must be contiguous`,
        );
      }
    }
    this.division = division;
    this.divisionName = DIVISION_NAMES[division];
    this.firstEpochDay = epochDayOf(firstYear, 1, 1);
    this.dayCount = epochDayOf(lastYear, 12, 31) - this.firstEpochDay + 1;
    this.firstDate = isoDateOf(this.firstEpochDay);
    this.lastDate = isoDateOf(this.firstEpochDay + this.dayCount - 1);
    const byIndex = new Map<number, string>();
    for (const [date, name] of holidays) byIndex.set(parseIsoDate(date) - this.firstEpochDay, name);
    this.holidays = byIndex;
    this.working = new Uint8Array(this.dayCount);
    this.workingSoFar = new Int32Array(this.dayCount);
    this.isoDates = new Array<IsoDate>(this.dayCount);
    const workingDays: number[] = [];
    for (let i = 0; i < this.dayCount; i++) {
      const epochDay = this.firstEpochDay + i;
      this.isoDates[i] = isoDateOf(epochDay);
      const isWorking = !isWeekend(epochDay) && !byIndex.has(i);
      if (isWorking) {
        this.working[i] = 1;
        workingDays.push(i);
      }
      this.workingSoFar[i] = workingDays.length;
    }
    this.workingDays = Int32Array.from(workingDays);
  }

  // ---- index-level API, for the deadline rules -------------------------------------------------------------

  /** Day index of a date in the covered range; CalendarRangeError outside it. */
  indexOf(date: IsoDate, what = 'date'): number {
    return this.indexOfEpochDay(parseIsoDate(date, what), date);
  }

  indexOfEpochDay(epochDay: number, shown: string = isoDateOf(epochDay)): number {
    const index = epochDay - this.firstEpochDay;
    if (index < 0 || index >= this.dayCount) {
      throw new CalendarRangeError(
        `${shown} is outside the ${this.divisionName} bank-holiday data, which covers ${this.firstDate} to ${this.lastDate}`,
      );
    }
    return index;
  }

  isoAt(index: number): IsoDate {
    return this.isoDates[index] as IsoDate;
  }

  isWorkingAt(index: number): boolean {
    return this.working[index] === 1;
  }

  holidayAt(index: number): string | undefined {
    return this.holidays.get(index);
  }

  /** Ordinal (from 1) of day one when counting from this index: the day itself if working, else the next one. */
  dayOneOrdinal(index: number): number {
    return (this.workingSoFar[index] as number) + (this.working[index] === 1 ? 0 : 1);
  }

  /** Working days from firstDate up to and including the day. */
  workingDaysUpTo(index: number): number {
    return this.workingSoFar[index] as number;
  }

  /** Working days in the covered range. */
  get workingDayCount(): number {
    return this.workingDays.length;
  }

  /** Day index of the working day with this ordinal (from 1), or -1 outside the covered range. */
  indexOfOrdinal(ordinal: number): number {
    return ordinal >= 1 && ordinal <= this.workingDays.length ? (this.workingDays[ordinal - 1] as number) : -1;
  }

  /** Day index of working day n, counted with the day-one convention from a start index. */
  workingDayIndexFrom(startIndex: number, n: number): number {
    const index = this.indexOfOrdinal(this.dayOneOrdinal(startIndex) + n - 1);
    if (index < 0) this.throwCountOutOfRange(`Counting ${n} working days from ${this.isoAt(startIndex)}`);
    return index;
  }

  throwCountOutOfRange(counting: string): never {
    throw new CalendarRangeError(
      `${counting} runs outside the ${this.divisionName} bank-holiday data, which covers ${this.firstDate} to ${this.lastDate}`,
    );
  }

  // ---- WorkingDayCalendar ----------------------------------------------------------------------------------

  isWorkingDay(date: IsoDate): boolean {
    return this.working[this.indexOf(date)] === 1;
  }

  holidayName(date: IsoDate): string | undefined {
    return this.holidays.get(this.indexOf(date));
  }

  workingDaysFrom(start: IsoDate, n: number): IsoDate {
    checkCount(n, 'n');
    return this.isoAt(this.workingDayIndexFrom(this.indexOf(start, 'start date'), n));
  }

  workingDaysBefore(date: IsoDate, n: number): IsoDate {
    checkCount(n, 'n');
    const index = this.indexOf(date);
    const before = (this.workingSoFar[index] as number) - (this.working[index] as number);
    const found = this.indexOfOrdinal(before - n + 1);
    if (found < 0) this.throwCountOutOfRange(`Counting ${n} working days back from ${date}`);
    return this.isoAt(found);
  }

  workingDaysTaken(start: IsoDate, end: IsoDate): number {
    const taken = this.workingSoFar[this.indexOf(end, 'end date')] as number;
    return Math.max(0, taken - this.dayOneOrdinal(this.indexOf(start, 'start date')) + 1);
  }

  nthWorkingDayOfMonth(month: string, n: number): IsoDate {
    checkCount(n, 'n');
    const { year, month: m } = parseIsoMonth(month);
    const index = this.indexOfEpochDay(epochDayOf(year, m, 1), month);
    const found = this.indexOfOrdinal(this.dayOneOrdinal(index) + n - 1);
    if (found < 0) this.throwCountOutOfRange(`Working day ${n} of ${month}`);
    const date = this.isoAt(found);
    if (date.slice(0, 7) !== month) throw new RangeError(`${month} has fewer than ${n} working days`);
    return date;
  }
}

/** Builds a division's calendar from data in the GOV.UK feed shape (validated). For tests and refresh. */
export function createCalendar(division: Division, feedData: unknown): IndexedWorkingDayCalendar {
  assertDivision(division);
  const feed = parseBankHolidayFeed(feedData);
  const events = feed[division]?.events;
  if (events === undefined) throw new Error(`The bank-holiday data has no ${division} division`);
  const holidays = new Map<IsoDate, string>();
  for (const event of events) {
    const substitute = /substitute/i.test(event.notes) ? ' (substitute day)' : '';
    holidays.set(event.date, `${event.title}${substitute}`);
  }
  return new IndexedWorkingDayCalendar(division, holidays);
}

const calendars = new Map<Division, IndexedWorkingDayCalendar>();

/** The calendar of a division from the data in the repository, built once and cached. */
export function calendarFor(division: Division): IndexedWorkingDayCalendar {
  assertDivision(division);
  let calendar = calendars.get(division);
  if (calendar === undefined) {
    calendar = createCalendar(division, bankHolidays);
    calendars.set(division, calendar);
  }
  return calendar;
}
