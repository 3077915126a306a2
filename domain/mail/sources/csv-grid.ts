import { parse } from 'csv-parse/sync';
import { type Grid, textCell } from '../cells.ts';
import { decodeText } from './decode-text.ts';

/**
 * A CSV attachment as rows of cells. Excel writes UTF-8 with a BOM, UTF-16 ("Unicode text") or Windows-1252
 * ("CSV (comma delimited)"); the delimiter is a comma, or a semicolon or tab in some locales. Every value is
 * text: a cell starting with = + - @ is marked, never evaluated.
 */
export function csvToGrid(data: Buffer, maxRows: number): { grid: Grid; truncated: boolean } {
  const text = decodeText(data);
  const delimiter = guessDelimiter(text);
  const records: string[][] = parse(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    to: maxRows + 1,
  });
  const truncated = records.length > maxRows;
  const grid = records.slice(0, maxRows).map((record) => record.map((value) => textCell(value, true)));
  return { grid, truncated };
}

function guessDelimiter(text: string): string {
  const sample = text.slice(0, 4096);
  const counts = [',', ';', '\t'].map((candidate) => ({ candidate, count: sample.split(candidate).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0] && counts[0].count > 0 ? counts[0].candidate : ',';
}
