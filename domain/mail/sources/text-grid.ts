import { type Cell, type Grid, textCell } from '../cells.ts';

/**
 * A table pasted into a plain-text mail, as mail clients write it: cells separated by tabs (Excel, Outlook,
 * Thunderbird), by pipes (Markdown, some clients' "plain text" tables) or by runs of two or more spaces
 * (fixed-width layouts). A line with none of these is one cell.
 */
export function splitTextLine(line: string): string[] {
  const trimmed = line.replace(/\r$/, '');
  if (trimmed.includes('\t')) {
    return trimmed.split('\t');
  }
  const pipes = trimmed.split('|').length - 1;
  if (pipes >= 2) {
    const parts = trimmed.split('|');
    // "| a | b |": the outer pipes frame the row and add no cells.
    if (parts[0]?.trim() === '') parts.shift();
    if (parts.length > 0 && parts[parts.length - 1]?.trim() === '') parts.pop();
    return parts;
  }
  return trimmed.trim().split(/[ \u00a0]{2,}/);
}

/** "|---|:---:|" and "----+----" lines under a header are layout, not data. */
const RULE_LINE = /^[\s|+:=_-]*$/;

export function textToGrid(text: string, maxRows: number): { grid: Grid; truncated: boolean } {
  const grid: Grid = [];
  const lines = text.split('\n');
  for (const line of lines) {
    if (grid.length >= maxRows) {
      return { grid, truncated: true };
    }
    if (RULE_LINE.test(line) && /[-=_]{3,}/.test(line)) {
      continue;
    }
    grid.push(lineToRow(unquote(line)));
  }
  return { grid, truncated: false };
}

export function lineToRow(line: string): Cell[] {
  return splitTextLine(line).map((part) => textCell(part));
}

/** A forwarded or replied-to form is quoted with "> "; the quote marks are not part of the cells. */
function unquote(line: string): string {
  return line.replace(/^(?:>\s?)+/, '');
}
