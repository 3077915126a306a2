import type { ExitReportSubmission } from '../exit-report/types.ts';
import type { Grid } from './cells.ts';

/** What an inbound message is, as far as the Exit Report process is concerned. */
export type InboundKind =
  | 'exit-report-request'
  | 'exit-report-reminder'
  | 'not-required'
  | 'ad-hoc-request'
  | 'report-submission'
  | 'unrecognised'
  | 'unparseable';

/** One participant row of a WPER2E / WPER3E / ad hoc form, with a valid NINO. */
export interface RequestRow {
  /** The row number as printed on the form (1–40), or the position among the data rows. */
  rowNumber: number;
  rawNino: string;
  /** Normalised and valid. */
  nino: string;
  benefitType: string;
  /** YYYY-MM-DD, or null when the cell was empty or not a date. */
  endDate: string | null;
  jobcentre: string;
}

/** A row left out: flagged "contact Jobcentre Plus" (paras 45, 49). */
export interface InvalidRow {
  rowNumber: number;
  rawNino: string;
  reason: string;
}

export type FormName = 'WPER2E' | 'WPER3E' | 'AD-HOC';
export type FormSource = 'xlsx' | 'csv' | 'html' | 'text';

/** The Exit Report request form (Annex A), read from whichever shape it arrived in. */
export interface ExitReportRequestForm {
  form: FormName;
  providerName: string;
  district: string;
  /**
   * YYYY-MM-DD. When the form has no readable request date, the date the email was sent (Europe/London) is
   * used with a 'request-date-from-email' flag; with neither, '' and a 'missing-request-date' reject finding.
   */
  requestDate: string;
  /** YYYY-MM-DD as printed, or null. */
  returnDeadline: string | null;
  /** Lower-case, or null when absent or not an address. */
  returnEmail: string | null;
  rows: RequestRow[];
  invalidRows: InvalidRow[];
  source: FormSource;
}

export type FindingSeverity = 'info' | 'flag' | 'reject';

/**
 * Something noticed while reading a message. 'reject' means: do not action the message (record it, alert the
 * SPoC); 'flag' means: action it, and tell the SPoC; 'info' is for the audit trail only.
 */
export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** Plain English, never a full NINO. */
  message: string;
}

export type FindingCode =
  | 'unparseable'
  | 'message-too-large'
  | 'more-than-one-form'
  | 'duplicate-form-copy'
  | 'more-than-40-records'
  | 'too-many-rows'
  | 'invalid-nino'
  | 'duplicate-nino'
  | 'invalid-date'
  | 'missing-request-date'
  | 'request-date-from-email'
  | 'missing-field'
  | 'invalid-return-email'
  | 'no-form-found'
  | 'no-participants'
  | 'deadline-mismatch'
  | 'formula-in-cell'
  | 'script-in-html'
  | 'empty-attachment'
  | 'attachment-too-large'
  | 'attachment-unreadable'
  | 'unsupported-attachment'
  | 'subject-mismatch'
  | 'subject-prefix'
  | 'no-nino-found'
  | 'submission-problem'
  | 'forwarded-message';

export interface NotRequiredNotice {
  /** Normalised, valid NINOs found in the subject, body or any attached form. */
  ninos: string[];
  /** The body text (trimmed, at most 2,000 characters), for the audit record. */
  note: string;
}

export interface ParsedInboundMail {
  /** The Message-ID header (without angle brackets), or `sha256:<hex>` of the raw bytes when absent. */
  messageId: string;
  rawSha256: string;
  /** Lower-case address of the From header, or null. */
  from: string | null;
  /** Lower-case addresses of To and Cc. */
  to: string[];
  subject: string;
  /** ISO 8601 (UTC) from the Date header, or null. */
  sentAt: string | null;
  /** Lower-case address of Disposition-Notification-To, or null. */
  readReceiptTo: string | null;
  /**
   * Lower-case From address of a message forwarded as an attachment (message/rfc822), whose form was read;
   * null when the message is not such a forward. The sender check applies to it as well as to `from`.
   */
  forwardedFrom: string | null;
  kind: InboundKind;
  /** Normally exactly one; more than one is a 'more-than-one-form' reject finding. */
  forms: ExitReportRequestForm[];
  notRequired: NotRequiredNotice | null;
  submission: ExitReportSubmission | null;
  findings: Finding[];
}

export interface ParseInboundOptions {
  /** Default 40 (para 36); more is flagged and still processed (para 50). */
  maxRecordsPerForm?: number;
  /**
   * The provider's submission address(es) (config.provider.submissionAddress). A message to one of them is read
   * as a caseworker's Exit Report submission whatever its subject. Without it, submissions are recognised by
   * subject alone ("Exit Report <NINO>").
   */
  submissionAddresses?: string[];
  /** The SMTP envelope recipients (SES receipt, local SMTP server): a Bcc to the submission address counts. */
  envelopeRecipients?: string[];
}

/** One attachment of a read message: its name as sent, its lower-case MIME type, its decoded bytes. */
export interface MailAttachment {
  filename: string | null;
  contentType: string;
  content: Buffer;
}

/**
 * A message as the MIME reader (adapters/mail-reading/mime.ts) hands it to the readers: headers read, bodies
 * decoded to text, attachments as bytes. Read once per message; the Exit Report and WP11 readers both use it.
 */
export interface MailMessage {
  /** How many header lines there were: 0 means the bytes are not an email. */
  headerCount: number;
  /** The Message-ID header as sent (angle brackets included), '' when absent. */
  messageId: string;
  /** Lower-case address of the From header, or null. */
  from: string | null;
  /** Lower-case addresses of To and Cc, groups unwrapped. */
  to: string[];
  subject: string;
  /** ISO 8601 (UTC) from the Date header, or null when absent or not a date. */
  sentAt: string | null;
  /** Lower-case address of Disposition-Notification-To, or null. */
  readReceiptTo: string | null;
  text: string;
  html: string | null;
  attachments: MailAttachment[];
}

/** An XLSX read: one grid per non-empty worksheet. */
export type XlsxRead =
  | { ok: true; grids: Array<{ sheet: string; grid: Grid }>; truncated: boolean }
  | { ok: false; reason: string };

/** A Word document read: paragraphs and table rows in reading order. */
export type DocxRead = { ok: true; grid: Grid; truncated: boolean } | { ok: false; reason: string };

/** An HTML body or attachment read as rows; active content counted, never run. */
export interface HtmlGrid {
  grid: Grid;
  /** Script elements, event-handler attributes, javascript: links and embedded objects found (and ignored). */
  activeContent: number;
  truncated: boolean;
}

/**
 * A CSV file as rows of text cells, read as Excel writes it (UTF-8 with a BOM, UTF-16 or Windows-1252; comma,
 * semicolon or tab): adapters/mail-reading/csv-grid.ts, over csv-parse. At most `maxRows` rows; `truncated`
 * when there were more. A cell that looks like a formula is marked, never evaluated.
 */
export type CsvReader = (data: Uint8Array, maxRows: number) => { grid: Grid; truncated: boolean };

/**
 * The file-format readers (adapters/mail-reading/formats.ts: yauzl, fast-xml-parser, node-html-parser, csv-parse,
 * @exodus/bytes), handed to the pure readers of the domain (a caseworker's submission, a WP11), which read the
 * grids and text they return.
 */
export interface FormatReaders {
  xlsx(data: Buffer, maxRows: number): Promise<XlsxRead>;
  docx(data: Buffer, maxRows: number): Promise<DocxRead>;
  html(html: string, maxRows: number): HtmlGrid;
  csv: CsvReader;
  /** The bytes of a text attachment as text: UTF-8, UTF-16 with a BOM, else Windows-1252 (never fails). */
  text(data: Uint8Array): string;
}
