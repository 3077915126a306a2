import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvToGrid } from '../../adapters/mail-reading/csv-grid.ts';
import {
  classifyJobEntries,
  type JobEntry,
  parseJobEntriesCsv,
  parsePaymentGroup,
} from '../../domain/mi-return/job-entry.ts';
import type { Nino } from '../../domain/nino.ts';

const fixture = readFileSync(new URL('../fixtures/mi-return/job-entries.csv', import.meta.url), 'utf8');

const entry = (nino: string, startDate: string, paymentGroup: JobEntry['paymentGroup'] = '1'): JobEntry => ({
  nino: nino as Nino,
  startDate,
  paymentGroup,
});

describe('parseJobEntriesCsv', () => {
  const result = parseJobEntriesCsv(fixture, csvToGrid);

  it('keeps the good rows, normalising dates and payment groups', () => {
    expect(result.entries).toHaveLength(11);
    expect(result.entries).toContainEqual(entry('JT310007A', '2014-12-15', '6A'));
    expect(result.entries).toContainEqual(entry('MN567890D', '2014-12-10', '3'));
  });

  it('rejects a bad NINO, date, payment group and a repeated row, each with its line and reason', () => {
    expect(result.rejected.map((r) => r.row)).toEqual([12, 13, 14, 15, 16]);
    const reason = (row: number) => result.rejected.find((r) => r.row === row)?.reason ?? '';
    expect(reason(12)).toMatch(/repeats line 11/);
    expect(reason(13)).toMatch(/NINO "TN010180M": temporary reference number/);
    expect(reason(14)).toMatch(/start date "2014-02-30"/);
    expect(reason(15)).toMatch(/payment group "11": expected one of 1, 2, 3, 4, 5, 6A, 6B, 7, 8, 9/);
    expect(reason(16)).toMatch(/formula/);
  });

  it('keeps formula-like cells as text and flags them', () => {
    expect(result.flagged).toEqual([
      expect.objectContaining({ row: 16, column: 'NINO', value: '=HYPERLINK("http://x")' }),
      expect.objectContaining({ row: 17, column: 'Notes', value: '=1+1' }),
    ]);
    // a formula in a column that is not read does not reject the row
    expect(result.entries).toContainEqual(entry('ST789012C', '2014-12-04', '7'));
  });

  it('needs the three columns in the header', () => {
    expect(() => parseJobEntriesCsv('NINO,Start date\nAB123456C,2014-01-01\n', csvToGrid)).toThrow(
      /no Payment group column/,
    );
  });

  it('accepts a BOM, other header spellings, and blank lines', () => {
    const text = '\uFEFFni_number;x\n'.replace(';', ',');
    expect(() => parseJobEntriesCsv(text, csvToGrid)).toThrow(/no Start date, Payment group column in the header/);
    const ok = parseJobEntriesCsv('\uFEFFNI Number,Job start date,PG\n\nab 12 34 56 c,01/02/2014,pg 6b\n', csvToGrid);
    expect(ok).toEqual({ entries: [entry('AB123456C', '2014-02-01', '6B')], rejected: [], flagged: [] });
  });

  it('rejects a start date before the Work Programme began', () => {
    const result = parseJobEntriesCsv(
      'NINO,Start date,Payment group\nAB123456C,31/05/2011,1\nAB123456C,01/06/2011,1\n',
      csvToGrid,
    );
    expect(result.rejected).toEqual([
      { row: 2, reason: 'start date 2011-05-31 is before the Work Programme began (June 2011)' },
    ]);
    expect(result.entries).toEqual([entry('AB123456C', '2011-06-01')]);
  });

  it.each([
    ['6a', '6A'],
    [' PG 9 ', '9'],
    ['Group 2', '2'],
    ['02', '2'],
    ['6', undefined],
    ['10', undefined],
    ['+1', undefined],
  ])('payment group %j -> %j', (input, expected) => {
    expect(parsePaymentGroup(input)).toBe(expected);
  });
});

describe('classifyJobEntries', () => {
  const kinds = (entries: JobEntry[]) =>
    classifyJobEntries(entries).map((e) => `${e.nino} ${e.startDate} ${e.paymentGroup} ${e.kind}`);

  it('first job entry across a year boundary, then subsequent', () => {
    expect(kinds([entry('CE234567A', '2015-01-05', '2'), entry('CE234567A', '2014-12-29', '2')])).toEqual([
      'CE234567A 2014-12-29 2 first',
      'CE234567A 2015-01-05 2 subsequent',
    ]);
  });

  it('first on the last day of a month, subsequent on the first of the next', () => {
    expect(kinds([entry('KL456789B', '2014-12-01'), entry('KL456789B', '2014-11-30')])).toEqual([
      'KL456789B 2014-11-30 1 first',
      'KL456789B 2014-12-01 1 subsequent',
    ]);
  });

  it('several jobs in one month: the earliest is first, the later ones subsequent', () => {
    expect(
      kinds([entry('JT310007A', '2014-12-27'), entry('JT310007A', '2014-12-15'), entry('JT310007A', '2014-12-20')]),
    ).toEqual([
      'JT310007A 2014-12-15 1 first',
      'JT310007A 2014-12-20 1 subsequent',
      'JT310007A 2014-12-27 1 subsequent',
    ]);
  });

  it('two jobs starting the same day as the first are both part of the first job entry', () => {
    expect(kinds([entry('AB123456C', '2014-05-06', '2'), entry('AB123456C', '2014-05-06', '1')])).toEqual([
      'AB123456C 2014-05-06 1 first',
      'AB123456C 2014-05-06 2 first',
    ]);
  });

  it('is independent of input order and of other participants', () => {
    const entries = [
      entry('AB123456C', '2013-03-18'),
      entry('CE234567A', '2013-04-01'),
      entry('AB123456C', '2013-04-02'),
      entry('CE234567A', '2016-01-01'),
    ];
    const reversed = [...entries].reverse();
    expect(classifyJobEntries(reversed)).toEqual(classifyJobEntries(entries));
    expect(kinds(entries)).toEqual([
      'AB123456C 2013-03-18 1 first',
      'CE234567A 2013-04-01 1 first',
      'AB123456C 2013-04-02 1 subsequent',
      'CE234567A 2016-01-01 1 subsequent',
    ]);
  });
});
