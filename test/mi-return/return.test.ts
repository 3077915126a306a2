import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvToGrid } from '../../adapters/mail-reading/csv-grid.ts';
import { addCalendarDays } from '../../domain/calendar/london.ts';
import type { Division } from '../../domain/calendar/types.ts';
import { calendarFor } from '../../domain/calendar/working-days.ts';
import { PAYMENT_GROUPS, parseJobEntriesCsv } from '../../domain/mi-return/job-entry.ts';
import {
  buildMiReturn,
  MI_RETURN_SUBJECT,
  miReturnEmail,
  miReturnFileName,
  monthsBetween,
  parseMiReturnConfig,
} from '../../domain/mi-return/return.ts';

const fixture = readFileSync(new URL('../fixtures/mi-return/job-entries.csv', import.meta.url), 'utf8');
const { entries } = parseJobEntriesCsv(fixture, csvToGrid);

const build = (reportingMonth: string, extra: { firstMonth?: string; division?: Division } = {}) =>
  buildMiReturn({ entries, reportingMonth, contractNumber: '4001234', providerName: 'Avanta', ...extra });

const figures = (miReturn: ReturnType<typeof build>, sheet: string, month: string) => {
  const row = miReturn.sheets.find((s) => s.name === sheet)?.rows.find((r) => r.month === month);
  return row && [row.firstJobEntries, row.subsequentJobEntries];
};

describe('the return figures', () => {
  const december = build('2014-12');

  it('has the total sheet then one per payment group, rows April 2013 to the reporting month', () => {
    expect(december.sheets.map((s) => s.name)).toEqual([
      'All Payment Groups',
      ...PAYMENT_GROUPS.map((group) => `PG ${group}`),
    ]);
    for (const sheet of december.sheets) {
      expect(sheet.rows.map((r) => r.month)).toEqual(monthsBetween('2013-04', '2014-12'));
    }
    expect(december.sheets[0]?.rows).toHaveLength(21);
  });

  it('counts participants: first and subsequent, once per column per month, under their group', () => {
    expect(figures(december, 'All Payment Groups', '2014-12')).toEqual([4, 2]);
    expect(figures(december, 'PG 6A', '2014-12')).toEqual([1, 1]); // three jobs in December, counted once each way
    expect(figures(december, 'PG 9', '2014-12')).toEqual([0, 1]);
    expect(figures(december, 'PG 9', '2014-11')).toEqual([1, 0]);
    // history before April 2013 makes the April 2013 job subsequent
    expect(figures(december, 'All Payment Groups', '2013-04')).toEqual([0, 1]);
    expect(december.entriesAfterReportingMonth).toBe(1);
  });

  it("each month's total equals the sum of the groups", () => {
    const [total, ...groups] = december.sheets;
    total?.rows.forEach((row, index) => {
      const sum = (pick: 'firstJobEntries' | 'subsequentJobEntries') =>
        groups.reduce((acc, sheet) => acc + (sheet.rows[index]?.[pick] ?? 0), 0);
      expect([row.firstJobEntries, row.subsequentJobEntries]).toEqual([
        sum('firstJobEntries'),
        sum('subsequentJobEntries'),
      ]);
    });
  });

  it('the next month picks up the year-boundary subsequent entry; a later contract start shortens the rows', () => {
    const january = build('2015-01', { firstMonth: '2014-06' });
    expect(january.sheets[0]?.rows.map((r) => r.month)).toEqual(monthsBetween('2014-06', '2015-01'));
    expect(figures(january, 'PG 2', '2015-01')).toEqual([0, 1]);
    expect(figures(january, 'PG 2', '2014-12')).toEqual([1, 0]);
    expect(() => build('2013-03')).toThrow(/before the first month/);
  });

  it('warns when a participant appears in more than one payment group, without the full NINO', () => {
    const miReturn = buildMiReturn({
      entries: [...entries, { ...entries[0], paymentGroup: '2' } as (typeof entries)[number]],
      reportingMonth: '2014-12',
      contractNumber: '4001234',
      providerName: 'Avanta',
    });
    expect(miReturn.warnings).toEqual([expect.stringContaining('AB****56C has job entries in payment groups 1, 2')]);
  });
});

describe('the file name', () => {
  it.each([
    ['4001234', 'Avanta', '2014-12', '4001234 Avanta Dec 14.xlsx'],
    ['4001234', 'Avanta', '2015-01', '4001234 Avanta Jan 15.xlsx'],
    ['4001234', ' Ingeus / Deloitte: North ', '2013-04', '4001234 Ingeus Deloitte North Apr 13.xlsx'],
  ])('%s %j %s -> %j', (contract, provider, month, expected) => {
    expect(miReturnFileName(contract, provider, month)).toBe(expected);
  });

  it('refuses a contract number that is not one', () => {
    expect(() => miReturnFileName('40/01', 'Avanta', '2014-12')).toThrow(/contract number/);
    expect(() => miReturnFileName('4001234', 'Avanta', '2014-13')).toThrow(/YYYY-MM/);
  });
});

/** The 5th working day of the month after `reportingMonth`, counted here day by day from the calendar. */
function fifthWorkingDay(reportingMonth: string, division: Division): { due: string; holidays: string[] } {
  const calendar = calendarFor(division);
  const [year = 0, month = 0] = reportingMonth.split('-').map(Number);
  let date = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const holidays: string[] = [];
  let count = 0;
  for (;;) {
    if (calendar.isWorkingDay(date)) {
      count++;
      if (count === 5) return { due: date, holidays };
    } else if (calendar.holidayName(date)) {
      holidays.push(date);
    }
    date = addCalendarDays(date, 1);
  }
}

describe('the due date: the 5th working day of the following month', () => {
  it.each([
    // January: New Year's Day (and 2 January in Scotland)
    ['2014-12', 'england-and-wales', '2015-01-08'],
    ['2014-12', 'scotland', '2015-01-09'],
    ['2020-12', 'england-and-wales', '2021-01-08'],
    // May: the early May bank holiday
    ['2015-04', 'england-and-wales', '2015-05-08'],
    ['2021-04', 'england-and-wales', '2021-05-10'],
    // August: the summer bank holiday is the first Monday in Scotland, the last in England and Wales
    ['2015-07', 'scotland', '2015-08-10'],
    ['2015-07', 'england-and-wales', '2015-08-07'],
    ['2022-07', 'scotland', '2022-08-08'],
  ] as const)('%s (%s) is due %s', (month, division, expected) => {
    const miReturn = build(month, { division });
    expect(miReturn.due.due).toBe(expected);
    expect(fifthWorkingDay(month, division).due).toBe(expected);
    expect(miReturn.due.explanation.join('\n')).toContain('Day 5');
  });

  it.each([
    ['12', 'england-and-wales'],
    ['04', 'england-and-wales'],
    ['07', 'scotland'],
  ] as const)('every year 2013-2026, month %s (%s): a bank holiday in the first days is skipped', (month, division) => {
    let skipped = 0;
    for (let year = 2013; year <= 2026; year++) {
      const reporting = `${year}-${month}`;
      const counted = fifthWorkingDay(reporting, division);
      const miReturn = buildMiReturn({
        entries: [],
        reportingMonth: reporting,
        contractNumber: '4001234',
        providerName: 'Avanta',
        firstMonth: reporting,
        division,
      });
      expect(miReturn.due.due).toBe(counted.due);
      for (const holiday of counted.holidays) {
        expect(miReturn.due.explanation.join('\n')).toContain(calendarFor(division).holidayName(holiday) ?? '?');
      }
      skipped += counted.holidays.length;
    }
    expect(skipped).toBeGreaterThanOrEqual(13);
  });
});

describe('the email', () => {
  it('goes to the MI returns address, copied to the Performance Manager, titled Job Entry MI Return', () => {
    const config = parseMiReturnConfig({
      contractNumber: '4001234',
      providerName: 'Avanta',
      performanceManagerAddress: 'PM@dwp.example',
      fromAddress: 'mi@provider.example',
      leadContactAddress: 'lead@provider.example',
      deputyAddress: 'deputy@provider.example',
    });
    expect(config.miReturnsAddress).toBe('miprovider.returns@dwp.gsi.gov.uk');
    const email = miReturnEmail(build('2014-12'), config);
    expect(email).toMatchObject({
      from: 'mi@provider.example',
      to: 'miprovider.returns@dwp.gsi.gov.uk',
      cc: 'pm@dwp.example',
      subject: MI_RETURN_SUBJECT,
      attachmentName: '4001234 Avanta Dec 14.xlsx',
    });
    expect(MI_RETURN_SUBJECT).toBe('Job Entry MI Return');
    expect(email.text).toContain('Due Thu 8 Jan 2015');
  });

  it('refuses a configuration without the Performance Manager', () => {
    expect(() => parseMiReturnConfig({ contractNumber: '4001234', providerName: 'Avanta' })).toThrow(
      /performanceManagerAddress/,
    );
  });
});
