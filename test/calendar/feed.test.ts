import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import bankHolidays from '../../data/uk-bank-holidays.json' with { type: 'json' };
import {
  type BankHolidayFeed,
  describeFeedChange,
  mergeBankHolidayFeeds,
  parseBankHolidayFeed,
} from '../../domain/calendar/feed.ts';
import { createCalendar } from '../../domain/calendar/working-days.ts';

const recorded = (): BankHolidayFeed =>
  parseBankHolidayFeed(
    JSON.parse(readFileSync(new URL('../fixtures/calendar/gov-uk-feed-recorded.json', import.meta.url), 'utf8')),
  );
const snapshot = (): BankHolidayFeed => parseBankHolidayFeed(bankHolidays);

describe('merging a fresh GOV.UK feed into the snapshot', () => {
  it('adds the new year and the one-off holiday, moves a moved holiday, and reports each change', () => {
    // Act
    const { merged, changes } = mergeBankHolidayFeeds(snapshot(), recorded());
    // Assess
    const lines = changes.map(describeFeedChange);
    expect(lines.filter((line) => line.includes('2028-'))).toHaveLength(8 + 9);
    expect(lines).toContain('added   england-and-wales 2027-09-20 Fixture one-off bank holiday (not a real holiday)');
    expect(lines).toContain('added   scotland 2027-09-20 Fixture one-off bank holiday (not a real holiday)');
    expect(lines).toContain('added   england-and-wales 2027-06-01 Spring bank holiday');
    expect(lines).toContain(
      'removed england-and-wales 2027-05-31 Spring bank holiday (no longer in the feed for that year)',
    );
    expect(lines).toContain('changed scotland 2026-12-25 Christmas Day: bunting true -> false');
    expect(changes).toHaveLength(17 + 2 + 2 + 1);
    expect(Object.keys(merged)).toEqual(['england-and-wales', 'scotland']);
  });

  it('keeps the years the feed no longer lists', () => {
    const { merged } = mergeBankHolidayFeeds(snapshot(), recorded());
    const dates = merged['england-and-wales']?.events.map((event) => event.date) ?? [];
    expect(dates).toContain('2012-06-04');
    expect(dates).toContain('2020-05-08');
    expect(dates[0]).toBe('2011-01-03');
    expect(dates.at(-1)).toBe('2028-12-26');
    expect([...dates].sort()).toEqual(dates);
  });

  it('ignores the northern-ireland division but keeps the feed shape', () => {
    const { merged } = mergeBankHolidayFeeds(snapshot(), recorded());
    expect(merged['northern-ireland']).toBeUndefined();
    expect(parseBankHolidayFeed(merged)).toEqual(merged);
    expect(merged.scotland?.division).toBe('scotland');
  });

  it('gives calendars that count with the new data and cover 2028', () => {
    // Prepare
    const { merged } = mergeBankHolidayFeeds(snapshot(), recorded());
    // Act
    const england = createCalendar('england-and-wales', merged);
    const scotland = createCalendar('scotland', merged);
    // Assess
    expect(england.lastDate).toBe('2028-12-31');
    expect(england.isWorkingDay('2027-09-20')).toBe(false);
    expect(england.isWorkingDay('2027-05-31')).toBe(true);
    expect(england.isWorkingDay('2027-06-01')).toBe(false);
    expect(scotland.isWorkingDay('2028-01-04')).toBe(false);
    expect(england.isWorkingDay('2028-01-04')).toBe(true);
    expect(england.workingDaysFrom('2027-09-17', 2)).toBe('2027-09-21');
  });

  it('changes nothing when the feed agrees with the snapshot', () => {
    const { merged, changes } = mergeBankHolidayFeeds(snapshot(), snapshot());
    expect(changes).toEqual([]);
    expect(merged).toEqual(snapshot());
  });

  it('keeps a division the feed does not have', () => {
    const onlyScotland = { scotland: recorded().scotland } as BankHolidayFeed;
    const { merged } = mergeBankHolidayFeeds(snapshot(), onlyScotland);
    expect(merged['england-and-wales']).toEqual(snapshot()['england-and-wales']);
  });

  it('is idempotent: merging the same feed twice changes nothing the second time', () => {
    const once = mergeBankHolidayFeeds(snapshot(), recorded()).merged;
    expect(mergeBankHolidayFeeds(once, recorded()).changes).toEqual([]);
  });
});

describe('validating a feed', () => {
  it.each([
    ['not an object', 'nonsense'],
    ['no division we use', { 'northern-ireland': { division: 'northern-ireland', events: [] } }],
    ['a key that differs from its division', { scotland: { division: 'england-and-wales', events: [] } }],
    [
      'a date that is not real',
      { scotland: { division: 'scotland', events: [{ title: 'X', date: '2027-02-30', notes: '', bunting: true }] } },
    ],
    [
      'a date listed twice',
      {
        scotland: {
          division: 'scotland',
          events: [
            { title: 'X', date: '2027-01-01', notes: '', bunting: true },
            { title: 'Y', date: '2027-01-01', notes: '', bunting: true },
          ],
        },
      },
    ],
    ['an event without a title', { scotland: { division: 'scotland', events: [{ date: '2027-01-01' }] } }],
  ])('refuses a feed with %s', (_, feed) => {
    expect(() => parseBankHolidayFeed(feed)).toThrow(/Invalid bank-holiday feed/);
  });

  it('accepts the snapshot in the repository', () => {
    expect(() => parseBankHolidayFeed(bankHolidays)).not.toThrow();
  });
});
