import { DateTime } from 'luxon';
import { maskNino, parseNino } from '../nino.ts';
import { type Cell, cleanText, type Grid, isBlankRow } from './cells.ts';
import { normaliseFormDate } from './form-dates.ts';
import type { ExitReportRequestForm, Finding, FormSource, InvalidRow, RequestRow } from './types.ts';

/**
 * Reads the Exit Report request form (CPA 18 ch.10 Annex A, WPER2E; the WPER3E reminder and ad hoc requests
 * have the same shape) from a grid of cells, whatever it came from. The header fields (Provider Name,
 * District/Jobcentre, Request Date, Report Return Deadline, Return email address) are found by tolerant label
 * matching, written either "Label: value" in one cell or as a label cell followed by a value cell; the
 * participant table by its header row (NiNo, Benefit Type, End Date, Jobcentre), with or without the row
 * number column. A single participant written as "NINO: …" lines (ad hoc requests) is read too.
 */
type HeaderField = 'providerName' | 'district' | 'requestDate' | 'returnDeadline' | 'returnEmail';
type RowField = 'nino' | 'benefitType' | 'endDate' | 'jobcentre';
type Field = HeaderField | RowField;

const HEADER_FIELDS: ReadonlySet<Field> = new Set<Field>([
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

const FIELD_NAMES: Record<Field, string> = {
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

const TITLE = /\bwper\s*[23]\s*e?\b|exit\s*report\s*request|\breminder\b|\bad[\s-]?hoc\b/i;
const INDEX_HEADER = /^(?:|#|no\.?|number|row|ref\.?|item)$/i;
const LOOKS_LIKE_NINO = /^[a-z]{2}[\s-]*\d{2}/i;
const INTEGER = /^\d{1,4}\.?$/;
const EMAIL = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+/i;

interface ColumnMap {
  index: number | null;
  columns: Partial<Record<RowField, number>>;
  width: number;
}

interface Draft {
  fields: Partial<Record<HeaderField, Cell>>;
  single: Partial<Record<RowField, Cell>>;
  table: ColumnMap | null;
  tableEnded: boolean;
  dataRows: Array<{ rowNumber: number; cells: Partial<Record<RowField, Cell>> }>;
  titles: string[];
}

export interface FormReadContext {
  source: FormSource;
  /** More than this many participant records is flagged (para 36, 50). */
  maxRecords: number;
  /** ISO instant the email was sent: the fallback request date (day one is the date the request was sent). */
  sentAt: string | null;
  /** Where the form was found, for messages ("the CSV attachment"). */
  where: string;
}

export interface ReadForm {
  form: ExitReportRequestForm;
  findings: Finding[];
  /** Title lines seen ("… WPER3E", "Reminder", "Ad hoc …"), for telling a reminder or an ad hoc request apart. */
  titles: string[];
}

export function readForms(grid: Grid, context: FormReadContext): ReadForm[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  const ensure = (): Draft => current ?? startNew();
  const startNew = (): Draft => {
    const draft: Draft = { fields: {}, single: {}, table: null, tableEnded: false, dataRows: [], titles: [] };
    drafts.push(draft);
    current = draft;
    return draft;
  };

  for (const row of grid) {
    if (isBlankRow(row)) continue;
    const table = tableHeader(row);
    if (table !== null) {
      const draft = ensure();
      // A header repeated on the next page continues the same table.
      if (draft.table === null) draft.table = table;
      draft.tableEnded = false;
      continue;
    }
    const rowText = row.map((cell) => cell.text).join(' ');
    const isTitle = TITLE.test(rowText);
    const labels = rowLabels(row);
    const startsForm = isTitle || labels.some((label) => label.field === 'providerName');
    if (startsForm && hasParticipants(ensure())) {
      startNew();
    }
    if (isTitle) {
      ensure().titles.push(rowText);
    }
    if (labels.length > 0) {
      const draft = ensure();
      for (const { field, value } of labels) {
        if (HEADER_FIELDS.has(field)) {
          const key = field as HeaderField;
          if (draft.fields[key] === undefined || draft.fields[key]?.text === '') draft.fields[key] = value;
        } else if (draft.table === null) {
          const key = field as RowField;
          if (draft.single[key] === undefined) draft.single[key] = value;
        }
      }
      continue;
    }
    const draft = drafts[drafts.length - 1];
    if (draft?.table && !draft.tableEnded) {
      readDataRow(draft, draft.table, row);
    }
  }
  return drafts.filter(isForm).map((draft) => finish(draft, context));
}

function hasParticipants(draft: Draft): boolean {
  return draft.dataRows.length > 0 || draft.single.nino !== undefined;
}

function isForm(draft: Draft): boolean {
  return draft.table !== null || draft.single.nino !== undefined;
}

/** The participant table's header row: a NINO column and at least one other known column. */
function tableHeader(row: Cell[]): ColumnMap | null {
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
function rowLabels(row: Cell[]): Array<{ field: Field; value: Cell }> {
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

function readDataRow(draft: Draft, table: ColumnMap, row: Cell[]): void {
  const nonEmpty = row.filter((cell) => cell.text !== '');
  const only = nonEmpty.length === 1 ? nonEmpty[0] : undefined;
  // A line of prose after the table ("Kind regards", "Please return by …") ends it.
  if (only !== undefined && (row.length === 1 || row[0] === only)) {
    if (!LOOKS_LIKE_NINO.test(only.text) && !INTEGER.test(only.text)) {
      draft.tableEnded = true;
      return;
    }
  }
  // A text table whose header row has no number column but whose data rows do ("1   AB…   JSA …").
  const first = row[0];
  const offset =
    table.index === null && row.length === table.width + 1 && first !== undefined && INTEGER.test(first.text) ? 1 : 0;
  const cells: Partial<Record<RowField, Cell>> = {};
  for (const field of ['nino', 'benefitType', 'endDate', 'jobcentre'] as const) {
    const position = table.columns[field];
    if (position === undefined) continue;
    const cell = row[position + offset];
    if (cell !== undefined) cells[field] = cell;
  }
  const hasData = Object.values(cells).some((cell) => cell.text !== '' || cell.date !== undefined);
  if (!hasData) {
    // The template's numbered blank rows.
    return;
  }
  const indexCell = table.index !== null ? row[table.index] : offset === 1 ? first : undefined;
  const printed = indexCell !== undefined && INTEGER.test(indexCell.text) ? Number.parseInt(indexCell.text, 10) : null;
  draft.dataRows.push({ rowNumber: printed ?? draft.dataRows.length + 1, cells });
}

function finish(draft: Draft, context: FormReadContext): ReadForm {
  const findings: Finding[] = [];
  const formulaPlaces: string[] = [];
  const noteFormula = (cell: Cell | undefined, place: string): void => {
    if (cell?.formula) formulaPlaces.push(place);
  };

  const header = (field: HeaderField): Cell | undefined => {
    const cell = draft.fields[field];
    noteFormula(cell, FIELD_NAMES[field]);
    return cell;
  };

  const providerName = header('providerName')?.text ?? '';
  const district = header('district')?.text ?? '';
  for (const [field, value] of [
    ['providerName', providerName],
    ['district', district],
  ] as const) {
    if (value === '') {
      findings.push({
        code: 'missing-field',
        severity: 'flag',
        message: `The form in ${context.where} has no ${FIELD_NAMES[field]}.`,
      });
    }
  }

  const requestDate = readRequestDate(header('requestDate'), context, findings);
  const deadlineCell = header('returnDeadline');
  const returnDeadline = cellDate(deadlineCell);
  if (deadlineCell !== undefined && deadlineCell.text !== '' && returnDeadline === null) {
    findings.push({
      code: 'invalid-date',
      severity: 'flag',
      message: `The Report Return Deadline on the form in ${context.where} is not a date we can read; the computed deadline is used.`,
    });
  }

  const emailCell = header('returnEmail');
  const returnEmail = emailCell ? (EMAIL.exec(emailCell.text)?.[0]?.toLowerCase() ?? null) : null;
  if (returnEmail === null) {
    findings.push({
      code: emailCell === undefined || emailCell.text === '' ? 'missing-field' : 'invalid-return-email',
      severity: 'flag',
      message: `The form in ${context.where} has no usable Return email address: check where the Exit Reports go with the Jobcentre Plus District SPoC.`,
    });
  }

  const dataRows =
    draft.table === null && draft.single.nino !== undefined ? [{ rowNumber: 1, cells: draft.single }] : draft.dataRows;
  const rows: RequestRow[] = [];
  const invalidRows: InvalidRow[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of dataRows) {
    for (const field of ['nino', 'benefitType', 'endDate', 'jobcentre'] as const) {
      noteFormula(cells[field], `row ${rowNumber} ${FIELD_NAMES[field]}`);
    }
    const rawNino = cells.nino?.text ?? '';
    const parsed = parseNino(rawNino);
    if (!parsed.ok) {
      invalidRows.push({ rowNumber, rawNino, reason: parsed.reason });
      findings.push({
        code: 'invalid-nino',
        severity: 'flag',
        message: `Row ${rowNumber}: ${parsed.reason}. Left out: phone the Jobcentre Plus District SPoC who sent the form (paras 45, 49).`,
      });
      continue;
    }
    const earlier = seen.get(parsed.nino);
    if (earlier !== undefined) {
      const reason = `the same NINO as row ${earlier}`;
      invalidRows.push({ rowNumber, rawNino, reason });
      findings.push({
        code: 'duplicate-nino',
        severity: 'flag',
        message: `Row ${rowNumber} (${maskNino(parsed.nino)}) repeats row ${earlier}: read once.`,
      });
      continue;
    }
    seen.set(parsed.nino, rowNumber);
    const endCell = cells.endDate;
    const endDate = cellDate(endCell);
    if (endCell !== undefined && endCell.text !== '' && endDate === null) {
      findings.push({
        code: 'invalid-date',
        severity: 'flag',
        message: `Row ${rowNumber} (${maskNino(parsed.nino)}): the End Date is not a date we can read; left blank.`,
      });
    }
    rows.push({
      rowNumber,
      rawNino,
      nino: parsed.nino,
      benefitType: cells.benefitType?.text ?? '',
      endDate,
      jobcentre: cells.jobcentre?.text ?? '',
    });
  }

  const records = rows.length + invalidRows.length;
  if (records > context.maxRecords) {
    findings.push({
      code: 'more-than-40-records',
      severity: 'flag',
      message: `The form has ${records} participant records; a form should have no more than ${context.maxRecords} (para 36). All are processed (para 50): phone the Jobcentre Plus District SPoC to report it (para 45).`,
    });
  }
  if (records === 0) {
    findings.push({
      code: 'no-participants',
      severity: 'flag',
      message: `The form in ${context.where} lists no participants.`,
    });
  }
  if (formulaPlaces.length > 0) {
    const shown = formulaPlaces.slice(0, 5).join('; ');
    const more = formulaPlaces.length > 5 ? ` and ${formulaPlaces.length - 5} more` : '';
    findings.push({
      code: 'formula-in-cell',
      severity: 'flag',
      message: `Cells starting with =, +, - or @ (a spreadsheet formula) were read as plain text and not evaluated: ${shown}${more}.`,
    });
  }

  return {
    form: {
      form: 'WPER2E',
      providerName,
      district,
      requestDate,
      returnDeadline,
      returnEmail,
      rows,
      invalidRows,
      source: context.source,
    },
    findings,
    titles: draft.titles,
  };
}

function cellDate(cell: Cell | undefined): string | null {
  if (cell === undefined) return null;
  if (cell.date !== undefined) return normaliseFormDate(cell.date);
  if (cell.number !== undefined) return normaliseFormDate(cell.number);
  return normaliseFormDate(cell.text);
}

function readRequestDate(cell: Cell | undefined, context: FormReadContext, findings: Finding[]): string {
  const printed = cellDate(cell);
  if (printed !== null) return printed;
  const sent = context.sentAt === null ? null : DateTime.fromISO(context.sentAt).setZone('Europe/London');
  const problem = cell === undefined || cell.text === '' ? 'has no Request Date' : 'has a Request Date we cannot read';
  if (sent?.isValid) {
    const date = sent.toISODate() ?? '';
    findings.push({
      code: 'request-date-from-email',
      severity: 'flag',
      message: `The form in ${context.where} ${problem}: the date the email was sent (${date}) is used as day one.`,
    });
    return date;
  }
  findings.push({
    code: 'missing-request-date',
    severity: 'reject',
    message: `The form in ${context.where} ${problem} and the email has no date: the deadline cannot be counted. Ask the Jobcentre Plus District SPoC to resend it.`,
  });
  return '';
}
