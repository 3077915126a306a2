import * as z from 'zod';
import { formatLongDate } from '../calendar/london.ts';
import { DIVISIONS, type Division } from '../calendar/types.ts';
import { computeDeadline, type Deadline } from '../deadlines/rules.ts';
import { emailAddress } from '../email-address.ts';
import { maskNino } from '../nino.ts';
import { classifyJobEntries, type JobEntry, PAYMENT_GROUPS, type PaymentGroup } from './job-entry.ts';

/**
 * The monthly job entry MI return (memo 176 para 2): First and Subsequent Job Entries per month, from April 2013
 * (or the contract's start) to the reporting month, for the total of all payment groups and for each group.
 */

/** The email subject: "clearly titled as Job Entry MI Returns" (memo 176 para 2). */
export const MI_RETURN_SUBJECT = 'Job Entry MI Return';
/** The address memo 176 gives for returns. */
export const DWP_MI_RETURNS_ADDRESS = 'miprovider.returns@dwp.gsi.gov.uk';
/** DWP wants data "from April 2013 to the latest month ending". */
export const DEFAULT_FIRST_MONTH = '2013-04';

const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

/**
 * What the MI return needs that ProviderConfig (domain/config.ts) does not hold yet. Meant to join ProviderConfig
 * as its `miReturn` section.
 */
export const MiReturnConfigSchema = z.object({
  /** The contract number, as in the file name (e.g. 4001234). */
  contractNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and hyphens only'),
  /** The provider name, as in the file name (e.g. Avanta). */
  providerName: z.string().trim().min(1),
  /** The address the return is sent to (memo 176: MIPROVIDER.RETURNS@DWP.GSI.GOV.UK). */
  miReturnsAddress: emailAddress.default(DWP_MI_RETURNS_ADDRESS),
  /** The provider's DWP Performance Manager, copied on every return. */
  performanceManagerAddress: emailAddress,
  /** The provider mailbox the return is sent from. */
  fromAddress: emailAddress,
  /** The lead contact and deputy notified to the Provider Performance Monitoring Team (reminders go to both). */
  leadContactAddress: emailAddress,
  deputyAddress: emailAddress,
  /** The first month of the return: April 2013, or the contract's start if later. */
  firstMonth: isoMonth.default(DEFAULT_FIRST_MONTH),
  /** Whose bank holidays count for the due date. */
  division: z.enum(DIVISIONS as readonly [Division, ...Division[]]).default('england-and-wales'),
});
export type MiReturnConfig = z.infer<typeof MiReturnConfigSchema>;

export function parseMiReturnConfig(input: unknown): MiReturnConfig {
  const result = MiReturnConfigSchema.safeParse(input);
  if (!result.success) throw new Error(`Invalid MI return configuration: ${z.prettifyError(result.error)}`);
  return result.data;
}

export type SheetKey = 'all' | PaymentGroup;

export interface MonthFigures {
  /** YYYY-MM. */
  month: string;
  firstJobEntries: number;
  subsequentJobEntries: number;
}

export interface MiReturnSheet {
  key: SheetKey;
  /** The worksheet name: 'All Payment Groups', 'PG 1' … 'PG 9'. */
  name: string;
  rows: MonthFigures[];
}

export interface MiReturn {
  contractNumber: string;
  providerName: string;
  /** The month the return reports (the latest month ending), YYYY-MM. */
  reportingMonth: string;
  firstMonth: string;
  /** The total of all payment groups first, then one sheet per group in PAYMENT_GROUPS order. */
  sheets: MiReturnSheet[];
  /** e.g. '4001234 Avanta Dec 14.xlsx'. */
  fileName: string;
  /** The 5th working day of the following month, with its explanation. */
  due: Deadline;
  /** How the figures were counted, for people. */
  counting: string[];
  /** Entries not in the return: started after the reporting month. */
  entriesAfterReportingMonth: number;
  /** Participants whose entries carry different payment groups (each is counted under one group per month). */
  warnings: string[];
}

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthParts(month: string): { year: number; month: number } {
  const parsed = isoMonth.safeParse(month);
  if (!parsed.success) throw new Error(`Invalid month ${JSON.stringify(month)}: expected YYYY-MM`);
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

/** 'Dec 14' for '2014-12'. */
export function shortMonthLabel(month: string): string {
  const parts = monthParts(month);
  return `${MONTH_ABBREVIATIONS[parts.month - 1]} ${String(parts.year % 100).padStart(2, '0')}`;
}

/** 'Dec 2014' for '2014-12': the row label in the workbook. */
export function monthLabel(month: string): string {
  const parts = monthParts(month);
  return `${MONTH_ABBREVIATIONS[parts.month - 1]} ${parts.year}`;
}

/** Every month from `first` to `last` inclusive, YYYY-MM. */
export function monthsBetween(first: string, last: string): string[] {
  const from = monthParts(first);
  const to = monthParts(last);
  const months: string[] = [];
  for (let index = from.year * 12 + from.month - 1; index <= to.year * 12 + to.month - 1; index++) {
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

/**
 * The file name by memo 176's convention ("4001234 Avanta Dec 14.xls"): contract number, provider name and the
 * reporting month, as .xlsx. Characters that Windows forbids in file names are removed from the provider name.
 */
export function miReturnFileName(contractNumber: string, providerName: string, reportingMonth: string): string {
  const contract = contractNumber.trim();
  if (!/^[A-Za-z0-9-]+$/.test(contract)) {
    throw new Error(`Invalid contract number ${JSON.stringify(contractNumber)}: letters, digits and hyphens only`);
  }
  const provider = providerName
    .replace(/[<>:"/\\|?*\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.+$/, '');
  if (provider === '') throw new Error(`Invalid provider name ${JSON.stringify(providerName)}`);
  return `${contract} ${provider} ${shortMonthLabel(reportingMonth)}.xlsx`;
}

export function sheetName(key: SheetKey): string {
  return key === 'all' ? 'All Payment Groups' : `PG ${key}`;
}

export interface BuildMiReturnInput {
  entries: readonly JobEntry[];
  reportingMonth: string;
  contractNumber: string;
  providerName: string;
  firstMonth?: string;
  division?: Division;
}

/**
 * The return's figures (pure). For each month: First Job Entries = participants whose first job entry
 * (earliest start date, over the whole history) falls in that month; Subsequent Job Entries = participants with
 * at least one later-dated job entry in that month. Each participant counts at most once per column per month,
 * under the payment group of the entry that counted them, so each month's total equals the sum of the groups.
 */
export function buildMiReturn(input: BuildMiReturnInput): MiReturn {
  const firstMonth = input.firstMonth ?? DEFAULT_FIRST_MONTH;
  const division = input.division ?? 'england-and-wales';
  const months = monthsBetween(firstMonth, input.reportingMonth);
  if (months.length === 0) {
    throw new Error(`reporting month ${input.reportingMonth} is before the first month ${firstMonth}`);
  }
  const endOfReporting = `${input.reportingMonth}-31`;
  const inScope = input.entries.filter((entry) => entry.startDate <= endOfReporting);
  const classified = classifyJobEntries(inScope);

  // One count per participant, column and month: the earliest entry counts (classified is sorted by date, NINO,
  // then payment group, and PAYMENT_GROUPS sorts the same way as text).
  const groupRank = (group: PaymentGroup) => PAYMENT_GROUPS.indexOf(group);
  const counted = new Map<string, PaymentGroup>();
  for (const entry of classified) {
    const key = `${entry.nino}|${entry.kind}|${entry.startDate.slice(0, 7)}`;
    if (!counted.has(key)) counted.set(key, entry.paymentGroup);
  }

  const groupsByParticipant = new Map<string, Set<PaymentGroup>>();
  for (const entry of classified) {
    const groups = groupsByParticipant.get(entry.nino) ?? new Set<PaymentGroup>();
    groups.add(entry.paymentGroup);
    groupsByParticipant.set(entry.nino, groups);
  }
  const warnings = [...groupsByParticipant]
    .filter(([, groups]) => groups.size > 1)
    .map(
      ([nino, groups]) =>
        `participant ${maskNino(nino)} has job entries in payment groups ${[...groups].sort((a, b) => groupRank(a) - groupRank(b)).join(', ')}: each month counts them under the group of the entry that counted`,
    );

  const keys: SheetKey[] = ['all', ...PAYMENT_GROUPS];
  const tally = new Map<string, number>();
  const bump = (sheet: SheetKey, month: string, kind: string) => {
    const key = `${sheet}|${month}|${kind}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  };
  for (const [key, group] of counted) {
    const [, kind = '', month = ''] = key.split('|');
    bump('all', month, kind);
    bump(group, month, kind);
  }
  const sheets = keys.map(
    (key): MiReturnSheet => ({
      key,
      name: sheetName(key),
      rows: months.map((month) => ({
        month,
        firstJobEntries: tally.get(`${key}|${month}|first`) ?? 0,
        subsequentJobEntries: tally.get(`${key}|${month}|subsequent`) ?? 0,
      })),
    }),
  );

  const due = computeDeadline('mi-return', input.reportingMonth, division);
  const before = classified.filter((entry) => entry.startDate < `${firstMonth}-01`).length;
  const counting = [
    `Reporting month ${monthLabel(input.reportingMonth)}; rows from ${monthLabel(firstMonth)} (${months.length} months).`,
    `${inScope.length} job entries up to the end of ${monthLabel(input.reportingMonth)}` +
      (before > 0 ? `, of which ${before} before ${monthLabel(firstMonth)} count only as history.` : '.'),
    'First Job Entries: participants whose earliest job start date (over their whole history) is in that month.',
    'Subsequent Job Entries: participants with a job starting in that month after their first job entry date.',
    'Each participant counts at most once per column per month, under the payment group of the entry counted.',
    ...(input.entries.length > inScope.length
      ? [
          `${input.entries.length - inScope.length} job ${input.entries.length - inScope.length === 1 ? 'entry starts' : 'entries start'} after the reporting month and ${input.entries.length - inScope.length === 1 ? 'is' : 'are'} not counted.`,
        ]
      : []),
  ];
  return {
    contractNumber: input.contractNumber.trim(),
    providerName: input.providerName.trim(),
    reportingMonth: input.reportingMonth,
    firstMonth,
    sheets,
    fileName: miReturnFileName(input.contractNumber, input.providerName, input.reportingMonth),
    due,
    counting,
    entriesAfterReportingMonth: input.entries.length - inScope.length,
    warnings,
  };
}

/** The email: to the MI returns address, copied to the Performance Manager, not marked private. */
export interface MiReturnEmail {
  from: string;
  to: string;
  cc: string;
  subject: string;
  text: string;
  attachmentName: string;
}

export function miReturnEmail(miReturn: MiReturn, config: MiReturnConfig): MiReturnEmail {
  const text = [
    'Dear colleague,',
    '',
    `Please find attached the Job Entry MI Return for ${miReturn.providerName}, contract ${miReturn.contractNumber}, ` +
      `for ${monthLabel(miReturn.reportingMonth)} (months ${monthLabel(miReturn.firstMonth)} to ${monthLabel(miReturn.reportingMonth)}): ${miReturn.fileName}.`,
    '',
    'It has one worksheet for the Total of All Payment Groups and one for each payment group, with First Job ' +
      'Entries and Subsequent Job Entries per month.',
    '',
    `Due ${formatLongDate(miReturn.due.due)} (the 5th working day of the month, memo 176).`,
    '',
    `Lead contact: ${config.leadContactAddress}; deputy: ${config.deputyAddress}.`,
    '',
  ].join('\n');
  return {
    from: config.fromAddress,
    to: config.miReturnsAddress,
    cc: config.performanceManagerAddress,
    subject: MI_RETURN_SUBJECT,
    text,
    attachmentName: miReturn.fileName,
  };
}
