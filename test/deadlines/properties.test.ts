import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLongDate, londonDateOf } from '../../domain/calendar/london.ts';
import { DIVISIONS, type Division } from '../../domain/calendar/types.ts';
import { computeDeadline, RULE_DEFINITIONS } from '../../domain/deadlines/rules.ts';
import { FIRST_REFERRAL_DATE } from '../../domain/programme.ts';
import {
  COVERED_DAYS,
  countWorkingDays,
  dateFromOffset,
  holidaySet,
  isWeekendDate,
  isWorkingByData,
  shiftDays,
  walkWorkingDays,
} from '../calendar/reference.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Fri 24 May 2024' → '2024-05-24', read independently of the code under test. */
function isoFromLong(text: string): string {
  const match = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(text);
  if (!match) throw new Error(`not a long date: ${text}`);
  const [, , day, month, year] = match;
  const iso = `${year}-${String(MONTHS.indexOf(month as string) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  expect(formatLongDate(iso)).toBe(text);
  return iso;
}

const DAY_LINE = /^Day (\d+): ([A-Za-z]{3} \d{1,2} [A-Za-z]{3} \d{4})/;
const SKIPPED_LINE =
  /^Skipped ([A-Za-z]{3} \d{1,2} [A-Za-z]{3} \d{4})(?: – ([A-Za-z]{3} \d{1,2} [A-Za-z]{3} \d{4}))? \((.+)\)$/;

/** Checks the Day and Skipped lines against the result and the raw data; returns the days they account for. */
function checkCountLines(division: Division, lines: string[], n: number, due: string): string[] {
  const accounted: string[] = [];
  const dayNumbers: number[] = [];
  let lastDayDate = '';
  for (const line of lines) {
    const day = DAY_LINE.exec(line);
    if (day) {
      dayNumbers.push(Number(day[1]));
      lastDayDate = isoFromLong(day[2] as string);
      expect(isWorkingByData(division, lastDayDate)).toBe(true);
      accounted.push(lastDayDate);
      continue;
    }
    const skipped = SKIPPED_LINE.exec(line);
    if (skipped) {
      const first = isoFromLong(skipped[1] as string);
      const last = skipped[2] ? isoFromLong(skipped[2]) : first;
      for (let date = first; date <= last; date = shiftDays(date, 1)) {
        // Every skipped date is a weekend day or a bank holiday of the division.
        expect(isWeekendDate(date) || holidaySet(division).has(date)).toBe(true);
        expect(skipped[3] === 'weekend').toBe(isWeekendDate(date));
        accounted.push(date);
      }
    }
  }
  // The Day lines count 1..N in order, and the last one names the due date.
  expect(dayNumbers).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  expect(lastDayDate).toBe(due);
  expect(lines.find((line) => line.startsWith(`Day ${n}: `))).toMatch(/— due by end of day \(23:59 Europe\/London\)$/);
  return accounted;
}

const division = fc.constantFrom(...DIVISIONS);
const startDate = fc.integer({ min: 0, max: COVERED_DAYS - 40 }).map(dateFromOffset);
const workingDayRule = fc.constantFrom('exit-report', 'escalation', 'esf3-report' as const);

describe('working-day deadlines (properties)', () => {
  it('fall on a working day, exactly N working days in, and the explanation agrees', () => {
    fc.assert(
      fc.property(workingDayRule, startDate, division, (rule, from, d) => {
        // Act
        const deadline = computeDeadline(rule, from, d);
        // Assess
        const definition = RULE_DEFINITIONS[rule];
        if (definition.kind !== 'working-days') throw new Error('not a working-day rule');
        const n = definition.days;
        expect(isWorkingByData(d, deadline.due)).toBe(true);
        expect(deadline.due).toBe(walkWorkingDays(d, from, n));
        expect(countWorkingDays(d, from, deadline.due)).toBe(n);
        const accounted = checkCountLines(d, deadline.explanation, n, deadline.due);
        // Every calendar day from the start to the due date is accounted for exactly once.
        const expected: string[] = [];
        for (let date = from; date <= deadline.due; date = shiftDays(date, 1)) expected.push(date);
        expect(accounted).toEqual(expected);
        // The 'not a working day' line appears exactly when the start is not a working day.
        expect(deadline.explanation.some((line) => line.includes('is not a working day'))).toBe(
          !isWorkingByData(d, from),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('are due at the last millisecond of the due day in London', () => {
    fc.assert(
      fc.property(workingDayRule, startDate, division, (rule, from, d) => {
        const { due, dueAt } = computeDeadline(rule, from, d);
        expect(londonDateOf(dueAt)).toBe(due);
        expect(londonDateOf(new Date(Date.parse(dueAt) + 1))).toBe(shiftDays(due, 1));
        expect(dueAt).toMatch(/T2[23]:59:59\.999Z$/);
      }),
    );
  });
});

describe('MI return (properties)', () => {
  it('is the 5th working day of the next month, counted in the explanation', () => {
    const month = fc
      .record({ year: fc.integer({ min: 2011, max: 2027 }), month: fc.integer({ min: 1, max: 12 }) })
      .filter(({ year, month }) => !(year === 2027 && month === 12))
      .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);
    fc.assert(
      fc.property(month, division, (from, d) => {
        const deadline = computeDeadline('mi-return', from, d);
        const [year, m] = from.split('-').map(Number) as [number, number];
        const firstOfNext = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
        expect(deadline.due).toBe(walkWorkingDays(d, firstOfNext, 5));
        expect(deadline.due.slice(0, 7)).toBe(firstOfNext.slice(0, 7));
        checkCountLines(d, deadline.explanation, 5, deadline.due);
      }),
      { numRuns: 200 },
    );
  });
});

describe('calendar deadlines (properties)', () => {
  const dayRules = fc.constantFrom(
    'request-expected',
    'programme-end',
    'info-session',
    'info-session-cancel',
    'attachment' as const,
  );
  const monthRules = fc.constantFrom('provider-action', 'retention', 'ad-hoc-window' as const);

  it('add exactly the rule’s calendar days, whatever the day of the week', () => {
    fc.assert(
      fc.property(dayRules, startDate, division, (rule, from, d) => {
        const definition = RULE_DEFINITIONS[rule];
        if (definition.kind !== 'calendar-days') throw new Error('not a calendar-day rule');
        // A referral date is at the earliest the programme's first day (tested in rules.test.ts).
        fc.pre(definition.fromLabel !== 'referral date' || from >= FIRST_REFERRAL_DATE);
        const deadline = computeDeadline(rule, from, d);
        expect(deadline.due).toBe(shiftDays(from, definition.days));
        expect(deadline.explanation.at(-1)).toBe(
          `Due by end of day ${formatLongDate(deadline.due)} (23:59 Europe/London)`,
        );
      }),
    );
  });

  it('add calendar months, keeping the day of the month or clamping to the month’s last day', () => {
    fc.assert(
      fc.property(monthRules, startDate, division, (rule, from, d) => {
        const definition = RULE_DEFINITIONS[rule];
        if (definition.kind !== 'calendar-months') throw new Error('not a calendar-month rule');
        const deadline = computeDeadline(rule, from, d);
        const [y, m, day] = from.split('-').map(Number) as [number, number, number];
        const target = new Date(Date.UTC(y, m - 1 + definition.months, 1));
        const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
        const expected = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, last)));
        expect(deadline.due).toBe(expected.toISOString().slice(0, 10));
      }),
    );
  });

  it('give the evidence window exactly 48 elapsed hours', () => {
    const instant = fc.integer({ min: Date.UTC(2012, 0, 2), max: Date.UTC(2027, 11, 29) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, division, (at, d) => {
        const deadline = computeDeadline('evidence-window', at.toISOString(), d);
        expect(Date.parse(deadline.dueAt) - at.getTime()).toBe(48 * 3_600_000);
        expect(deadline.due).toBe(londonDateOf(deadline.dueAt));
      }),
    );
  });
});
