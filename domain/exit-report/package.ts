import { addCalendarDays, formatLongDate } from '../calendar/london.ts';
import type { Division, IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import { type CaseEvent, type ExitReportCase, type Posting, withAudit } from './case.ts';
import type { Transition } from './timers.ts';

/**
 * Posted Exit Reports (CPA 18 ch.10 paras 66–67, memo 115): sent first class or by courier to the District SPoC's
 * return address, in packages of at most 49, each with a manifest staff print and put in the package.
 */
export const MAX_REPORTS_PER_PACKAGE = 49;

export class PackageRefused extends Error {
  override name = 'PackageRefused';
}

/** A package of posted reports and what its manifest lists: case references and NINOs, nothing more. */
export interface ReportPackage {
  packageId: string;
  district: string;
  returnAddress: string;
  method: Posting['method'];
  postedDate: IsoDate;
  expectedArrival: IsoDate;
  postedBy: string;
  reports: Array<{ caseRef: string; nino: string; scr: boolean }>;
}

/** Refuses a package over the limit, naming the limit and the source. */
export function checkPackageSize(count: number): void {
  if (count > MAX_REPORTS_PER_PACKAGE) {
    throw new PackageRefused(
      `A package holds at most ${MAX_REPORTS_PER_PACKAGE} Exit Reports (para 67, memo 115): this one has ${count}. Put report ${MAX_REPORTS_PER_PACKAGE + 1} onwards in another package.`,
    );
  }
  if (count < 1) throw new PackageRefused('A package needs at least one Exit Report.');
}

/**
 * When a posted report arrives: first class, the next working day after posting; by courier, the delivery date
 * the courier gives (not before the posting date).
 */
export function expectedArrival(
  method: Posting['method'],
  postedDate: IsoDate,
  courierDelivery: IsoDate | null,
  division: Division,
): IsoDate {
  if (method === 'first-class') return calendarFor(division).workingDaysFrom(addCalendarDays(postedDate, 1), 1);
  if (!courierDelivery) throw new PackageRefused('A courier package needs the delivery date the courier gives.');
  if (courierDelivery < postedDate) {
    throw new PackageRefused(`The courier delivery date ${courierDelivery} is before the posting date ${postedDate}.`);
  }
  return courierDelivery;
}

/** The printable manifest: what is in the package and where it goes; dates as people read them. */
export function packageManifest(pkg: ReportPackage): string[] {
  const scr = pkg.reports.filter((r) => r.scr).length;
  return [
    `Work Programme Exit Reports — package ${pkg.packageId}`,
    `To: ${pkg.district}, ${pkg.returnAddress}`,
    `Sent ${pkg.method === 'first-class' ? 'first class post' : 'by courier'} on ${formatLongDate(pkg.postedDate)}; expected to arrive ${formatLongDate(pkg.expectedArrival)}.`,
    `Sent by: ${pkg.postedBy}`,
    `Exit Reports: ${pkg.reports.length} of at most ${MAX_REPORTS_PER_PACKAGE}${scr ? ` (${scr} marked 'SCR participant', for the Nominated Officer)` : ''}`,
    '',
    ...pkg.reports.map(
      (r, i) => `${String(i + 1).padStart(2, ' ')}. ${r.caseRef}  ${r.nino}${r.scr ? '  SCR participant' : ''}`,
    ),
  ];
}

/**
 * Jobcentre Plus's receipt of a posted report, when known: the case is judged on it instead of the expected
 * arrival (para 66: received within ten working days). The on-time/late count of the send is not counted again.
 */
export function recordReportReceipt(
  c: ExitReportCase,
  consumed: ExitReportCase,
  e: Extract<CaseEvent, { type: 'report-receipt-recorded' }>,
  now: number,
): Transition {
  const report = c.report;
  const posting = report?.posting;
  if (!report || !posting) return { case: consumed, notices: [], metrics: [] };
  const judged = judge(c, e.receivedDate);
  const changed = judged.onTime !== report.onTime;
  const next: ExitReportCase = {
    ...consumed,
    report: { ...report, ...judged, posting: { ...posting, receivedDate: e.receivedDate } },
  };
  return {
    case: withAudit(next, now, [
      {
        what: 'receipt of posted report recorded',
        detail: `Received by Jobcentre Plus ${e.receivedDate} (expected ${posting.expectedArrival}): ${judged.workingDaysTaken} working day(s) from the request, ${judged.onTime ? 'on time' : 'LATE'}${changed ? ` (was judged ${report.onTime ? 'on time' : 'late'} on the expected arrival)` : ''}; recorded by ${e.recordedBy}.`,
        flag: judged.onTime ? undefined : true,
      },
    ]),
    notices: [],
    metrics: [],
  };
}

/** Working days from the request to the day the report counts as received, and whether that is on time. */
export function judge(c: ExitReportCase, arrival: IsoDate): { workingDaysTaken: number; onTime: boolean } {
  const request = c.request;
  const due = c.deadlines.exitReport;
  const calendar = calendarFor(c.participant.division);
  return {
    workingDaysTaken: request ? calendar.workingDaysTaken(request.requestDate, arrival) : 0,
    onTime: due ? arrival <= due.due : true,
  };
}
