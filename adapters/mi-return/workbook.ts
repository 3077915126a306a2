import MailComposer from 'nodemailer/lib/mail-composer';
import writeXlsxFile from 'write-excel-file/node';
import { type MiReturn, type MiReturnConfig, miReturnEmail, monthLabel } from '../../domain/mi-return/return.ts';
import { columnName, readXlsx } from '../mail-reading/xlsx.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const MI_RETURN_COLUMNS = Object.freeze(['Month', 'First Job Entries', 'Subsequent Job Entries'] as const);

/**
 * The return as an .xlsx workbook (write-excel-file): one worksheet for the total of all payment groups, then one
 * per group; a bold, frozen header row, then one row per month with the month as a text label and the two figures
 * as numbers. No formulas, no links, no text in a figure cell.
 */
export async function buildMiReturnWorkbook(miReturn: MiReturn): Promise<Buffer> {
  const sheets = miReturn.sheets.map((sheet) => ({
    sheet: sheet.name,
    data: [
      MI_RETURN_COLUMNS.map((header) => ({ value: header, fontWeight: 'bold' as const })),
      ...sheet.rows.map((row) => {
        assertCount(row.firstJobEntries);
        assertCount(row.subsequentJobEntries);
        return [
          { value: monthLabel(row.month), type: String },
          { value: row.firstJobEntries, type: Number, format: '0' },
          { value: row.subsequentJobEntries, type: Number, format: '0' },
        ];
      }),
    ],
    columns: [{ width: 12 }, { width: 20 }, { width: 24 }],
    stickyRowsCount: 1,
  }));
  return Buffer.from(await writeXlsxFile(sheets).toBuffer());
}

function assertCount(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`a figure must be a count, got ${value}`);
}

/**
 * Reads a built workbook back (adapters/mail-reading/xlsx.ts, a different code path from the one that wrote it)
 * and lists what is wrong with it, if anything: the sheets and their order, the header, one row per month, every
 * figure a whole number stored as a number, no formula, no link, the figures equal to the return's, and each
 * month's total equal to the sum of the groups. Empty: fit to send.
 */
export async function checkMiReturnWorkbook(data: Buffer, miReturn: MiReturn): Promise<string[]> {
  const problems: string[] = [];
  const book = await readXlsx(data, { maxUnpackedBytes: 20 * 1024 * 1024, maxEntries: 200 });
  if (!book.ok) return [`the workbook cannot be read: ${book.reason}`];
  const names = book.sheets.map((worksheet) => worksheet.name);
  const expected = miReturn.sheets.map((sheet) => sheet.name);
  if (names.join('|') !== expected.join('|')) {
    problems.push(`worksheets are ${names.join(', ')}; expected ${expected.join(', ')}`);
  }
  const read = new Map<string, number[][]>();
  for (const sheet of miReturn.sheets) {
    const worksheet = book.sheets.find((candidate) => candidate.name === sheet.name);
    if (!worksheet) continue;
    const at = (row: number, column: number) =>
      worksheet.cells.find((cell) => cell.row === row && cell.column === column);
    for (const cell of worksheet.cells) {
      if (cell.formula !== null) problems.push(`${sheet.name}!${cell.ref}: a formula`);
      if (cell.hyperlink) problems.push(`${sheet.name}!${cell.ref}: a link`);
    }
    const header = MI_RETURN_COLUMNS.map((_, index) => {
      const cell = at(1, index + 1);
      return cell?.kind === 'text' ? cell.value : '';
    });
    if (header.join('|') !== MI_RETURN_COLUMNS.join('|'))
      problems.push(`${sheet.name}: header is ${header.join(', ')}`);
    if (worksheet.rowCount !== sheet.rows.length + 1) {
      problems.push(`${sheet.name}: ${worksheet.rowCount - 1} month rows; expected ${sheet.rows.length}`);
    }
    const figures: number[][] = [];
    for (let rowNumber = 2; rowNumber <= worksheet.rowCount; rowNumber++) {
      const pair = [2, 3].map((column) => {
        const cell = at(rowNumber, column);
        if (cell?.kind !== 'number' || cell.formula !== null || !Number.isSafeInteger(cell.value)) {
          problems.push(`${sheet.name}!${columnName(column)}${rowNumber}: not a whole number stored as a number`);
          return Number.NaN;
        }
        return cell.value;
      });
      figures.push(pair);
      const month = sheet.rows[rowNumber - 2];
      if (month && (pair[0] !== month.firstJobEntries || pair[1] !== month.subsequentJobEntries)) {
        problems.push(`${sheet.name} ${monthLabel(month.month)}: figures ${pair.join(', ')} differ from the return's`);
      }
    }
    read.set(sheet.name, figures);
  }
  const [total, ...groups] = miReturn.sheets.map((sheet) => read.get(sheet.name) ?? []);
  total?.forEach((pair, index) => {
    for (const column of [0, 1]) {
      const sum = groups.reduce((acc, group) => acc + (group[index]?.[column] ?? 0), 0);
      if (pair[column] !== sum) {
        problems.push(`row ${index + 2}: total ${pair[column]} is not the sum of the groups (${sum})`);
      }
    }
  });
  return problems;
}

export interface ComposeMiReturnInput {
  miReturn: MiReturn;
  config: MiReturnConfig;
  workbook: Buffer;
  /** Fixed Date header (tests, virtual clock); now when absent. */
  date?: Date;
  messageId?: string;
}

/**
 * The email as raw MIME (nodemailer MailComposer, CRLF): to the MI returns address, Cc the Performance Manager,
 * subject "Job Entry MI Return", the workbook attached under its conventional name. No Sensitivity header: not
 * marked private (memo 176).
 */
export async function composeMiReturnEmail(input: ComposeMiReturnInput): Promise<Buffer> {
  const email = miReturnEmail(input.miReturn, input.config);
  const composer = new MailComposer({
    from: email.from,
    to: email.to,
    cc: email.cc,
    subject: email.subject,
    date: input.date,
    messageId: input.messageId,
    text: email.text,
    attachments: [{ filename: email.attachmentName, content: input.workbook, contentType: XLSX_CONTENT_TYPE }],
    newline: 'win',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return build(composer.compile());
}

function build(node: ReturnType<MailComposer['compile']>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    node.build((error, message) => (error ? reject(error) : resolve(message)));
  });
}
