import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { csvToGrid } from '../../adapters/mail-reading/csv-grid.ts';
import {
  buildMiReturnWorkbook,
  checkMiReturnWorkbook,
  composeMiReturnEmail,
  XLSX_CONTENT_TYPE,
} from '../../adapters/mi-return/workbook.ts';
import { PAYMENT_GROUPS, parseJobEntriesCsv } from '../../domain/mi-return/job-entry.ts';
import { buildMiReturn, parseMiReturnConfig } from '../../domain/mi-return/return.ts';

const fixture = readFileSync(new URL('../fixtures/mi-return/job-entries.csv', import.meta.url), 'utf8');
const miReturn = buildMiReturn({
  entries: parseJobEntriesCsv(fixture, csvToGrid).entries,
  reportingMonth: '2014-12',
  contractNumber: '4001234',
  providerName: 'Avanta',
});

/** Read back with SheetJS, a different reader from the one that wrote it (write-excel-file). */
async function readBack(buffer: Buffer) {
  return XLSX.read(buffer, { type: 'buffer', cellFormula: true, cellHTML: false, cellDates: false });
}

describe('the workbook, read back with SheetJS', () => {
  it('has the sheets, the header, a row per month, numbers as numbers, no formulas, no links', async () => {
    const book = await readBack(await buildMiReturnWorkbook(miReturn));
    expect(book.SheetNames).toEqual(['All Payment Groups', ...PAYMENT_GROUPS.map((group) => `PG ${group}`)]);
    for (const name of book.SheetNames) {
      const sheet = book.Sheets[name];
      if (!sheet) throw new Error(name);
      const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true });
      expect(rows[0]).toEqual(['Month', 'First Job Entries', 'Subsequent Job Entries']);
      expect(rows.slice(1).map((row) => row[0])).toEqual(
        [
          'Apr 2013',
          'May 2013',
          'Jun 2013',
          'Jul 2013',
          'Aug 2013',
          'Sep 2013',
          'Oct 2013',
          'Nov 2013',
          'Dec 2013',
        ].concat(
          ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m) => `${m} 2014`),
        ),
      );
      for (const [address, cell] of Object.entries(sheet)) {
        if (address.startsWith('!')) continue;
        const c = cell as XLSX.CellObject;
        expect(c.f, `${name}!${address} formula`).toBeUndefined();
        expect(c.l, `${name}!${address} link`).toBeUndefined();
        const { c: column, r: row } = XLSX.utils.decode_cell(address);
        if (row > 0 && column > 0) {
          expect(c.t, `${name}!${address} type`).toBe('n');
          expect(Number.isInteger(c.v)).toBe(true);
        } else {
          expect(c.t, `${name}!${address} type`).toBe('s');
        }
      }
      expect(XLSX.utils.decode_range(sheet['!ref'] ?? '').e).toEqual({ c: 2, r: 21 });
    }
  });

  it("each month's total equals the sum of the groups, and the figures are the return's", async () => {
    const book = await readBack(await buildMiReturnWorkbook(miReturn));
    const grid = (name: string) =>
      XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name] as XLSX.WorkSheet, { header: 1, raw: true }).slice(1);
    const total = grid('All Payment Groups');
    const groups = PAYMENT_GROUPS.map((group) => grid(`PG ${group}`));
    total.forEach((row, index) => {
      for (const column of [1, 2]) {
        const sum = groups.reduce((acc, sheet) => acc + Number(sheet[index]?.[column]), 0);
        expect(row[column]).toBe(sum);
      }
    });
    expect(total.at(-1)).toEqual(['Dec 2014', 4, 2]);
    expect(grid('PG 6A').at(-1)).toEqual(['Dec 2014', 1, 1]);
  });

  it('is deterministic: the same sheets and figures for the same input, no time of writing in its properties', async () => {
    const first = await readBack(await buildMiReturnWorkbook(miReturn));
    const second = await readBack(await buildMiReturnWorkbook(miReturn));
    expect(first.Props?.CreatedDate).toBeUndefined();
    expect(first.Props?.ModifiedDate).toBeUndefined();
    for (const name of first.SheetNames) {
      expect(XLSX.utils.sheet_to_json(first.Sheets[name] as XLSX.WorkSheet, { header: 1 })).toEqual(
        XLSX.utils.sheet_to_json(second.Sheets[name] as XLSX.WorkSheet, { header: 1 }),
      );
    }
  });
});

describe('composeMiReturnEmail', () => {
  it('attaches the workbook, to the MI returns address, Cc the Performance Manager, not marked private', async () => {
    const config = parseMiReturnConfig({
      contractNumber: '4001234',
      providerName: 'Avanta',
      performanceManagerAddress: 'pm@dwp.example',
      fromAddress: 'mi@provider.example',
      leadContactAddress: 'lead@provider.example',
      deputyAddress: 'deputy@provider.example',
    });
    const workbook = await buildMiReturnWorkbook(miReturn);
    const raw = await composeMiReturnEmail({
      miReturn,
      config,
      workbook,
      date: new Date('2015-01-08T09:00:00Z'),
      messageId: '<mi-2014-12@provider.example>',
    });
    expect(raw.toString('latin1')).not.toMatch(/^(Sensitivity|Importance|X-Priority|Priority):/im);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('Job Entry MI Return');
    expect(mail.from?.text).toBe('mi@provider.example');
    expect((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text).toBe('miprovider.returns@dwp.gsi.gov.uk');
    expect((Array.isArray(mail.cc) ? mail.cc[0] : mail.cc)?.text).toBe('pm@dwp.example');
    expect(mail.messageId).toBe('<mi-2014-12@provider.example>');
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment?.filename).toBe('4001234 Avanta Dec 14.xlsx');
    expect(attachment?.contentType).toBe(XLSX_CONTENT_TYPE);
    expect(attachment?.content.equals(workbook)).toBe(true);
    expect(mail.text).toContain('contract 4001234');
  });
});

describe('checkMiReturnWorkbook', () => {
  it('passes the workbook as built', async () => {
    expect(await checkMiReturnWorkbook(await buildMiReturnWorkbook(miReturn), miReturn)).toEqual([]);
  });

  it('finds a formula, a link, text in a figure cell, a changed figure and a total that is not the sum', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildMiReturnWorkbook(miReturn)) as unknown as ArrayBuffer);
    const total = workbook.getWorksheet('All Payment Groups');
    const group = workbook.getWorksheet('PG 1');
    if (!total || !group) throw new Error('sheets');
    total.getCell('B2').value = { formula: 'SUM(1,0)', result: 1 };
    total.getCell('C3').value = '0';
    group.getCell('A4').value = { text: 'link', hyperlink: 'http://example.invalid/' };
    group.getCell('B22').value = 7;
    const tampered = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const problems = await checkMiReturnWorkbook(tampered, miReturn);
    expect(problems).toEqual(
      expect.arrayContaining([
        'All Payment Groups!B2: a formula',
        'All Payment Groups!B2: not a whole number stored as a number',
        'All Payment Groups!C3: not a whole number stored as a number',
        'PG 1!A4: a link',
        "PG 1 Dec 2014: figures 7, 0 differ from the return's",
        'row 22: total 4 is not the sum of the groups (11)',
      ]),
    );
  });
});
