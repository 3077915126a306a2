import type { Cell } from './mail/cells.ts';
import type { CsvReader } from './mail/types.ts';

/**
 * The one reader of the three imports' CSV files (PRaP referrals, CMO visits, job entries): the file read as
 * Excel writes it (UTF-8 with a BOM, UTF-16 or Windows-1252; comma, semicolon or tab) by the CSV reader the caller
 * hands in (adapters/mail-reading/csv-grid.ts, the one that reads mailed CSV forms), its header row found and
 * mapped to the importer's columns, and each data row numbered as a spreadsheet shows it. Every cell is text; one
 * that looks like a formula is marked, never evaluated. Each importer only says which header labels name which
 * column, and reads its rows.
 */
export interface RecordsSpec<C extends string> {
  /** The column a header label names (case, spacing and punctuation as the importer allows), or null. */
  columnOf(label: string): C | null;
  required: readonly C[];
  maxRows: number;
}

export interface ImportRow<C extends string> {
  /** The line in the file, the first being 1. */
  row: number;
  cells: Cell[];
  /** The row's cell in a column (empty when the column is absent or the row short). */
  cell(column: C): Cell;
}

export type ImportRecords<C extends string> =
  | {
      ok: true;
      /** The header row's labels as written. */
      header: string[];
      columns: Partial<Record<C, number>>;
      rows: ImportRow<C>[];
      /** More rows than `maxRows`: the rest were not read. */
      truncated: boolean;
    }
  /** No header row naming the required columns: nothing read. `missing` lists them; `header` is the first row. */
  | { ok: false; row: number; missing: C[]; header: string[] };

const EMPTY: Cell = { text: '', formula: false };

/** The file's bytes, or its text as a string (read as UTF-8). */
export type ImportFile = string | Uint8Array;

export function readImportRecords<C extends string>(
  data: ImportFile,
  readCsv: CsvReader,
  spec: RecordsSpec<C>,
): ImportRecords<C> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const { grid, truncated } = readCsv(bytes, spec.maxRows);
  const nonBlank = (cells: Cell[]) => cells.some((cell) => cell.text !== '');
  const headerIndex = grid.findIndex((cells) => cells.some((cell) => spec.columnOf(cell.text) !== null));
  if (headerIndex < 0) {
    const first = grid.findIndex(nonBlank);
    if (first < 0) return { ok: true, header: [], columns: {}, rows: [], truncated: false };
    return { ok: false, row: first + 1, missing: [...spec.required], header: (grid[first] ?? []).map((c) => c.text) };
  }
  const headerCells = grid[headerIndex] ?? [];
  const columns: Partial<Record<C, number>> = {};
  headerCells.forEach((cell, i) => {
    const column = spec.columnOf(cell.text);
    if (column !== null && columns[column] === undefined) columns[column] = i;
  });
  const header = headerCells.map((c) => c.text);
  const missing = spec.required.filter((column) => columns[column] === undefined);
  if (missing.length > 0) return { ok: false, row: headerIndex + 1, missing, header };
  const rows: ImportRow<C>[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i] ?? [];
    if (!nonBlank(cells)) continue;
    rows.push({
      row: i + 1,
      cells,
      cell: (column) => {
        const index = columns[column];
        return (index === undefined ? undefined : cells[index]) ?? EMPTY;
      },
    });
  }
  return { ok: true, header, columns, rows, truncated };
}
