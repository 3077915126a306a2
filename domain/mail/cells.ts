/**
 * A cell of a form as read from any source: its text (never evaluated) and whether it looked like a
 * spreadsheet formula (CSV/formula injection: a leading = + - @, tab or carriage return).
 */
export interface Cell {
  text: string;
  formula: boolean;
  /** An Excel date cell, kept as the date so that no locale guess is needed. */
  date?: Date;
  /** An Excel number cell. */
  number?: number;
}

/** A form-shaped thing: rows of cells in reading order, from a sheet, a CSV file, an HTML body or a text body. */
export type Grid = Cell[][];

const FORMULA_START = /^[=+\-@\t\r]/;

/** Whitespace as mail clients write it (&nbsp;, zero-width spaces, tabs) collapsed to single spaces. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A cell from raw text: a lone "-" means "nothing". In a spreadsheet source (CSV, XLSX) any other leading
 * = + - @ (or tab, carriage return) is kept as text and marked, never evaluated.
 */
export function textCell(raw: string, spreadsheet = false): Cell {
  const formula = spreadsheet && FORMULA_START.test(raw) && raw.trim().length > 1;
  const text = cleanText(raw);
  return { text: text === '-' ? '' : text, formula };
}

export function isBlankRow(row: Cell[]): boolean {
  return row.every((cell) => cell.text === '');
}
