import { type Cell, type Grid, textCell } from '../../domain/mail/cells.ts';
import type { XlsxRead } from '../../domain/mail/types.ts';
import { readXlsx, type XlsxCell } from './xlsx.ts';

/**
 * An XLSX attachment as one grid per worksheet (empty sheets left out). Values only: a formula cell is read as
 * its formula text ("=…") and marked, never evaluated and its cached result not trusted; a date cell stays a
 * date; merged cells are read once (at their top-left cell).
 */
export type { XlsxRead };

const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
const MAX_COLUMNS = 50;

export async function xlsxToGrids(data: Buffer, maxRows: number): Promise<XlsxRead> {
  const book = await readXlsx(data, { maxUnpackedBytes: MAX_UNPACKED_BYTES, maxEntries: 2_000 });
  if (!book.ok) return book;
  const grids: Array<{ sheet: string; grid: Grid }> = [];
  let truncated = false;
  let rowsRead = 0;
  for (const sheet of book.sheets) {
    const mergedAway = new Set(sheet.merged.flatMap((range) => cellsOf(range).slice(1)));
    const byRow = new Map<number, XlsxCell[]>();
    for (const cell of sheet.cells) {
      if (cell.column < 1 || cell.column > MAX_COLUMNS) continue;
      byRow.set(cell.row, [...(byRow.get(cell.row) ?? []), cell]);
    }
    const grid: Grid = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      if (rowsRead >= maxRows) {
        truncated = true;
        break;
      }
      rowsRead++;
      const present = byRow.get(r) ?? [];
      const last = present.reduce((max, cell) => Math.max(max, cell.column), 0);
      const cells: Cell[] = Array.from({ length: last }, () => ({ text: '', formula: false }));
      for (const cell of present) {
        cells[cell.column - 1] = mergedAway.has(`${cell.row}:${cell.column}`)
          ? { text: '', formula: false }
          : toCell(cell);
      }
      grid.push(cells);
    }
    if (grid.some((row) => row.some((cell) => cell.text !== ''))) {
      grids.push({ sheet: sheet.name, grid });
    }
  }
  return { ok: true, grids, truncated };
}

function toCell(cell: XlsxCell): Cell {
  if (cell.formula !== null) return { text: `=${cell.formula}`, formula: true };
  switch (cell.kind) {
    case 'empty':
      return { text: '', formula: false };
    case 'date':
      return Number.isNaN(cell.value.getTime())
        ? { text: '', formula: false }
        : { text: cell.value.toISOString().slice(0, 10), formula: false, date: cell.value };
    case 'number':
      return { text: String(cell.value), formula: false, number: cell.value };
    case 'boolean':
      return { text: cell.value ? 'TRUE' : 'FALSE', formula: false };
    case 'error':
      return { text: cell.value, formula: false };
    case 'text':
      return textCell(cell.hyperlink ? cell.value.replace(/^mailto:/i, '') : cell.value, true);
  }
}

/** "A1:C2" → the cells it covers as "row:column", top-left first (bounded: a merge is never huge). */
function cellsOf(range: string): string[] {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/i.exec(range);
  if (!match) return [];
  const column = (letters: string) => [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const [r1, c1, r2, c2] = [Number(match[2]), column(match[1] as string), Number(match[4]), column(match[3] as string)];
  const cells: string[] = [];
  for (let r = r1; r <= Math.min(r2, r1 + 1_000); r++) {
    for (let c = c1; c <= Math.min(c2, MAX_COLUMNS); c++) cells.push(`${r}:${c}`);
  }
  return cells;
}
