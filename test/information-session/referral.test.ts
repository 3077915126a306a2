import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvToGrid } from '../../adapters/mail-reading/csv-grid.ts';
import { mandationFromAnnotation, parseReferralsCsv } from '../../domain/information-session/referral.ts';
import { textCell } from '../../domain/mail/cells.ts';

const FIXTURE = readFileSync(new URL('../fixtures/information-session/prap-referrals.csv', import.meta.url));

describe('mandationFromAnnotation', () => {
  it.each([
    ['Work Programme Information Session-Mandatory', 'mandatory'],
    ['Work Programme Information Session-Voluntary', 'voluntary'],
    ['work programme information session - mandatory', 'mandatory'],
    ['Work Programme Information Session – Voluntary', 'voluntary'],
    ['WORK PROGRAMME INFORMATION SESSION MANDATORY', 'mandatory'],
    ['WP Info Session-Voluntary', 'voluntary'],
    ['Work Programme Information Session (mandated)', 'mandatory'],
    ['Work Programme Information Session', null],
    ['Work Programme Information Session-Mandatory/Voluntary', null],
    ['Work Programme Referral', null],
    ['Mandatory', null],
    ['', null],
  ] as const)('%j → %s', (text, expected) => {
    expect(mandationFromAnnotation(text)).toBe(expected);
  });
});

describe('parseReferralsCsv', () => {
  const result = parseReferralsCsv(FIXTURE, csvToGrid);

  it('reads the good rows of the fixture', () => {
    expect(
      result.referrals.map((r) => [r.row, r.referral.nino, r.referral.referralDate, r.referral.mandation]),
    ).toEqual([
      [2, 'JT310101A', '2024-05-20', 'mandatory'],
      [3, 'JT310102B', '2024-05-20', 'voluntary'],
      [4, 'JT310103C', '2024-05-21', 'voluntary'],
      [5, 'JT310104D', '2024-05-22', 'mandatory'],
      [6, 'JT310105A', '2024-05-22', 'mandatory'],
      [10, 'JT310109A', '2024-05-23', 'voluntary'],
    ]);
    const [first, , third, , fifth] = result.referrals;
    expect(first?.referral).toMatchObject({
      esaGroup: 'esa-ir-wrag-prognosis-over-12-months',
      division: 'england-and-wales',
      scr: false,
      caseworkerEmail: 'is-team@provider.example',
    });
    expect(first?.flags).toEqual([]);
    expect(third?.referral).toMatchObject({ division: 'scotland', esaGroup: 'esa-credits-only' });
    expect(fifth?.referral.scr).toBe(true);
  });

  it('flags a mandatory referral for a group Annex A says cannot be mandated', () => {
    const row = result.referrals.find((r) => r.row === 5);
    expect(row?.mandationCheck.ok).toBe(false);
    expect(row?.flags.join(' ')).toContain('ESA (C) Support Group');
  });

  it('keeps a formula-like cell as text and flags it', () => {
    const row = result.referrals.find((r) => r.row === 10);
    expect(row?.referral.esaGroupText).toContain('=HYPERLINK');
    expect(row?.referral.esaGroup).toBeNull();
    expect(row?.flags.some((f) => f.includes('formula'))).toBe(true);
  });

  it('rejects each bad row with a reason, NINO masked', () => {
    expect(result.rejected.map((r) => r.row)).toEqual([7, 8, 9, 11]);
    const reasons = result.rejected.map((r) => r.reason);
    expect(reasons[0]).toMatch(/temporary reference/);
    expect(reasons[1]).toMatch(/the referral date "31\/02\/2\d+" is not a real date: February 2\d+ has 2[89] days/);
    expect(reasons[2]).toMatch(/neither "Work Programme Information Session-Mandatory"/);
    expect(reasons[3]).toMatch(/same referral .* row 2/);
    for (const reason of reasons) expect(reason).not.toMatch(/JT31010\dA|TN010190M/);
  });

  it('refuses a file without the required columns', () => {
    expect(parseReferralsCsv('NINO,Name\nJT310101A,x\n', csvToGrid).rejected[0]?.reason).toMatch(
      /no Referral Date, Action Plan Annotation column/,
    );
    expect(parseReferralsCsv('a,b\n1,2\n', csvToGrid).rejected[0]?.reason).toMatch(/No header row/);
  });

  it('reads semicolon-separated exports and refuses dates outside the calendar', () => {
    const out = parseReferralsCsv(
      'NINO;Referral date;Annotation\nJT310101A;03/06/2024;Work Programme Information Session-Voluntary\nJT310102B;03/06/2031;Work Programme Information Session-Voluntary\n',
      csvToGrid,
    );
    expect(out.referrals.map((r) => r.referral.referralDate)).toEqual(['2024-06-03']);
    expect(out.rejected[0]?.reason).toMatch(/cannot be counted/);
    const december = parseReferralsCsv(
      'NINO,Referral date,Annotation\nJT310101A,2027-12-20,Work Programme Information Session-Voluntary\n',
      csvToGrid,
    );
    expect(december.rejected[0]?.reason).toMatch(/cannot be counted.*2027-12-31/);
  });

  it('never throws, and every non-blank data row is either read or rejected, once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
        (rows) => {
          const csv = (r: string[]) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(',');
          const out = parseReferralsCsv(['NINO,Referral Date,Annotation', ...rows.map(csv)].join('\n'), csvToGrid);
          const nonBlank = rows.filter((r) => r.some((v) => textCell(v, true).text !== '')).length;
          expect(out.referrals.length + out.rejected.length).toBe(nonBlank);
        },
      ),
    );
  });
});
