import { type Cell, cleanText } from './cells.ts';

/**
 * The WPER2E's labels: the header fields and the participant table's columns, matched tolerantly, written
 * "Label: value" in one cell or as a label cell followed by a value cell.
 */
export type HeaderField = 'providerName' | 'district' | 'requestDate' | 'returnDeadline' | 'returnEmail';
export type RowField = 'nino' | 'benefitType' | 'endDate' | 'jobcentre';
export type Field = HeaderField | RowField;

export const HEADER_FIELDS: ReadonlySet<Field> = new Set<Field>([
  'providerName',
  'district',
  'requestDate',
  'returnDeadline',
  'returnEmail',
]);

/** Label patterns, most specific first: "District/Jobcentre" before "Jobcentre", "Return email" before "email". */
const LABELS: ReadonlyArray<readonly [Field, string]> = [
  ['providerName', String.raw`provider(?:'s)?\s*name`],
  ['district', String.raw`district\s*(?:\/|&|or|and)?\s*(?:job\s*centre|jobcentre)(?:\s*plus)?|district`],
  ['returnDeadline', String.raw`(?:exit\s*)?report\s*return\s*deadline|return\s*deadline|deadline(?:\s*date)?`],
  ['requestDate', String.raw`(?:exit\s*report\s*)?request\s*date|date\s*of\s*request|date\s*requested`],
  ['returnEmail', String.raw`return\s*e-?mail(?:\s*address)?|e-?mail\s*address(?:\s*for\s*return)?`],
  ['nino', String.raw`national\s*insurance\s*(?:number|no\.?)|ni\s*no\.?|nino|ni\s*number`],
  ['benefitType', String.raw`benefit\s*type|benefit`],
  ['endDate', String.raw`(?:programme\s*)?end\s*date`],
  ['jobcentre', String.raw`job\s*centre(?:\s*plus)?|jobcentre(?:\s*plus)?`],
];

export const FIELD_NAMES: Record<Field, string> = {
  providerName: 'Provider Name',
  district: 'District/Jobcentre',
  requestDate: 'Request Date',
  returnDeadline: 'Report Return Deadline',
  returnEmail: 'Return email address',
  nino: 'NiNo',
  benefitType: 'Benefit Type',
  endDate: 'End Date',
  jobcentre: 'Jobcentre',
};

const alternation = LABELS.map(([field, source]) => `(?<${field}>${source})`).join('|');
/** "Label:" anywhere in a cell (the value follows the colon). */
const INLINE_LABEL = new RegExp(String.raw`(?<![a-z])(?:${alternation})\s*:`, 'gi');
/** A cell that is only a label ("Request Date", "Request Date:"); the value is in the next cell. */
/** The same, not global: for a yes/no test without lastIndex state. */
const HAS_INLINE_LABEL = new RegExp(INLINE_LABEL.source, 'i');
const WHOLE_LABEL = new RegExp(String.raw`^(?:${alternation})\s*:?$`, 'i');

export const TITLE = /\bwper\s*[23]\s*e?\b|exit\s*report\s*request|\breminder\b|\bad[\s-]?hoc\b/i;
const INDEX_HEADER = /^(?:|#|no\.?|number|row|ref\.?|item)$/i;
export const LOOKS_LIKE_NINO = /^[a-z]{2}[\s-]*\d{2}/i;
export const INTEGER = /^\d{1,4}\.?$/;
export const EMAIL =
  /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+/i;

export interface ColumnMap {
  index: number | null;
  columns: Partial<Record<RowField, number>>;
  width: number;
}

/** The participant table's header row: a NINO column and at least one other known column. */
export function tableHeader(row: Cell[]): ColumnMap | null {
  const columns: Partial<Record<RowField, number>> = {};
  let index: number | null = null;
  row.forEach((cell, position) => {
    const text = cell.text.replace(/:$/, '').trim();
    const field = wholeLabel(text);
    if (field === 'nino' || field === 'benefitType' || field === 'endDate' || field === 'jobcentre') {
      if (columns[field] === undefined) columns[field] = position;
    } else if (position === 0 && INDEX_HEADER.test(text)) {
      index = position;
    }
  });
  const known = Object.keys(columns).length;
  if (columns.nino === undefined || known < 2) {
    return null;
  }
  return { index, columns, width: row.length };
}

function wholeLabel(text: string): Field | null {
  const match = WHOLE_LABEL.exec(text);
  if (!match?.groups) return null;
  for (const [field] of LABELS) {
    if (match.groups[field] !== undefined) return field;
  }
  return null;
}

/** Every "label: value" (or label cell then value cell) in a row. */
export function rowLabels(row: Cell[]): Array<{ field: Field; value: Cell }> {
  const found: Array<{ field: Field; value: Cell }> = [];
  const labelCells = new Set<number>();
  row.forEach((cell, position) => {
    const whole = wholeLabel(cell.text);
    if (whole !== null && HEADER_FIELDS.has(whole) && !/:\s*\S/.test(cell.text)) labelCells.add(position);
  });
  row.forEach((cell, position) => {
    if (labelCells.has(position)) {
      const field = wholeLabel(cell.text);
      if (field !== null) found.push({ field, value: nextValue(row, position, labelCells) });
      return;
    }
    const matches = [...cell.text.matchAll(INLINE_LABEL)];
    matches.forEach((match, i) => {
      const field = LABELS.find(([name]) => match.groups?.[name] !== undefined)?.[0];
      if (field === undefined || match.index === undefined) return;
      const start = match.index + match[0].length;
      const end = matches[i + 1]?.index ?? cell.text.length;
      const text = cleanText(cell.text.slice(start, end));
      const value: Cell =
        text === '' && i === matches.length - 1
          ? nextValue(row, position, labelCells)
          : { text, formula: cell.formula && i === 0 };
      found.push({ field, value });
    });
  });
  return found;
}

function nextValue(row: Cell[], position: number, labelCells: Set<number>): Cell {
  for (let i = position + 1; i < row.length; i++) {
    const cell = row[i];
    if (cell === undefined) continue;
    if (labelCells.has(i)) {
      // A merged label cell repeats its label; anything else is the next label, so this one has no value.
      if (wholeLabel(cell.text) === wholeLabel(row[position]?.text ?? '')) continue;
      break;
    }
    if (HAS_INLINE_LABEL.test(cell.text)) break;
    if (cell.text !== '' || cell.date !== undefined) return cell;
  }
  return { text: '', formula: false };
}
