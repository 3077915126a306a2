import { DateTime } from 'luxon';
import { maskNino, parseNino } from '../nino.ts';
import type { Cell } from './cells.ts';
import { normaliseFormDate } from './form-dates.ts';
import type { ExitReportRequestForm, Finding, FormSource, InvalidRow, RequestRow } from './types.ts';
import { type ColumnMap, EMAIL, FIELD_NAMES, type HeaderField, type RowField } from './wper2e-labels.ts';

/** A form as read so far, row by row: its header fields, its table (or single participant), its data rows. */
export interface Draft {
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

/** The findings of one form as it is finished, and the places where a cell held a formula. */
interface Reading {
  context: FormReadContext;
  findings: Finding[];
  formulaPlaces: string[];
}

type HeaderValues = Pick<
  ExitReportRequestForm,
  'providerName' | 'district' | 'requestDate' | 'returnDeadline' | 'returnEmail'
>;

/** A draft made a form: its header fields and rows checked, every problem a finding. */
export function finishForm(draft: Draft, context: FormReadContext): ReadForm {
  const reading: Reading = { context, findings: [], formulaPlaces: [] };
  const header = readHeader(draft, reading);
  const dataRows =
    draft.table === null && draft.single.nino !== undefined ? [{ rowNumber: 1, cells: draft.single }] : draft.dataRows;
  const { rows, invalidRows } = readRows(dataRows, reading);
  checkCounts(rows.length + invalidRows.length, reading);
  return {
    form: { form: 'WPER2E', ...header, rows, invalidRows, source: context.source },
    findings: reading.findings,
    titles: draft.titles,
  };
}

function noteFormula(reading: Reading, cell: Cell | undefined, place: string): void {
  if (cell?.formula) reading.formulaPlaces.push(place);
}

function readHeader(draft: Draft, reading: Reading): HeaderValues {
  const { context, findings } = reading;
  const header = (field: HeaderField): Cell | undefined => {
    const cell = draft.fields[field];
    noteFormula(reading, cell, FIELD_NAMES[field]);
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
  return { providerName, district, requestDate, returnDeadline, returnEmail };
}

/** The participant rows: a bad or repeated NINO is left out as an invalid row (paras 45, 49). */
function readRows(dataRows: Draft['dataRows'], reading: Reading): { rows: RequestRow[]; invalidRows: InvalidRow[] } {
  const { findings } = reading;
  const rows: RequestRow[] = [];
  const invalidRows: InvalidRow[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of dataRows) {
    for (const field of ['nino', 'benefitType', 'endDate', 'jobcentre'] as const) {
      noteFormula(reading, cells[field], `row ${rowNumber} ${FIELD_NAMES[field]}`);
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
  return { rows, invalidRows };
}

/** The form's size (para 36, 50) and the formula cells read as plain text. */
function checkCounts(records: number, reading: Reading): void {
  const { context, findings, formulaPlaces } = reading;
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
