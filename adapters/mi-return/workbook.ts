import ExcelJS from 'exceljs';
import MailComposer from 'nodemailer/lib/mail-composer';
import type MimeNode from 'nodemailer/lib/mime-node';
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

function build(node: MimeNode): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    node.build((error, message) => (error ? reject(error) : resolve(message)));
  });
}
