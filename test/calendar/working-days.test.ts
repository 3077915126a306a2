import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarRangeError, DIVISIONS, InvalidDateError } from '../../domain/calendar/types.ts';
import { calendarFor, createCalendar, UnknownDivisionError } from '../../domain/calendar/working-days.ts';
import {
  COVERED_DAYS,
  countWorkingDays,
  dateFromOffset,
  isWeekendDate,
  isWorkingByData,
  rawEvents,
  shiftDays,
  walkWorkingDays,
} from './reference.ts';

describe.each(DIVISIONS)('every bank holiday of %s, 2011–2027', (division) => {
  const calendar = calendarFor(division);
  const events = rawEvents(division);

  it('lists holidays in every covered year, none of them at a weekend', () => {
    const years = new Set(events.map((event) => Number(event.date.slice(0, 4))));
    expect([...years].sort()).toEqual(Array.from({ length: 17 }, (_, i) => 2011 + i));
    expect(events.filter((event) => isWeekendDate(event.date))).toEqual([]);
  });

  it.each(events.map((event) => [event.date, event.title, event.notes] as const))(
    '%s (%s) is not a working day, and the working days around it are the nearest non-holiday weekdays',
    (date, title, notes) => {
      // Act
      const next = calendar.workingDaysFrom(date, 1);
      // Assess
      expect(calendar.isWorkingDay(date)).toBe(false);
      expect(calendar.holidayName(date)).toBe(notes === 'Substitute day' ? `${title} (substitute day)` : title);
      let expectedNext = shiftDays(date, 1);
      while (!isWorkingByData(division, expectedNext)) expectedNext = shiftDays(expectedNext, 1);
      let expectedPrevious = shiftDays(date, -1);
      while (!isWorkingByData(division, expectedPrevious)) expectedPrevious = shiftDays(expectedPrevious, -1);
      expect(next).toBe(expectedNext);
      expect(calendar.isWorkingDay(next)).toBe(true);
      if (expectedPrevious < calendar.firstDate) {
        // 2011-01-03: the working day before it is in 2010, which the data does not cover.
        expect(() => calendar.workingDaysBefore(date, 1)).toThrow(CalendarRangeError);
      } else {
        expect(calendar.workingDaysBefore(date, 1)).toBe(expectedPrevious);
        expect(calendar.isWorkingDay(expectedPrevious)).toBe(true);
      }
      // Every covered day strictly between the two working days is a weekend day or a holiday.
      const from = expectedPrevious < calendar.firstDate ? calendar.firstDate : shiftDays(expectedPrevious, 1);
      for (let day = from; day < next; day = shiftDays(day, 1)) {
        expect(calendar.isWorkingDay(day)).toBe(false);
        expect(isWeekendDate(day) || calendar.holidayName(day) !== undefined).toBe(true);
      }
    },
  );
});

describe('one-off bank holidays', () => {
  it.each([
    ['2012-06-04', 'Spring bank holiday', 'moved from 28 May for the Diamond Jubilee'],
    ['2012-06-05', 'Queen’s Diamond Jubilee', 'proclaimed'],
    ['2020-05-08', 'Early May bank holiday', 'moved for VE Day'],
    ['2022-06-02', 'Spring bank holiday', 'moved for the Platinum Jubilee'],
    ['2022-06-03', 'Platinum Jubilee bank holiday', 'proclaimed'],
    ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II', 'proclaimed'],
    ['2023-05-08', 'Bank holiday for the coronation of King Charles III', 'proclaimed'],
  ])('keeps %s (%s, %s) in both divisions', (date, title) => {
    for (const division of DIVISIONS) {
      expect(calendarFor(division).isWorkingDay(date)).toBe(false);
      expect(calendarFor(division).holidayName(date)).toBe(title);
    }
  });

  it.each([
    ['2012-05-28', 'the Spring bank holiday moved to 4 June (date-holidays gets this wrong)'],
    ['2020-05-04', 'the Early May bank holiday moved to Friday 8 May'],
    ['2022-05-30', 'the Spring bank holiday moved to 2 June'],
  ])('treats %s as a working day in both divisions: %s', (date) => {
    for (const division of DIVISIONS) expect(calendarFor(division).isWorkingDay(date)).toBe(true);
  });

  it('keeps the 2026 World Cup bank holiday in Scotland only', () => {
    expect(calendarFor('scotland').holidayName('2026-06-15')).toBe('World Cup bank holiday');
    expect(calendarFor('scotland').isWorkingDay('2026-06-15')).toBe(false);
    expect(calendarFor('england-and-wales').isWorkingDay('2026-06-15')).toBe(true);
  });
});

describe('Scottish holidays', () => {
  const scotland = calendarFor('scotland');
  const england = calendarFor('england-and-wales');

  it.each([
    ['2012-01-02', '2nd January', 'Mon 2 Jan 2012; New Year’s Day (Sun) is substituted to Tue 3 Jan'],
    ['2016-01-04', '2nd January (substitute day)', '2 Jan 2016 was a Saturday'],
    ['2021-01-04', '2nd January (substitute day)', '2 Jan 2021 was a Saturday'],
    ['2022-01-04', '2nd January (substitute day)', '1 and 2 Jan 2022 fell on a weekend'],
    ['2027-01-04', '2nd January (substitute day)', '2 Jan 2027 is a Saturday'],
  ])('skips the Scottish 2 January holiday on %s (%s: %s)', (date, name) => {
    expect(scotland.holidayName(date)).toBe(name);
    expect(scotland.isWorkingDay(date)).toBe(false);
  });

  it.each([
    ['2013-12-02', '30 Nov 2013 was a Saturday'],
    ['2014-12-01', '30 Nov 2014 was a Sunday'],
    ['2019-12-02', '30 Nov 2019 was a Saturday'],
    ['2024-12-02', '30 Nov 2024 was a Saturday'],
    ['2025-12-01', '30 Nov 2025 is a Sunday'],
  ])("skips the Scottish St Andrew's Day substitute on %s (%s)", (date) => {
    expect(scotland.holidayName(date)).toBe('St Andrew’s Day (substitute day)');
    expect(scotland.isWorkingDay(date)).toBe(false);
    expect(england.isWorkingDay(date)).toBe(true);
  });

  it('has its Summer bank holiday on the first Monday of August, England and Wales on the last', () => {
    expect(scotland.isWorkingDay('2024-08-05')).toBe(false);
    expect(england.isWorkingDay('2024-08-05')).toBe(true);
    expect(england.isWorkingDay('2024-08-26')).toBe(false);
    expect(scotland.isWorkingDay('2024-08-26')).toBe(true);
  });

  it('has no Easter Monday holiday', () => {
    expect(scotland.isWorkingDay('2024-04-01')).toBe(true);
    expect(england.isWorkingDay('2024-04-01')).toBe(false);
  });
});

describe('counting working days', () => {
  const calendar = calendarFor('england-and-wales');

  it('counts the start date as day one when it is a working day', () => {
    expect(calendar.workingDaysFrom('2024-05-24', 1)).toBe('2024-05-24');
    expect(calendar.workingDaysFrom('2024-05-24', 2)).toBe('2024-05-28');
    expect(calendar.workingDaysFrom('2024-05-24', 10)).toBe('2024-06-07');
  });

  it('makes the next working day day one when the start is not a working day', () => {
    expect(calendar.workingDaysFrom('2024-06-01', 1)).toBe('2024-06-03');
    expect(calendar.workingDaysFrom('2024-06-01', 10)).toBe('2024-06-14');
    expect(calendar.workingDaysFrom('2024-05-27', 1)).toBe('2024-05-28');
  });

  it('counts back from a date without counting the date itself', () => {
    expect(calendar.workingDaysBefore('2024-06-07', 1)).toBe('2024-06-06');
    expect(calendar.workingDaysBefore('2024-06-07', 9)).toBe('2024-05-24');
    expect(calendar.workingDaysBefore('2024-05-28', 1)).toBe('2024-05-24');
    expect(calendar.workingDaysBefore('2024-06-02', 1)).toBe('2024-05-31');
  });

  it('measures working days taken from a request to the day it was sent', () => {
    expect(calendar.workingDaysTaken('2024-05-24', '2024-05-24')).toBe(1);
    expect(calendar.workingDaysTaken('2024-05-24', '2024-05-27')).toBe(1);
    expect(calendar.workingDaysTaken('2024-05-24', '2024-06-07')).toBe(10);
    expect(calendar.workingDaysTaken('2024-05-24', '2024-06-10')).toBe(11);
    expect(calendar.workingDaysTaken('2024-06-01', '2024-06-02')).toBe(0);
    expect(calendar.workingDaysTaken('2024-06-01', '2024-06-03')).toBe(1);
    expect(calendar.workingDaysTaken('2024-06-07', '2024-05-24')).toBe(0);
  });

  it('finds the n-th working day of a month', () => {
    expect(calendar.nthWorkingDayOfMonth('2014-12', 5)).toBe('2014-12-05');
    expect(calendar.nthWorkingDayOfMonth('2015-01', 5)).toBe('2015-01-08');
    expect(calendarFor('scotland').nthWorkingDayOfMonth('2015-01', 5)).toBe('2015-01-09');
    expect(calendar.nthWorkingDayOfMonth('2024-06', 1)).toBe('2024-06-03');
    expect(() => calendar.nthWorkingDayOfMonth('2024-06', 21)).toThrow(/fewer than 21 working days/);
  });

  it('refuses a count that is not a whole number of at least one', () => {
    expect(() => calendar.workingDaysFrom('2024-05-24', 0)).toThrow(RangeError);
    expect(() => calendar.workingDaysFrom('2024-05-24', 1.5)).toThrow(RangeError);
    expect(() => calendar.workingDaysBefore('2024-05-24', -1)).toThrow(RangeError);
  });
});

describe('covered range', () => {
  const calendar = calendarFor('england-and-wales');

  it('covers 2011-01-01 to 2027-12-31 in both divisions (the first cohort: referrals from June 2011)', () => {
    for (const division of DIVISIONS) {
      expect(calendarFor(division).firstDate).toBe('2011-01-01');
      expect(calendarFor(division).lastDate).toBe('2027-12-31');
    }
  });

  it.each(['2010-12-31', '2028-01-01', '1999-06-01'])('refuses %s with the covered range in the message', (date) => {
    expect(() => calendar.isWorkingDay(date)).toThrow(CalendarRangeError);
    expect(() => calendar.isWorkingDay(date)).toThrow(/covers 2011-01-01 to 2027-12-31/);
  });

  it('refuses a count that runs past 2027-12-31 rather than guessing', () => {
    // 20–24 Dec are days 1–5; 27 and 28 Dec are the Christmas and Boxing Day substitutes; 29–31 Dec are days 6–8.
    expect(calendar.workingDaysFrom('2027-12-20', 8)).toBe('2027-12-31');
    expect(() => calendar.workingDaysFrom('2027-12-20', 9)).toThrow(CalendarRangeError);
    expect(() => calendar.workingDaysFrom('2027-12-20', 9)).toThrow(
      /Counting 9 working days from 2027-12-20 runs outside the England and Wales bank-holiday data/,
    );
    expect(() => calendar.workingDaysBefore('2011-01-04', 1)).toThrow(CalendarRangeError);
  });

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '24-05-01', '2024-5-1', '2024/05/01', '', 'yesterday'])(
    'refuses %j as not a real date',
    (date) => {
      expect(() => calendar.isWorkingDay(date)).toThrow(InvalidDateError);
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(calendar.isWorkingDay('2024-02-29')).toBe(true);
  });
});

describe('building calendars', () => {
  it('builds each division once and caches it', () => {
    expect(calendarFor('scotland')).toBe(calendarFor('scotland'));
  });

  it('refuses an unknown division', () => {
    expect(() => calendarFor('northern-ireland' as never)).toThrow(UnknownDivisionError);
  });

  it('builds from other data in the feed shape, covering the years it lists', () => {
    // Prepare
    const feed = {
      'england-and-wales': {
        division: 'england-and-wales',
        events: [
          { title: 'New Year’s Day', date: '2030-01-01', notes: '', bunting: true },
          { title: 'Christmas Day', date: '2031-12-25', notes: '', bunting: true },
        ],
      },
    };
    // Act
    const calendar = createCalendar('england-and-wales', feed);
    // Assess
    expect(calendar.firstDate).toBe('2030-01-01');
    expect(calendar.lastDate).toBe('2031-12-31');
    expect(calendar.workingDaysFrom('2030-01-01', 1)).toBe('2030-01-02');
    expect(calendar.isWorkingDay('2031-12-25')).toBe(false);
  });

  it('refuses data with a year missing in the middle', () => {
    const event = (date: string) => ({ title: 'Holiday', date, notes: '', bunting: true });
    const feed = { scotland: { division: 'scotland', events: [event('2030-01-01'), event('2032-01-01')] } };
    expect(() => createCalendar('scotland', feed)).toThrow(/no holidays in 2031/);
  });

  it('refuses data that is not in the feed shape', () => {
    expect(() => createCalendar('scotland', { scotland: { division: 'scotland', events: [{ date: 'x' }] } })).toThrow(
      /Invalid bank-holiday feed/,
    );
  });
});

describe('working-day properties', () => {
  const day = fc.integer({ min: 0, max: COVERED_DAYS - 60 }).map(dateFromOffset);
  const division = fc.constantFrom(...DIVISIONS);
  const count = fc.integer({ min: 1, max: 30 });

  it('lands on a working day, exactly n working days in, by an independent walk', () => {
    fc.assert(
      fc.property(division, day, count, (d, start, n) => {
        const calendar = calendarFor(d);
        const due = calendar.workingDaysFrom(start, n);
        expect(isWorkingByData(d, due)).toBe(true);
        expect(due).toBe(walkWorkingDays(d, start, n));
        expect(countWorkingDays(d, start, due)).toBe(n);
        expect(calendar.workingDaysTaken(start, due)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the raw data on whether every day is a working day', () => {
    for (const d of DIVISIONS) {
      const calendar = calendarFor(d);
      for (let offset = 0; offset < COVERED_DAYS; offset++) {
        const date = dateFromOffset(offset);
        if (calendar.isWorkingDay(date) !== isWorkingByData(d, date)) throw new Error(`${d} ${date} disagrees`);
      }
    }
  });

  it('counting back n working days from day n+1 returns day one', () => {
    fc.assert(
      fc.property(division, day, count, (d, start, n) => {
        const calendar = calendarFor(d);
        const dayOne = calendar.workingDaysFrom(start, 1);
        expect(calendar.workingDaysBefore(calendar.workingDaysFrom(start, n + 1), n)).toBe(dayOne);
      }),
      { numRuns: 300 },
    );
  });
});
