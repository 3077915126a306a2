// Every deadline in the seeds, as one pure function: computeDeadline(rule, from, division).
// The due date and instant are computed eagerly from the working-day index; the explanation lines are built on
// first read (they cost more than the date itself) but are always there, in the object and in its JSON.
import {
  addMonthsToEpochDay,
  epochDayOf,
  isoDateOf,
  isoInstantOf,
  parseIsoDate,
  parseIsoMonth,
} from '../calendar/dates.ts';
import { endOfDayInLondon, londonEpochDayOf, parseLondonDateTime } from '../calendar/london.ts';
import type { Division, IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import { checkReferralDate } from '../programme.ts';
import {
  explainCalendarDays,
  explainCalendarMonths,
  explainHours,
  explainMonthlyWorkingDay,
  explainWorkingDays,
} from './explain.ts';

export type DeadlineRuleName =
  | 'request-expected'
  | 'programme-end'
  | 'exit-report'
  | 'escalation'
  | 'info-session'
  | 'info-session-cancel'
  | 'attachment'
  | 'evidence-window'
  | 'esf3-report'
  | 'provider-action'
  | 'mi-return'
  | 'retention'
  | 'ad-hoc-window';

export interface Deadline {
  rule: DeadlineRuleName;
  /** The input as given: a date, a 'YYYY-MM' month (mi-return) or a date-time (evidence-window). */
  from: string;
  division: Division;
  /** The due date (Europe/London). */
  due: IsoDate;
  /** The due instant, UTC ISO: the end of the due day in Europe/London, or the exact instant for evidence-window. */
  dueAt: string;
  /** Lines a person can check the count with. */
  explanation: string[];
}

export class UnknownRuleError extends Error {
  override name = 'UnknownRuleError';
}

export type RuleDefinition =
  | { kind: 'working-days'; days: number; fromLabel: string; purpose: string; source: string }
  | { kind: 'calendar-days'; days: number; fromLabel: string; purpose: string; source: string }
  | { kind: 'calendar-months'; months: number; fromLabel: string; purpose: string; source: string }
  | { kind: 'hours'; hours: number; fromLabel: string; purpose: string; source: string }
  | { kind: 'working-day-of-next-month'; n: number; fromLabel: string; purpose: string; source: string };

/** The rule table (docs/deadlines.md explains each line against the seeds). */
export const RULE_DEFINITIONS: Readonly<Record<DeadlineRuleName, RuleDefinition>> = Object.freeze({
  'request-expected': {
    kind: 'calendar-days',
    days: 714,
    fromLabel: 'referral date',
    purpose: 'the WPER2E (Exit Report request) is expected from Jobcentre Plus',
    source: 'CPA 18 ch.10 para 19',
  },
  'programme-end': {
    kind: 'calendar-days',
    days: 728,
    fromLabel: 'referral date',
    purpose: 'the 104 weeks on the Work Programme end',
    source: 'CPA 18 ch.10, 104 weeks',
  },
  'exit-report': {
    kind: 'working-days',
    days: 10,
    fromLabel: 'request date',
    purpose: 'the Exit Report must be received by Jobcentre Plus',
    source:
      'CPA 18 ch.10, "Completion and return of the Exit Report" and para 53: "Day one is the date the request was submitted"',
  },
  escalation: {
    kind: 'working-days',
    days: 7,
    fromLabel: 'WPER3 reminder date',
    purpose: 'without a reply, Jobcentre Plus escalates to the Performance Manager',
    source: 'memo 115, "Exit Report not received"',
  },
  'info-session': {
    kind: 'calendar-days',
    days: 15,
    fromLabel: 'Information Session referral date',
    purpose: 'the Information Session must be completed',
    source: 'ch.19',
  },
  'info-session-cancel': {
    kind: 'calendar-days',
    days: 21,
    fromLabel: 'Information Session referral date',
    purpose: "the WP11 is awaited; without it the referral is cancelled on PRaP as 'Did Not Start'",
    source: 'ch.19 paras 7, 13',
  },
  attachment: {
    kind: 'calendar-days',
    days: 28,
    fromLabel: 'Information Session referral date',
    purpose: 'attachment activity must be done',
    source: 'ch.19',
  },
  'evidence-window': {
    kind: 'hours',
    hours: 48,
    fromLabel: 'end of the CMO visit',
    purpose: "the '48-Hour Additional Evidence period' ends",
    source: 'memo 147 step 2',
  },
  'esf3-report': {
    kind: 'working-days',
    days: 12,
    fromLabel: 'visit date',
    purpose: 'the CMO issues the ESF3 report',
    source: 'memo 147 step 4',
  },
  'provider-action': {
    kind: 'calendar-months',
    months: 1,
    fromLabel: 'visit date',
    purpose: "the 'One Calendar Month' provider action period ends",
    source: 'memo 147 step 1',
  },
  'mi-return': {
    kind: 'working-day-of-next-month',
    n: 5,
    fromLabel: 'reporting month',
    purpose: 'the job entry MI return is sent',
    source: 'memo 176 para 2',
  },
  retention: {
    kind: 'calendar-months',
    months: 3,
    fromLabel: 'date sent',
    purpose: 'the copy and the record of sending may be disposed of (kept for three months)',
    source: 'CPA 18 ch.10 paras 65, 73',
  },
  'ad-hoc-window': {
    kind: 'calendar-months',
    months: 12,
    fromLabel: 'programme completion date',
    purpose: 'ad hoc Exit Report requests may be made until',
    source: 'CPA 18 ch.10 para 84',
  },
});

export const DEADLINE_RULES: readonly DeadlineRuleName[] = Object.freeze(
  Object.keys(RULE_DEFINITIONS) as DeadlineRuleName[],
);

export function isDeadlineRule(value: unknown): value is DeadlineRuleName {
  return typeof value === 'string' && Object.hasOwn(RULE_DEFINITIONS, value);
}

/** The rules counted from a Work Programme referral date: one before the programme began is refused. */
const COUNTED_FROM_REFERRAL: ReadonlySet<DeadlineRuleName> = new Set(['request-expected', 'programme-end']);

const EXPLAIN = Symbol('explain');
type Lazy = { [EXPLAIN]: (() => string[]) | string[] };

/**
 * `explanation` is an own, enumerable accessor shared by all deadlines: the lines are built on first read and
 * kept. Because it is an own enumerable property of a plain object, JSON.stringify, object spread, structuredClone
 * and DynamoDB marshalling all see it (they read it, which builds it); only code that never reads it skips the cost.
 */
const explanationProperty: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Lazy): string[] {
    const state = this[EXPLAIN];
    if (typeof state !== 'function') return state;
    const lines = state();
    this[EXPLAIN] = lines;
    return lines;
  },
  set(this: Lazy, lines: string[]) {
    this[EXPLAIN] = lines;
  },
};
const explainState: PropertyDescriptor = { writable: true, enumerable: false, configurable: false, value: undefined };

function makeDeadline(
  rule: DeadlineRuleName,
  from: string,
  division: Division,
  due: IsoDate,
  dueAt: string,
  explain: () => string[],
): Deadline {
  const deadline = { rule, from, division, due, dueAt } as Deadline;
  explainState.value = explain;
  Object.defineProperty(deadline, EXPLAIN, explainState);
  explainState.value = undefined;
  Object.defineProperty(deadline, 'explanation', explanationProperty);
  return deadline;
}

/**
 * The deadline of a rule counted from a date (or month, or date-time), in a division's calendar
 * (default england-and-wales). Throws UnknownRuleError, InvalidDateError, UnknownDivisionError, ReferralDateError
 * (a referral date before the Work Programme began), or CalendarRangeError when a working-day count (its start or
 * its end) is outside the covered years; a calendar-day or calendar-month rule needs no bank-holiday data.
 */
export function computeDeadline(
  rule: DeadlineRuleName,
  from: string,
  division: Division = 'england-and-wales',
): Deadline {
  if (!isDeadlineRule(rule)) {
    throw new UnknownRuleError(`Unknown rule ${JSON.stringify(rule)}: expected one of ${DEADLINE_RULES.join(', ')}`);
  }
  const definition = RULE_DEFINITIONS[rule];
  const calendar = calendarFor(division);
  switch (definition.kind) {
    case 'working-days': {
      const start = calendar.indexOf(from, `${definition.fromLabel} (from)`);
      const dueIndex = calendar.workingDayIndexFrom(start, definition.days);
      const due = calendar.isoAt(dueIndex);
      return makeDeadline(rule, from, division, due, endOfDayInLondon(due), () =>
        explainWorkingDays(rule, definition, calendar, start, dueIndex),
      );
    }
    // Calendar days and months count no working day: the start needs no bank-holiday data (a 2011 referral is
    // counted although its year is the first the data lists; the due date is checked against it only to note a
    // holiday, when covered).
    case 'calendar-days': {
      const startDay = parseIsoDate(from, `${definition.fromLabel} (from)`);
      if (COUNTED_FROM_REFERRAL.has(rule)) checkReferralDate(from);
      const dueDay = startDay + definition.days;
      const due = isoDateOf(dueDay);
      return makeDeadline(rule, from, division, due, endOfDayInLondon(due), () =>
        explainCalendarDays(rule, definition, calendar, startDay, dueDay),
      );
    }
    case 'calendar-months': {
      const startDay = parseIsoDate(from, `${definition.fromLabel} (from)`);
      const result = addMonthsToEpochDay(startDay, definition.months);
      const due = isoDateOf(result.epochDay);
      return makeDeadline(rule, from, division, due, endOfDayInLondon(due), () =>
        explainCalendarMonths(rule, definition, calendar, startDay, result.epochDay, result.clamped),
      );
    }
    case 'working-day-of-next-month': {
      const { year, month } = parseIsoMonth(from, `${definition.fromLabel} (from, YYYY-MM)`);
      const first = calendar.indexOfEpochDay(epochDayOf(year, month, 1), from);
      const next = addMonthsToEpochDay(calendar.firstEpochDay + first, 1).epochDay;
      const start = calendar.indexOfEpochDay(next);
      const dueIndex = calendar.workingDayIndexFrom(start, definition.n);
      const due = calendar.isoAt(dueIndex);
      return makeDeadline(rule, from, division, due, endOfDayInLondon(due), () =>
        explainMonthlyWorkingDay(rule, definition, calendar, { year, month }, start, dueIndex),
      );
    }
    case 'hours': {
      const startMs = parseLondonDateTime(from, `${definition.fromLabel} (from)`);
      calendar.indexOfEpochDay(londonEpochDayOf(startMs), from);
      const dueMs = startMs + definition.hours * 3_600_000;
      const dueAt = isoInstantOf(dueMs);
      return makeDeadline(rule, from, division, isoDateOf(londonEpochDayOf(dueMs)), dueAt, () =>
        explainHours(rule, definition, calendar, startMs, dueMs),
      );
    }
  }
}
