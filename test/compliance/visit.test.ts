import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvToGrid } from '../../adapters/mail-reading/csv-grid.ts';
import { parseVisitsCsv } from '../../domain/compliance/visit.ts';

const fixture = readFileSync(new URL('../fixtures/compliance/cmo-visits.csv', import.meta.url), 'utf8');

describe('parseVisitsCsv', () => {
  const result = parseVisitsCsv(fixture, csvToGrid);

  it('groups the ESF2a rows into visits', () => {
    expect(result.visits.map((v) => [v.visitRef, v.division, v.visitDate, v.endsAtLocal, v.actions.length])).toEqual([
      ['V-2014-031', 'england-and-wales', '2014-03-14', '2014-03-14T16:30', 12],
      ['V-2014-044', 'scotland', '2014-01-31', '2014-01-31T11:15', 3],
    ]);
  });

  it('normalises NINOs and keeps provider-level actions without one', () => {
    const [first] = result.visits;
    expect(first?.actions[0]?.nino).toBe('JK100001A');
    expect(first?.actions[10]?.nino).toBeNull();
    expect(first?.actions[7]?.issue).toBe('Attendance sheet lists the wrong date, "12/03"');
  });

  it('rejects bad NINO, bad date, bad time and missing reference, each with a reason and its line', () => {
    expect(result.rejected).toEqual([
      { row: 17, reason: expect.stringMatching(/^bad NINO: temporary reference number/) },
      { row: 18, reason: 'the visit date "2014-02-30" is not a real date: February 2014 has 28 days' },
      { row: 19, reason: expect.stringMatching(/^bad visit end time "25:00"/) },
      { row: 20, reason: 'missing ESF2a reference' },
    ]);
  });

  it('keeps a formula-looking cell as text and flags it', () => {
    const action = result.visits[0]?.actions[11];
    expect(action?.issue).toBe('=HYPERLINK("http://example.invalid","evidence")');
    expect(action?.flags).toEqual(['Issue']);
    expect(result.flagged).toEqual([{ row: 13, column: 'Issue' }]);
  });

  it('refuses a wall-clock end time that happens twice (clocks go back) and one that does not exist', () => {
    const csv = [
      'Visit reference,Contract,Visit date,Visit end time,ESF2a reference,NINO,Issue',
      'V1,C,2024-10-27,01:30,E1,JK100001A,x',
      'V2,C,2024-03-31,01:30,E1,JK100001A,x',
      'V3,C,2024-03-31,16:00,E1,,x',
    ].join('\n');
    const r = parseVisitsCsv(csv, csvToGrid);
    expect(r.rejected.map((x) => x.row)).toEqual([2, 3]);
    expect(r.rejected[0]?.reason).toMatch(/happens twice/);
    expect(r.rejected[1]?.reason).toMatch(/does not exist/);
    expect(r.visits.map((v) => [v.visitRef, v.division])).toEqual([['V3', 'england-and-wales']]);
  });

  it('rejects a row that disagrees with its visit, a repeated reference, and an unknown division', () => {
    const csv = [
      'Visit reference,Contract,Division,Visit date,Visit end time,ESF2a reference,NINO,Issue',
      'V1,C,,2024-05-01,15:00,E1,,a',
      'V1,C,,2024-05-02,15:00,E2,,b',
      'V1,C,,2024-05-01,15:00,E1,,c',
      'V2,C,Northern Ireland,2024-05-01,15:00,E1,,d',
    ].join('\n');
    const r = parseVisitsCsv(csv, csvToGrid);
    expect(r.rejected.map((x) => x.row)).toEqual([3, 4, 5]);
    expect(r.rejected[2]?.reason).toMatch(/unknown division/);
  });

  it('throws when a required column is missing; empty text is no visits', () => {
    expect(() => parseVisitsCsv('Visit reference,Contract\nV1,C', csvToGrid)).toThrow(/Visit date/);
    expect(parseVisitsCsv('', csvToGrid)).toEqual({ visits: [], rejected: [], flagged: [] });
  });
});
