import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readXlsx } from '../../adapters/mail-reading/xlsx.ts';
import { xlsxToGrids } from '../../adapters/mail-reading/xlsx-grid.ts';

const LIMITS = { maxUnpackedBytes: 10 * 1024 * 1024, maxEntries: 100 };

/** Cell values as Excel and other tools store them: text (any Unicode, spaces kept), numbers, booleans. */
const value = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }).filter((text) => !/^[=+\-@\t\r]/.test(text)),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
);
const sheetValues = fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

describe('the XLSX reader (fast-xml-parser over yauzl)', () => {
  it('reads back what exceljs writes, value for value and type for type', async () => {
    await fc.assert(
      fc.asyncProperty(sheetValues, async (rows) => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('Form');
        rows.forEach((row, r) => {
          row.forEach((cell, c) => {
            sheet.getCell(r + 1, c + 1).value = cell;
          });
        });
        const book = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()), LIMITS);
        if (!book.ok) throw new Error(book.reason);
        const read = book.sheets[0]?.cells ?? [];
        rows.forEach((row, r) => {
          row.forEach((cell, c) => {
            const found = read.find((x) => x.row === r + 1 && x.column === c + 1);
            const kind = typeof cell === 'string' ? 'text' : typeof cell === 'number' ? 'number' : 'boolean';
            expect(found).toMatchObject({ kind, value: cell, formula: null, hyperlink: false });
          });
        });
      }),
      { numRuns: 40 },
    );
  });

  it('reads what SheetJS writes too (inline and shared strings, another writer)', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['NiNo', 'End Date'],
      ['JT123456A', 45460],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'WPER2E');
    const data = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const read = await xlsxToGrids(data, 100);
    expect(read).toMatchObject({ ok: true, truncated: false });
    if (!read.ok) return;
    expect(read.grids[0]?.grid.map((row) => row.map((cell) => cell.text))).toEqual([
      ['NiNo', 'End Date'],
      ['JT123456A', '45460'],
    ]);
  });

  it('keeps a formula as its text, never its cached result, and reports links and date cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Form');
    sheet.getCell('A1').value = { formula: 'HYPERLINK("http://evil.example","JSA")', result: 'JSA' };
    sheet.getCell('A2').value = { text: 'district', hyperlink: 'mailto:district-spoc@jcp.example' };
    sheet.getCell('A3').value = new Date(Date.UTC(2024, 5, 14));
    sheet.getCell('A3').numFmt = 'dd/mm/yyyy';
    const data = Buffer.from(await workbook.xlsx.writeBuffer());

    const book = await readXlsx(data, LIMITS);
    if (!book.ok) throw new Error(book.reason);
    const [a1, a2, a3] = book.sheets[0]?.cells ?? [];
    expect(a1).toMatchObject({ ref: 'A1', formula: 'HYPERLINK("http://evil.example","JSA")' });
    expect(a2).toMatchObject({ ref: 'A2', kind: 'text', hyperlink: true });
    expect(a3).toMatchObject({ ref: 'A3', kind: 'date', value: new Date('2024-06-14T00:00:00Z') });
    const grids = await xlsxToGrids(data, 100);
    expect(grids.ok && grids.grids[0]?.grid.map((row) => row[0])).toEqual([
      { text: '=HYPERLINK("http://evil.example","JSA")', formula: true },
      { text: 'district', formula: false },
      { text: '2024-06-14', formula: false, date: new Date('2024-06-14T00:00:00Z') },
    ]);
  });
});
