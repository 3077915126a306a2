import { parse } from 'csv-parse/sync';
import { type Grid, textCell } from '../../domain/mail/cells.ts';
import { decodeText } from './decode-text.ts';

/**
 * A CSV attachment as rows of cells. Excel writes UTF-8 with a BOM, UTF-16 ("Unicode text") or Windows-1252
 * ("CSV (comma delimited)"); the delimiter is a comma, or a semicolon or tab in some locales. Every value is
 * text: a cell starting with = + - @ is marked, never evaluated.
 */
export function csvToGrid(data: Uint8Array, maxRows: number): { grid: Grid; truncated: boolean } {
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

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter that splits the most lines into the same number of fields, as Python's csv.Sniffer judges it:
 * a count of all occurrences is misled by a cell full of semicolons ("=;;a") in a comma-separated file. Quoted
 * text is left out of the counting; a tie goes to the comma, then the semicolon.
 */
function guessDelimiter(text: string): string {
  const lines = text
    .slice(0, 4096)
    .replace(/"(?:[^"]|"")*"/g, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, 20);
  let best: { delimiter: string; lines: number } = { delimiter: ',', lines: 0 };
  for (const delimiter of DELIMITERS) {
    const perLine = new Map<number, number>();
    for (const line of lines) {
      const count = line.split(delimiter).length - 1;
      if (count > 0) perLine.set(count, (perLine.get(count) ?? 0) + 1);
    }
    const consistent = Math.max(0, ...perLine.values());
    if (consistent > best.lines) best = { delimiter, lines: consistent };
  }
  return best.delimiter;
}
