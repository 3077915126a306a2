import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInstantOf } from '../../domain/calendar/dates.ts';
import {
  addCalendarDays,
  addCalendarMonths,
  endOfDayInLondon,
  formatLongDate,
  londonDateOf,
  londonInstant,
  parseLondonDateTime,
} from '../../domain/calendar/london.ts';
import { InvalidDateError } from '../../domain/calendar/types.ts';

describe('end of a London day', () => {
  it.each([
    ['2024-06-14', '2024-06-14T22:59:59.999Z', 'British Summer Time'],
    ['2024-01-15', '2024-01-15T23:59:59.999Z', 'Greenwich Mean Time'],
    ['2024-03-31', '2024-03-31T22:59:59.999Z', 'the clocks went forward at 01:00 that morning'],
    ['2024-03-30', '2024-03-30T23:59:59.999Z', 'the day before the clocks went forward'],
    ['2024-10-27', '2024-10-27T23:59:59.999Z', 'the clocks went back at 02:00 that morning'],
    ['2024-10-26', '2024-10-26T22:59:59.999Z', 'the day before the clocks went back'],
    ['2012-12-31', '2012-12-31T23:59:59.999Z', 'new year’s eve'],
  ])('ends %s at %s (%s)', (date, expected) => {
    expect(endOfDayInLondon(date)).toBe(expected);
  });

  it('is the last millisecond before the next London day begins', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6000 }), (offset) => {
        const date = addCalendarDays('2012-01-01', offset);
        const end = Date.parse(endOfDayInLondon(date));
        expect(londonDateOf(new Date(end))).toBe(date);
        expect(londonDateOf(new Date(end + 1))).toBe(addCalendarDays(date, 1));
      }),
    );
  });
});

describe('London wall-clock times', () => {
  it.each([
    ['2024-06-14', '09:00', '2024-06-14T08:00:00.000Z'],
    ['2024-01-15', '09:00', '2024-01-15T09:00:00.000Z'],
    ['2024-03-31', '00:30', '2024-03-31T00:30:00.000Z'],
    ['2024-03-31', '02:00', '2024-03-31T01:00:00.000Z'],
    ['2024-10-27', '01:30', '2024-10-27T00:30:00.000Z'],
    ['2024-10-27', '02:00', '2024-10-27T02:00:00.000Z'],
  ])('reads %s %s as %s', (date, time, expected) => {
    expect(londonInstant(date, time)).toBe(expected);
  });

  it('refuses a time that does not exist because the clocks go forward', () => {
    expect(() => londonInstant('2024-03-31', '01:30')).toThrow(/does not exist in Europe\/London/);
  });

  it.each(['9:00', '24:00', '12:60', 'noon'])('refuses the time %j', (time) => {
    expect(() => londonInstant('2024-06-14', time)).toThrow(InvalidDateError);
  });

  it.each([
    ['2024-06-14T23:30:00Z', '2024-06-15'],
    ['2024-01-14T23:30:00Z', '2024-01-14'],
    ['2024-06-14T23:30:00+01:00', '2024-06-14'],
    ['2024-10-27T00:30:00.000Z', '2024-10-27'],
  ])('dates the instant %s on %s in London', (instant, date) => {
    expect(londonDateOf(instant)).toBe(date);
    expect(londonDateOf(new Date(instant))).toBe(date);
  });

  it('refuses an instant without a zone rather than guess one', () => {
    expect(() => londonDateOf('2024-06-14T23:30:00')).toThrow(InvalidDateError);
    expect(() => londonDateOf(new Date(Number.NaN))).toThrow(InvalidDateError);
  });

  it('reads a date-time without an offset as London time, and refuses the repeated autumn hour', () => {
    expect(new Date(parseLondonDateTime('2024-06-14T16:30')).toISOString()).toBe('2024-06-14T15:30:00.000Z');
    expect(new Date(parseLondonDateTime('2024-01-14T16:30:15')).toISOString()).toBe('2024-01-14T16:30:15.000Z');
    expect(new Date(parseLondonDateTime('2024-10-27T01:30+01:00')).toISOString()).toBe('2024-10-27T00:30:00.000Z');
    expect(() => parseLondonDateTime('2024-10-27T01:30')).toThrow(/happens twice/);
    expect(() => parseLondonDateTime('2024-03-31T01:30')).toThrow(/does not exist/);
    expect(() => parseLondonDateTime('2024-06-14 16:30')).toThrow(InvalidDateError);
    expect(() => parseLondonDateTime('2024-02-30T10:00')).toThrow(InvalidDateError);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2024-01-01', 714, '2025-12-15'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29', 'leap year'],
    ['2023-01-31', 1, '2023-02-28', 'common year'],
    ['2024-03-31', 1, '2024-04-30', '30-day month'],
    ['2024-01-15', 1, '2024-02-15', 'same day'],
    ['2024-11-30', 3, '2025-02-28', 'across a year end'],
    ['2024-02-29', 12, '2025-02-28', 'leap day a year on'],
    ['2023-12-31', 2, '2024-02-29', 'clamped into a leap February'],
    ['2024-05-31', -1, '2024-04-30', 'backwards'],
  ])('%s + %i months = %s (%s)', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-06-03', 'Mon 3 Jun 2024'],
    ['2012-06-05', 'Tue 5 Jun 2012'],
    ['2027-12-31', 'Fri 31 Dec 2027'],
  ])('writes %s as %s', (date, expected) => {
    expect(formatLongDate(date)).toBe(expected);
  });

  it('agrees with Date on every day of 2012–2030', () => {
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    for (let offset = 0; offset < 6940; offset++) {
      const date = addCalendarDays('2012-01-01', offset);
      const reference = new Date(Date.UTC(2012, 0, 1 + offset));
      if (date !== reference.toISOString().slice(0, 10)) throw new Error(`${date} differs`);
      if (!formatLongDate(date).startsWith(`${days[reference.getUTCDay()]} ${reference.getUTCDate()} `)) {
        throw new Error(`${formatLongDate(date)} differs`);
      }
    }
  });
});

describe('UTC timestamps', () => {
  it('writes instants exactly as Date#toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(isoInstantOf(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
    expect(isoInstantOf(Date.UTC(2024, 5, 14, 22, 59, 59, 999))).toBe('2024-06-14T22:59:59.999Z');
    expect(isoInstantOf(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
