import ExcelJS from 'exceljs';
import { type Cell, type Grid, textCell } from '../../domain/mail/cells.ts';
import type { XlsxRead } from '../../domain/mail/types.ts';
import { readZip } from './zip.ts';

/**
 * An XLSX attachment as one grid per worksheet (empty sheets left out). Values only: a formula cell is read as
 * its formula text ("=…") and marked, never evaluated and its cached result not trusted; a date cell stays a
 * date; merged cells are read once (at their top-left cell).
 */
export type { XlsxRead };

const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
const MAX_COLUMNS = 50;

export async function xlsxToGrids(data: Buffer, maxRows: number): Promise<XlsxRead> {
  const guard = await readZip(data, { maxTotalBytes: MAX_UNPACKED_BYTES, maxEntries: 2_000, keep: () => true });
  if (!guard.ok) {
    return { ok: false, reason: guard.reason };
  }
  const workbook = new ExcelJS.Workbook();
  // exceljs's types predate Node's generic Buffer.
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const grids: Array<{ sheet: string; grid: Grid }> = [];
  let truncated = false;
  let rowsRead = 0;
  for (const sheet of workbook.worksheets) {
    const grid: Grid = [];
    const lastRow = sheet.rowCount;
    for (let r = 1; r <= lastRow; r++) {
      if (rowsRead >= maxRows) {
        truncated = true;
        break;
      }
      rowsRead++;
      const row = sheet.getRow(r);
      const cells: Cell[] = [];
      const lastColumn = Math.min(row.cellCount, MAX_COLUMNS);
      for (let c = 1; c <= lastColumn; c++) {
        const cell = row.getCell(c);
        const mergedAway = cell.isMerged && cell.master.address !== cell.address;
        cells.push(mergedAway ? { text: '', formula: false } : toCell(cell.value));
      }
      grid.push(cells);
    }
    if (grid.some((row) => row.some((cell) => cell.text !== ''))) {
      grids.push({ sheet: sheet.name, grid });
    }
  }
  return { ok: true, grids, truncated };
}

function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) {
    return { text: '', formula: false };
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { text: '', formula: false }
      : { text: value.toISOString().slice(0, 10), formula: false, date: value };
  }
  if (typeof value === 'number') {
    return { text: String(value), formula: false, number: value };
  }
  if (typeof value === 'boolean') {
    return { text: value ? 'TRUE' : 'FALSE', formula: false };
  }
  if (typeof value === 'string') {
    return textCell(value, true);
  }
  if ('formula' in value && typeof value.formula === 'string') {
    return { text: `=${value.formula}`, formula: true };
  }
  if ('sharedFormula' in value) {
    return { text: `=${value.sharedFormula}`, formula: true };
  }
  if ('richText' in value) {
    return textCell(value.richText.map((part) => part.text).join(''), true);
  }
  if ('hyperlink' in value) {
    return textCell(typeof value.text === 'string' ? value.text : value.hyperlink.replace(/^mailto:/i, ''), true);
  }
  if ('error' in value) {
    return { text: value.error, formula: false };
  }
  return { text: '', formula: false };
}
