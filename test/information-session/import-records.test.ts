import { describe, expect, it } from 'vitest';
import { csvToGrid } from '../../adapters/mail-reading/csv-grid.ts';
import { parseVisitsCsv } from '../../domain/compliance/visit.ts';
import { parseReferralsCsv } from '../../domain/information-session/referral.ts';
import { parseJobEntriesCsv } from '../../domain/mi-return/job-entry.ts';

/** The three imports read their files the same way (domain/import-records.ts): Excel's encodings and delimiters. */
describe('one CSV reader for the three imports', () => {
  const excel = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');

  it('each reads a Windows-1252 file with semicolons, as Excel saves it in some locales, and UK dates', () => {
    const referrals = parseReferralsCsv(
      excel(
        'NINO;Referral Date;Action Plan Annotation;Caseworker\nJT310101A;30/11/2026;Work Programme Information Session-Voluntary;\n',
      ),
      csvToGrid,
    );
    expect(referrals.referrals.map((r) => r.referral.referralDate)).toEqual(['2026-11-30']);
    const visits = parseVisitsCsv(
      excel(
        'Visit reference;Contract;Visit date;Visit end time;ESF2a reference;Issue\nV-1;CPA 99;30/11/2026;15:00;ESF2a-01;Caf\xe9 attendance sheet missing\n',
      ),
      csvToGrid,
    );
    expect(visits.visits.map((v) => [v.visitDate, v.actions[0]?.issue])).toEqual([
      ['2026-11-30', 'Café attendance sheet missing'],
    ]);
    const entries = parseJobEntriesCsv(excel('NINO;Start date;Payment group\nAB123456C;30/11/2026;1\n'), csvToGrid);
    expect(entries.entries.map((e) => e.startDate)).toEqual(['2026-11-30']);
  });

  it('each numbers rows as the spreadsheet shows them, blank lines counted, and marks formula-like cells', () => {
    const entries = parseJobEntriesCsv(
      'NINO,Start date,Payment group\n\nAB123456C,2026-13-01,1\n=1+1,2026-11-02,1\n',
      csvToGrid,
    );
    expect(entries.rejected.map((r) => r.row)).toEqual([3, 4]);
    expect(entries.flagged).toEqual([expect.objectContaining({ row: 4, column: 'NINO', value: '=1+1' })]);
  });
});
