import { describe, expect, it } from 'vitest';
import { CalendarRangeError, InvalidDateError } from '../../domain/calendar/types.ts';
import { UnknownDivisionError } from '../../domain/calendar/working-days.ts';
import {
  computeDeadline,
  DEADLINE_RULES,
  type DeadlineRuleName,
  UnknownRuleError,
} from '../../domain/deadlines/rules.ts';
import { ReferralDateError } from '../../domain/programme.ts';

type Case = [
  rule: DeadlineRuleName,
  from: string,
  division: 'england-and-wales' | 'scotland',
  due: string,
  dueAt: string,
];

describe('every rule, with explicit expected dates', () => {
  it.each<Case>([
    ['request-expected', '2024-01-01', 'england-and-wales', '2025-12-15', '2025-12-15T23:59:59.999Z'],
    ['request-expected', '2013-06-03', 'scotland', '2015-05-18', '2015-05-18T22:59:59.999Z'],
    ['programme-end', '2024-01-01', 'england-and-wales', '2025-12-29', '2025-12-29T23:59:59.999Z'],
    ['programme-end', '2013-06-03', 'england-and-wales', '2015-06-01', '2015-06-01T22:59:59.999Z'],
    ['exit-report', '2024-05-24', 'england-and-wales', '2024-06-07', '2024-06-07T22:59:59.999Z'],
    ['exit-report', '2024-06-01', 'england-and-wales', '2024-06-14', '2024-06-14T22:59:59.999Z'],
    ['exit-report', '2024-12-30', 'england-and-wales', '2025-01-13', '2025-01-13T23:59:59.999Z'],
    ['escalation', '2024-03-28', 'england-and-wales', '2024-04-09', '2024-04-09T22:59:59.999Z'],
    ['escalation', '2024-04-01', 'england-and-wales', '2024-04-10', '2024-04-10T22:59:59.999Z'],
    ['info-session', '2024-06-01', 'england-and-wales', '2024-06-16', '2024-06-16T22:59:59.999Z'],
    ['info-session', '2024-03-16', 'england-and-wales', '2024-03-31', '2024-03-31T22:59:59.999Z'],
    ['info-session', '2024-10-12', 'scotland', '2024-10-27', '2024-10-27T23:59:59.999Z'],
    ['info-session-cancel', '2024-06-01', 'england-and-wales', '2024-06-22', '2024-06-22T22:59:59.999Z'],
    ['attachment', '2024-06-01', 'england-and-wales', '2024-06-29', '2024-06-29T22:59:59.999Z'],
    ['attachment', '2024-02-01', 'england-and-wales', '2024-02-29', '2024-02-29T23:59:59.999Z'],
    ['evidence-window', '2024-06-12T15:00', 'england-and-wales', '2024-06-14', '2024-06-14T14:00:00.000Z'],
    ['evidence-window', '2024-06-14T23:30:00Z', 'england-and-wales', '2024-06-17', '2024-06-16T23:30:00.000Z'],
    ['esf3-report', '2024-12-20', 'england-and-wales', '2025-01-09', '2025-01-09T23:59:59.999Z'],
    ['esf3-report', '2024-12-20', 'scotland', '2025-01-10', '2025-01-10T23:59:59.999Z'],
    ['provider-action', '2024-01-31', 'england-and-wales', '2024-02-29', '2024-02-29T23:59:59.999Z'],
    ['provider-action', '2025-01-31', 'england-and-wales', '2025-02-28', '2025-02-28T23:59:59.999Z'],
    ['provider-action', '2024-03-15', 'england-and-wales', '2024-04-15', '2024-04-15T22:59:59.999Z'],
    ['mi-return', '2014-11', 'england-and-wales', '2014-12-05', '2014-12-05T23:59:59.999Z'],
    ['mi-return', '2014-12', 'england-and-wales', '2015-01-08', '2015-01-08T23:59:59.999Z'],
    ['mi-return', '2014-12', 'scotland', '2015-01-09', '2015-01-09T23:59:59.999Z'],
    ['retention', '2024-05-24', 'england-and-wales', '2024-08-24', '2024-08-24T22:59:59.999Z'],
    ['retention', '2024-11-30', 'england-and-wales', '2025-02-28', '2025-02-28T23:59:59.999Z'],
    ['ad-hoc-window', '2023-06-15', 'england-and-wales', '2024-06-15', '2024-06-15T22:59:59.999Z'],
    ['ad-hoc-window', '2024-02-29', 'scotland', '2025-02-28', '2025-02-28T23:59:59.999Z'],
  ])('%s from %s (%s) is due %s at %s', (rule, from, division, due, dueAt) => {
    // Act
    const deadline = computeDeadline(rule, from, division);
    // Assess
    expect({ ...deadline, explanation: undefined }).toEqual({ rule, from, division, due, dueAt });
  });

  it('has a case above for every rule', () => {
    expect(DEADLINE_RULES).toHaveLength(13);
  });

  it('defaults to England and Wales', () => {
    expect(computeDeadline('exit-report', '2024-08-01').division).toBe('england-and-wales');
    expect(computeDeadline('exit-report', '2024-08-01').due).toBe('2024-08-14');
  });
});

describe('exit report deadline in England and Wales and in Scotland', () => {
  it.each([
    ['2024-03-28', '2024-04-12', '2024-04-11', 'Easter Monday is a holiday only in England and Wales'],
    ['2024-08-01', '2024-08-14', '2024-08-15', 'the Scottish Summer bank holiday is the first Monday of August'],
    ['2024-12-30', '2025-01-13', '2025-01-14', 'Scotland also has 2 January'],
    ['2024-11-25', '2024-12-06', '2024-12-09', "skips the Scottish St Andrew's Day substitute (Mon 2 Dec 2024)"],
    ['2026-06-10', '2026-06-23', '2026-06-24', 'the 2026 World Cup bank holiday is in Scotland only'],
  ])('from %s is due %s in England and Wales but %s in Scotland: %s', (from, england, scotland) => {
    expect(computeDeadline('exit-report', from, 'england-and-wales').due).toBe(england);
    expect(computeDeadline('exit-report', from, 'scotland').due).toBe(scotland);
  });

  it('differs for the MI return when the Scottish Summer bank holiday falls in the first week', () => {
    expect(computeDeadline('mi-return', '2024-07', 'england-and-wales').due).toBe('2024-08-07');
    expect(computeDeadline('mi-return', '2024-07', 'scotland').due).toBe('2024-08-08');
  });
});

describe('due instants across clock changes', () => {
  it('ends a due day in British Summer Time at 22:59:59.999Z and in GMT at 23:59:59.999Z', () => {
    expect(computeDeadline('exit-report', '2024-05-24').dueAt).toBe('2024-06-07T22:59:59.999Z');
    expect(computeDeadline('exit-report', '2024-12-30').dueAt).toBe('2025-01-13T23:59:59.999Z');
  });

  it('ends the day the clocks go forward in BST and the day they go back in GMT', () => {
    expect(computeDeadline('info-session', '2024-03-16').dueAt).toBe('2024-03-31T22:59:59.999Z');
    expect(computeDeadline('info-session', '2024-10-12').dueAt).toBe('2024-10-27T23:59:59.999Z');
  });

  it('counts 48 elapsed hours across the spring clock change (the London time moves an hour on)', () => {
    // Act
    const deadline = computeDeadline('evidence-window', '2024-03-29T16:30');
    // Assess
    expect(deadline.dueAt).toBe('2024-03-31T16:30:00.000Z');
    expect(deadline.due).toBe('2024-03-31');
    expect(deadline.explanation).toContain(
      '+ 48 hours = Sun 31 Mar 2024 17:30 Europe/London (BST) = 2024-03-31T16:30:00.000Z',
    );
  });

  it('counts 48 elapsed hours across the autumn clock change (the London time moves an hour back)', () => {
    const deadline = computeDeadline('evidence-window', '2024-10-25T17:00');
    expect(deadline.dueAt).toBe('2024-10-27T16:00:00.000Z');
    expect(deadline.due).toBe('2024-10-27');
    expect(deadline.explanation).toContain(
      '+ 48 hours = Sun 27 Oct 2024 16:00 Europe/London (GMT) = 2024-10-27T16:00:00.000Z',
    );
  });

  it('takes an end of visit with an offset as that exact instant', () => {
    expect(computeDeadline('evidence-window', '2024-10-27T01:30+01:00').dueAt).toBe('2024-10-29T00:30:00.000Z');
    expect(computeDeadline('evidence-window', '2024-10-27T01:30Z').dueAt).toBe('2024-10-29T01:30:00.000Z');
  });

  it('refuses an end of visit in the repeated autumn hour without an offset', () => {
    expect(() => computeDeadline('evidence-window', '2024-10-27T01:30')).toThrow(/happens twice/);
  });
});

describe('errors', () => {
  it.each([
    ['exit-report', '2010-12-30'],
    ['exit-report', '2028-01-04'],
    ['mi-return', '2010-11'],
    ['evidence-window', '2028-01-01T10:00'],
  ] as const)('refuses %s from %s, outside the covered years', (rule, from) => {
    expect(() => computeDeadline(rule, from)).toThrow(CalendarRangeError);
    expect(() => computeDeadline(rule, from)).toThrow(/2011-01-01 to 2027-12-31/);
  });

  it.each([
    ['exit-report', '2027-12-24', 'a count that runs past 2027-12-31'],
    ['esf3-report', '2027-12-20', 'a count that runs past 2027-12-31'],
    ['mi-return', '2027-12', 'a due month in 2028'],
  ] as const)('refuses %s from %s: %s', (rule, from, _why) => {
    expect(() => computeDeadline(rule, from)).toThrow(CalendarRangeError);
  });

  it('allows a calendar-day result after 2027, which needs no bank-holiday data', () => {
    expect(computeDeadline('request-expected', '2027-06-01').due).toBe('2029-05-15');
  });

  it('counts calendar days and months from a start the bank-holiday data does not cover', () => {
    // A calendar-day or calendar-month rule counts no working day: its start date needs no holiday data.
    expect(computeDeadline('request-expected', '2028-01-01').due).toBe('2029-12-15');
    expect(computeDeadline('retention', '2028-03-10').due).toBe('2028-06-10');
    expect(computeDeadline('ad-hoc-window', '2028-02-29').due).toBe('2029-02-28');
  });

  it('counts the first cohort: a June 2011 referral, its request in 2013 (the Royal wedding of 2011 is in the data)', () => {
    const expected = computeDeadline('request-expected', '2011-06-20');
    expect(expected.due).toBe('2013-06-03');
    expect(expected.explanation).toContain(
      'Referral date Mon 20 Jun 2011 + 714 calendar days (102 weeks) = Mon 3 Jun 2013',
    );
    const count = computeDeadline('exit-report', '2011-04-28');
    expect(count.due).toBe('2011-05-13');
    expect(count.explanation).toContain('Skipped Fri 29 Apr 2011 (Royal wedding)');
  });

  it.each([
    ['request-expected', '2011-05-31'],
    ['programme-end', '2010-09-01'],
  ] as const)(
    'refuses %s from a referral date (%s) before the Work Programme began, with that reason',
    (rule, from) => {
      expect(() => computeDeadline(rule, from)).toThrow(ReferralDateError);
      expect(() => computeDeadline(rule, from)).toThrow(
        `The referral date ${from} is before the Work Programme began: it took its first referrals on Wed 1 Jun 2011.`,
      );
    },
  );

  it.each([
    ['exit-report', '2024-02-30'],
    ['exit-report', '2024-05'],
    ['mi-return', '2024-05-01'],
    ['mi-return', '2024-13'],
    ['evidence-window', '2024-06-12'],
    ['provider-action', '31/01/2024'],
  ] as const)('refuses %s from %j as an invalid date', (rule, from) => {
    expect(() => computeDeadline(rule, from)).toThrow(InvalidDateError);
  });

  it('refuses an unknown rule, naming the known ones', () => {
    expect(() => computeDeadline('exit-reports' as DeadlineRuleName, '2024-05-24')).toThrow(UnknownRuleError);
    expect(() => computeDeadline('toString' as DeadlineRuleName, '2024-05-24')).toThrow(/exit-report, escalation/);
  });

  it('refuses an unknown division', () => {
    expect(() => computeDeadline('exit-report', '2024-05-24', 'wales' as never)).toThrow(UnknownDivisionError);
  });
});

describe('explanations', () => {
  it('lets a person recount the exit report deadline from 24 May 2024', () => {
    expect(computeDeadline('exit-report', '2024-05-24').explanation).toEqual([
      'Rule exit-report: 10 working days; day one is the request date when it is a working day (England and Wales bank holidays).',
      'Day 1: Fri 24 May 2024 (request date)',
      'Skipped Sat 25 May 2024 – Sun 26 May 2024 (weekend)',
      'Skipped Mon 27 May 2024 (Spring bank holiday)',
      'Day 2: Tue 28 May 2024',
      'Day 3: Wed 29 May 2024',
      'Day 4: Thu 30 May 2024',
      'Day 5: Fri 31 May 2024',
      'Skipped Sat 1 Jun 2024 – Sun 2 Jun 2024 (weekend)',
      'Day 6: Mon 3 Jun 2024',
      'Day 7: Tue 4 Jun 2024',
      'Day 8: Wed 5 Jun 2024',
      'Day 9: Thu 6 Jun 2024',
      'Day 10: Fri 7 Jun 2024 — due by end of day (23:59 Europe/London)',
      'Due Fri 7 Jun 2024: the Exit Report must be received by Jobcentre Plus (CPA 18 ch.10, "Completion and return of the Exit Report" and para 53: "Day one is the date the request was submitted").',
    ]);
  });

  it('says when the start is not a working day and which day is day one', () => {
    const lines = computeDeadline('exit-report', '2024-06-01').explanation;
    expect(lines[1]).toBe('Sat 1 Jun 2024 is not a working day (weekend); day one is Mon 3 Jun 2024');
    expect(lines).toContain('Day 1: Mon 3 Jun 2024 (first working day after the request date)');
  });

  it("names the Scottish holidays it skips, St Andrew's Day substitute included", () => {
    const lines = computeDeadline('exit-report', '2024-11-25', 'scotland').explanation;
    expect(lines[0]).toContain('(Scotland bank holidays)');
    expect(lines).toContain('Skipped Mon 2 Dec 2024 (St Andrew’s Day (substitute day))');
    expect(lines).toContain('Day 10: Mon 9 Dec 2024 — due by end of day (23:59 Europe/London)');
  });

  it('shows the calendar-day sum in days and weeks', () => {
    expect(computeDeadline('request-expected', '2024-01-01').explanation).toEqual([
      'Rule request-expected: referral date + 714 calendar days (102 weeks); the WPER2E (Exit Report request) is expected from Jobcentre Plus (CPA 18 ch.10 para 19).',
      'Referral date Mon 1 Jan 2024 + 714 calendar days (102 weeks) = Mon 15 Dec 2025',
      'Due by end of day Mon 15 Dec 2025 (23:59 Europe/London)',
    ]);
  });

  it('says that a calendar-day deadline on a weekend or holiday is not moved', () => {
    expect(computeDeadline('info-session', '2024-06-01').explanation).toContain(
      'Sun 16 Jun 2024 is not a working day (weekend); calendar days are counted, so the date is not moved.',
    );
    expect(computeDeadline('info-session', '2024-05-12').explanation).toContain(
      'Mon 27 May 2024 is not a working day (Spring bank holiday); calendar days are counted, so the date is not moved.',
    );
  });

  it('says when a month is clamped to its last day', () => {
    expect(computeDeadline('provider-action', '2024-01-31').explanation).toContain(
      'Visit date Wed 31 Jan 2024 + 1 calendar month = Thu 29 Feb 2024 (Feb 2024 has no day 31, so its last day)',
    );
  });

  it('counts the MI return from the 1st of the following month', () => {
    const lines = computeDeadline('mi-return', '2014-12', 'scotland').explanation;
    expect(lines.slice(1, 6)).toEqual([
      'Reporting month Dec 2014: due on the 5th working day of Jan 2015.',
      'Thu 1 Jan 2015 is not a working day (New Year’s Day); day one is Mon 5 Jan 2015',
      'Skipped Thu 1 Jan 2015 (New Year’s Day)',
      'Skipped Fri 2 Jan 2015 (2nd January)',
      'Skipped Sat 3 Jan 2015 – Sun 4 Jan 2015 (weekend)',
    ]);
    expect(lines).toContain('Day 5: Fri 9 Jan 2015 — due by end of day (23:59 Europe/London)');
  });
});

describe('the deadline object', () => {
  it('carries its explanation into JSON, object spread and structuredClone', () => {
    // Prepare
    const deadline = computeDeadline('exit-report', '2024-05-24');
    // Act
    const json = JSON.parse(JSON.stringify(deadline));
    // Assess
    expect(Object.keys(json)).toEqual(['rule', 'from', 'division', 'due', 'dueAt', 'explanation']);
    expect(json.explanation).toHaveLength(15);
    expect({ ...computeDeadline('exit-report', '2024-05-24') }.explanation).toHaveLength(15);
    expect(structuredClone(computeDeadline('exit-report', '2024-05-24')).explanation).toHaveLength(15);
  });

  it('builds the explanation once and lets it be replaced', () => {
    const deadline = computeDeadline('exit-report', '2024-05-24');
    expect(deadline.explanation).toBe(deadline.explanation);
    deadline.explanation = [...deadline.explanation, 'Printed deadline kept.'];
    expect(deadline.explanation.at(-1)).toBe('Printed deadline kept.');
    expect(JSON.parse(JSON.stringify(deadline)).explanation.at(-1)).toBe('Printed deadline kept.');
  });
});
