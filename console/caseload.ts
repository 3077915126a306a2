import { addCalendarDays, londonDateOf } from '../domain/calendar/london.ts';
import type { Division, IsoDate } from '../domain/calendar/types.ts';
import { calendarFor } from '../domain/calendar/working-days.ts';
import type { Deadline } from '../domain/deadlines/rules.ts';
import type { ExitReportCase } from '../domain/exit-report/case.ts';
import type { CaseHandlerDeps } from '../functions/commons/deps.ts';
import { processes } from '../functions/commons/processes/index.ts';

/** One open case as the Work page lists it, whatever its process. */
export interface WorkItem {
  process: string;
  processName: string;
  caseId: string;
  stage: string;
  nino: string | null;
  caseworker: string | null;
  division: Division;
  contract: string | null;
  next: Deadline | null;
  /** Working days from today to the next deadline (0: due today; negative: overdue by that many). */
  workingDaysLeft: number | null;
  status: 'overdue' | 'due-soon' | 'later' | 'none';
}

export const PROCESS_NAMES: Readonly<Record<string, string>> = {
  'exit-report': 'Exit Report',
  'information-session': 'Information Session',
  compliance: 'CMO visit',
  'mi-return': 'MI return',
};

/** The deadline an Exit Report case is working to, by its stage. */
function exitReportNext(record: ExitReportCase): Deadline | null {
  const d = record.deadlines;
  switch (record.stage) {
    case 'awaiting-request':
      return d.requestExpected;
    case 'report-due':
    case 'overdue':
    case 'escalated':
      return d.exitReport;
    case 'wper3-received':
      return d.escalation ?? d.exitReport;
    case 'completed-early':
      return d.adHocWindow;
    default:
      return null;
  }
}

function isDeadline(value: unknown): value is Deadline {
  return typeof value === 'object' && value !== null && typeof (value as Deadline).due === 'string' && 'rule' in value;
}

/** Every deadline a record carries (its `deadlines`, or an MI return's `due`), retention aside. */
export function deadlinesOf(record: Record<string, unknown>, withRetention = false): Deadline[] {
  const found = [...Object.values((record.deadlines as Record<string, unknown> | undefined) ?? {}), record.due].filter(
    isDeadline,
  );
  return withRetention ? found : found.filter((d) => d.rule !== 'retention');
}

/** The next date a case works to: the earliest not yet passed, or the last one passed when all have. */
function genericNext(record: Record<string, unknown>, today: IsoDate): Deadline | null {
  const all = deadlinesOf(record).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return all.find((d) => d.due >= today) ?? all.at(-1) ?? null;
}

/** Working days from today to `due`, on the division's calendar; negative once it has passed. */
export function workingDaysLeft(division: Division, today: IsoDate, due: IsoDate): number | null {
  try {
    const calendar = calendarFor(division);
    if (due >= today) return calendar.workingDaysTaken(today, due) - (calendar.isWorkingDay(today) ? 1 : 0);
    return -calendar.workingDaysTaken(addCalendarDays(due, 1), today);
  } catch {
    return null;
  }
}

function statusOf(days: number | null): WorkItem['status'] {
  if (days === null) return 'none';
  if (days < 0) return 'overdue';
  return days <= 2 ? 'due-soon' : 'later';
}

function describe(
  processId: string,
  record: Record<string, unknown>,
  today: IsoDate,
): Omit<WorkItem, 'status' | 'workingDaysLeft'> {
  const base = {
    process: processId,
    processName: PROCESS_NAMES[processId] ?? processId,
    caseId: String(record.caseId),
    stage: String(record.stage),
  };
  if (processId === 'exit-report') {
    const c = record as unknown as ExitReportCase;
    return {
      ...base,
      nino: c.participant.nino,
      caseworker: c.participant.caseworkerEmail,
      division: c.participant.division,
      contract: c.participant.contract,
      next: exitReportNext(c),
    };
  }
  const referral = record.referral as { nino?: string; division?: Division } | undefined;
  const visit = record.visit as { contract?: string; division?: Division } | undefined;
  return {
    ...base,
    nino: referral?.nino ?? null,
    caseworker: typeof record.caseworkerEmail === 'string' ? record.caseworkerEmail : null,
    division: referral?.division ?? visit?.division ?? (record.division as Division | undefined) ?? 'england-and-wales',
    contract: visit?.contract ?? (typeof record.contractNumber === 'string' ? record.contractNumber : null),
    next: genericNext(record, today),
  };
}

/** Every open case of the four processes, the next deadline first (overdue at the top). */
export async function openWork(deps: CaseHandlerDeps): Promise<WorkItem[]> {
  const today = londonDateOf(new Date(deps.now()));
  const items: WorkItem[] = [];
  for (const process of processes) {
    for await (const { record } of deps.cases.recordsOf(process.kind).all()) {
      if (record.stage === 'closed') continue;
      const item = describe(process.id, record as unknown as Record<string, unknown>, today);
      const days = item.next ? workingDaysLeft(item.division, today, item.next.due) : null;
      items.push({ ...item, workingDaysLeft: days, status: statusOf(days) });
    }
  }
  return items.sort(
    (a, b) => (a.next?.dueAt ?? '9999').localeCompare(b.next?.dueAt ?? '9999') || a.caseId.localeCompare(b.caseId),
  );
}

/** Which process a case id belongs to (ids start with the process's prefix). */
export function processOfCase(caseId: string) {
  return processes.find((p) => caseId.startsWith(p.kind.idPrefix)) ?? null;
}
