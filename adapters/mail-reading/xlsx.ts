import { XMLParser } from 'fast-xml-parser';
import { readZip } from './zip.ts';

/**
 * A small, strict XLSX reader: the workbook's parts unpacked by the bounded ZIP reader (yauzl), their XML read
 * by fast-xml-parser. Values only, as stored: a formula cell keeps its formula text and is never evaluated (its
 * cached result is not trusted), a hyperlink is reported, a date-formatted number becomes a date, text stays
 * text. Read by the inbound form reader and by the MI return's read-back check.
 */
export type XlsxValue =
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'text'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; value: string }
  | { kind: 'empty' };

export type XlsxCell = XlsxValue & {
  /** "B4". */
  ref: string;
  /** 1-based. */
  row: number;
  /** 1-based. */
  column: number;
  /** The formula text (without "="), or null. A shared formula's dependent cells say "shared formula". */
  formula: string | null;
  /** True when the cell carries a hyperlink. */
  hyperlink: boolean;
};

export interface XlsxSheet {
  name: string;
  /** The cells present, in row then column order. */
  cells: XlsxCell[];
  /** The highest row number with a cell element. */
  rowCount: number;
  /** Merged ranges ("A1:E1"). */
  merged: string[];
}

export type XlsxBook = { ok: true; sheets: XlsxSheet[] } | { ok: false; reason: string };

export interface XlsxLimits {
  maxUnpackedBytes: number;
  maxEntries: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) =>
    ['sheet', 'Relationship', 'si', 'r', 'row', 'c', 'xf', 'numFmt', 'mergeCell', 'hyperlink'].includes(name),
});

/** Number formats 14–22 and 45–47 are Excel's built-in date and time formats. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

export async function readXlsx(data: Buffer, limits: XlsxLimits): Promise<XlsxBook> {
  const zip = await readZip(data, {
    maxTotalBytes: limits.maxUnpackedBytes,
    maxEntries: limits.maxEntries,
    keep: (name) => name.startsWith('xl/') && (name.endsWith('.xml') || name.endsWith('.rels')),
  });
  if (!zip.ok) return zip;
  const part = (name: string) => {
    const bytes = zip.entries.get(name);
    return bytes === undefined ? null : parser.parse(bytes.toString('utf8'));
  };
  const workbook = part('xl/workbook.xml');
  if (workbook === null) return { ok: false, reason: 'it is not an Excel workbook (no xl/workbook.xml)' };
  const targets = relationships(part('xl/_rels/workbook.xml.rels'), 'xl/');
  const strings = sharedStrings(part('xl/sharedStrings.xml'));
  const dateStyles = dateStyleIndexes(part('xl/styles.xml'));
  const date1904 = truthy(workbook.workbook?.workbookPr?.['@date1904']);

  const sheets: XlsxSheet[] = [];
  for (const entry of asArray(workbook.workbook?.sheets?.sheet) as Array<Record<string, unknown>>) {
    const name = String(entry['@name'] ?? '');
    const target = targets.get(String(entry['@id'] ?? ''));
    const xml = target === undefined ? null : part(target);
    if (xml === null) continue;
    sheets.push(readSheet(name, xml.worksheet ?? {}, strings, dateStyles, date1904));
  }
  return { ok: true, sheets };
}

function readSheet(
  name: string,
  worksheet: Record<string, unknown>,
  strings: string[],
  dateStyles: Set<number>,
  date1904: boolean,
): XlsxSheet {
  const links = new Set(asArray((worksheet.hyperlinks as { hyperlink?: unknown })?.hyperlink).map((h) => refOf(h)));
  const cells: XlsxCell[] = [];
  let rowCount = 0;
  for (const row of asArray((worksheet.sheetData as { row?: unknown })?.row)) {
    const rowNumber = Number((row as Record<string, unknown>)['@r']) || rowCount + 1;
    rowCount = Math.max(rowCount, rowNumber);
    let nextColumn = 1;
    for (const c of asArray((row as { c?: unknown }).c) as Array<Record<string, unknown>>) {
      const ref = typeof c['@r'] === 'string' ? c['@r'] : `${columnName(nextColumn)}${rowNumber}`;
      const position = decodeRef(ref);
      nextColumn = position.column + 1;
      const formula = formulaOf(c.f);
      cells.push({
        ...cellValue(c, strings, dateStyles, date1904),
        ref,
        row: position.row,
        column: position.column,
        formula,
        hyperlink: links.has(ref),
      });
    }
  }
  const merged = asArray((worksheet.mergeCells as { mergeCell?: unknown })?.mergeCell).map((m) => refOf(m));
  return { name, cells, rowCount, merged };
}

function cellValue(
  c: Record<string, unknown>,
  strings: string[],
  dateStyles: Set<number>,
  date1904: boolean,
): XlsxValue {
  const type = String(c['@t'] ?? 'n');
  const raw = textOf(c.v);
  if (type === 'inlineStr') return { kind: 'text', value: richText(c.is) };
  if (raw === null) return { kind: 'empty' };
  switch (type) {
    case 's': {
      const value = strings[Number(raw)];
      return value === undefined ? { kind: 'empty' } : { kind: 'text', value };
    }
    case 'str':
      return { kind: 'text', value: raw };
    case 'b':
      return { kind: 'boolean', value: raw === '1' || raw.toLowerCase() === 'true' };
    case 'e':
      return { kind: 'error', value: raw };
    case 'd': {
      const date = new Date(raw);
      return Number.isNaN(date.getTime()) ? { kind: 'text', value: raw } : { kind: 'date', value: date };
    }
    default: {
      const value = Number(raw);
      if (!Number.isFinite(value)) return { kind: 'text', value: raw };
      if (dateStyles.has(Number(c['@s'] ?? -1))) {
        const epoch = date1904 ? 24107 : 25569;
        return { kind: 'date', value: new Date(Math.round((value - epoch) * 86_400_000)) };
      }
      return { kind: 'number', value };
    }
  }
}

function formulaOf(f: unknown): string | null {
  if (f === undefined) return null;
  const text = textOf(f);
  if (text !== null && text.trim() !== '') return text;
  return 'shared formula';
}

function sharedStrings(xml: Record<string, unknown> | null): string[] {
  return asArray((xml?.sst as { si?: unknown })?.si).map((si) => richText(si));
}

/** The text of a string item: plain `<t>`, or the runs `<r><t>` of rich text (phonetic runs left out). */
function richText(item: unknown): string {
  if (item === null || typeof item !== 'object') return textOf(item) ?? '';
  const record = item as Record<string, unknown>;
  if (record.t !== undefined) return textOf(record.t) ?? '';
  return asArray(record.r)
    .map((run) => textOf((run as Record<string, unknown>).t) ?? '')
    .join('');
}

function dateStyleIndexes(xml: Record<string, unknown> | null): Set<number> {
  const styles = (xml?.styleSheet ?? {}) as Record<string, unknown>;
  const custom = new Map<number, string>();
  for (const format of asArray((styles.numFmts as { numFmt?: unknown })?.numFmt) as Array<Record<string, unknown>>) {
    custom.set(Number(format['@numFmtId']), String(format['@formatCode'] ?? ''));
  }
  const indexes = new Set<number>();
  asArray((styles.cellXfs as { xf?: unknown })?.xf).forEach((xf, index) => {
    const id = Number((xf as Record<string, unknown>)['@numFmtId'] ?? 0);
    const code = custom.get(id);
    if (BUILT_IN_DATE_FORMATS.has(id) || (code !== undefined && isDateFormat(code))) indexes.add(index);
  });
  return indexes;
}

/** A format code with d, m or y outside quotes, brackets and escapes ("dd/mm/yyyy", not "0.00" or "[Red]0"). */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(bare);
}

function relationships(xml: Record<string, unknown> | null, base: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const rel of asArray((xml?.Relationships as { Relationship?: unknown })?.Relationship) as Array<
    Record<string, unknown>
  >) {
    const target = String(rel['@Target'] ?? '');
    map.set(String(rel['@Id'] ?? ''), target.startsWith('/') ? target.slice(1) : `${base}${target}`);
  }
  return map;
}

function refOf(element: unknown): string {
  return String((element as Record<string, unknown> | null)?.['@ref'] ?? '');
}

function decodeRef(ref: string): { row: number; column: number } {
  const match = /^([A-Z]+)(\d+)$/i.exec(ref);
  if (!match) return { row: 0, column: 0 };
  let column = 0;
  for (const char of (match[1] as string).toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}

export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') {
    const text = (value as Record<string, unknown>)['#text'];
    return text === undefined ? '' : String(text);
  }
  return String(value);
}

function truthy(value: unknown): boolean {
  return value === '1' || value === 'true';
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
