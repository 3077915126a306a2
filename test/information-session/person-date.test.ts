import { describe, expect, it } from 'vitest';
import { afterToday, beforeStart, readPersonDate } from '../../domain/person-date.ts';

/** The one reader of dates a person types or exports (every command, staff action and import). */
describe('readPersonDate', () => {
  it('reads day-first and ISO dates alike', () => {
    for (const text of ['27/03/2023', '27/3/2023', '27.03.2023', '27-03-2023', '2023-03-27', ' 27 Mar 2023 ']) {
      expect(readPersonDate(text)).toEqual({ ok: true, date: '2023-03-27' });
    }
  });

  it('refuses a date that is not real, saying why, and never rolls it on', () => {
    expect(readPersonDate('2026-02-31')).toEqual({
      ok: false,
      reason: 'the date "2026-02-31" is not a real date: February 2026 has 28 days',
    });
    expect(readPersonDate('29/02/2028', 'session date')).toEqual({ ok: true, date: '2028-02-29' });
    expect(readPersonDate('31/04/2026', 'visit date')).toMatchObject({
      reason: expect.stringMatching(/April 2026 has 30 days/),
    });
    expect(readPersonDate('03/13/2026')).toMatchObject({ reason: expect.stringMatching(/no month 13.*day first/) });
    expect(readPersonDate('next Tuesday')).toMatchObject({
      reason: expect.stringMatching(/like 24\/04\/2026 or 2026-04-24/),
    });
    expect(readPersonDate('')).toMatchObject({ ok: false });
  });

  it('names dates as a person reads them when a fact is in the future or before its case', () => {
    expect(afterToday('2026-12-10', '2026-12-02', 'referral date')).toBe(
      'the referral date Thu 10 Dec 2026 is after today (Wed 2 Dec 2026)',
    );
    expect(afterToday('2026-12-02', '2026-12-02', 'referral date')).toBeNull();
    expect(beforeStart('2026-12-01', '2026-12-10', 'session date', 'referral date')).toBe(
      'the session date Tue 1 Dec 2026 is before the referral date (Thu 10 Dec 2026)',
    );
  });
});
