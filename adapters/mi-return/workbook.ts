import ExcelJS from 'exceljs';
import MailComposer from 'nodemailer/lib/mail-composer';
import { type MiReturn, type MiReturnConfig, miReturnEmail, monthLabel } from '../../domain/mi-return/return.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const MI_RETURN_COLUMNS = Object.freeze(['Month', 'First Job Entries', 'Subsequent Job Entries'] as const);

/**
 * The instant the workbook's created/modified properties are set to: midnight UTC on the first day after the
 * reporting month, so the same return always carries the same properties.
 */
export function workbookTimestamp(reportingMonth: string): Date {
  const year = Number(reportingMonth.slice(0, 4));
  const month = Number(reportingMonth.slice(5, 7));
  return new Date(Date.UTC(year, month, 1));
}

/**
 * The return as an .xlsx workbook (exceljs): one worksheet for the total of all payment groups, then one per
 * group; a header row, then one row per month with the month as a text label and the two figures as numbers.
 * No formulas, no links, no text in a figure cell.
 */
export async function buildMiReturnWorkbook(miReturn: MiReturn): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const timestamp = workbookTimestamp(miReturn.reportingMonth);
  workbook.creator = miReturn.providerName;
  workbook.lastModifiedBy = miReturn.providerName;
  workbook.created = timestamp;
  workbook.modified = timestamp;
  workbook.title = `Job Entry MI Return ${miReturn.contractNumber} ${miReturn.providerName} ${monthLabel(miReturn.reportingMonth)}`;
  workbook.company = miReturn.providerName;

  for (const sheet of miReturn.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.columns = [
      { header: MI_RETURN_COLUMNS[0], key: 'month', width: 12 },
      { header: MI_RETURN_COLUMNS[1], key: 'first', width: 20, style: { numFmt: '0' } },
      { header: MI_RETURN_COLUMNS[2], key: 'subsequent', width: 24, style: { numFmt: '0' } },
    ];
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      assertCount(row.firstJobEntries);
      assertCount(row.subsequentJobEntries);
      worksheet.addRow({
        month: monthLabel(row.month),
        first: row.firstJobEntries,
        subsequent: row.subsequentJobEntries,
      });
    }
    worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

function assertCount(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`a figure must be a count, got ${value}`);
}

/**
 * Reads a built workbook back (exceljs) and lists what is wrong with it, if anything: the sheets and their order,
 * the header, one row per month, every figure a whole number stored as a number, no formula, no link, the figures
 * equal to the return's, and each month's total equal to the sum of the groups. Empty: fit to send.
 */
export async function checkMiReturnWorkbook(data: Buffer, miReturn: MiReturn): Promise<string[]> {
  const problems: string[] = [];
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const names = workbook.worksheets.map((worksheet) => worksheet.name);
  const expected = miReturn.sheets.map((sheet) => sheet.name);
  if (names.join('|') !== expected.join('|')) {
    problems.push(`worksheets are ${names.join(', ')}; expected ${expected.join(', ')}`);
  }
  const read = new Map<string, number[][]>();
  for (const sheet of miReturn.sheets) {
    const worksheet = workbook.getWorksheet(sheet.name);
    if (!worksheet) continue;
    const header = MI_RETURN_COLUMNS.map((_, index) => worksheet.getRow(1).getCell(index + 1).value);
    if (header.join('|') !== MI_RETURN_COLUMNS.join('|'))
      problems.push(`${sheet.name}: header is ${header.join(', ')}`);
    if (worksheet.rowCount !== sheet.rows.length + 1) {
      problems.push(`${sheet.name}: ${worksheet.rowCount - 1} month rows; expected ${sheet.rows.length}`);
    }
    const figures: number[][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) problems.push(`${sheet.name}!${cell.address}: a formula`);
        if (cell.type === ExcelJS.ValueType.Hyperlink) problems.push(`${sheet.name}!${cell.address}: a link`);
      });
      if (rowNumber === 1) return;
      const pair = [2, 3].map((column) => {
        const cell = row.getCell(column);
        if (cell.type !== ExcelJS.ValueType.Number || !Number.isSafeInteger(cell.value)) {
          problems.push(`${sheet.name}!${cell.address}: not a whole number stored as a number`);
          return Number.NaN;
        }
        return cell.value as number;
      });
      figures.push(pair);
      const month = sheet.rows[rowNumber - 2];
      if (month && (pair[0] !== month.firstJobEntries || pair[1] !== month.subsequentJobEntries)) {
        problems.push(`${sheet.name} ${monthLabel(month.month)}: figures ${pair.join(', ')} differ from the return's`);
      }
    });
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
