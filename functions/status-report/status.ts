import { londonDateOf } from '../../domain/calendar/london.ts';
import { calendarFor } from '../../domain/calendar/working-days.ts';
import type { ProviderConfig } from '../../domain/config.ts';
import type { ExitReportCase } from '../../domain/exit-report/case.ts';
import { hasOpenRequest } from '../../domain/exit-report/lifecycle.ts';
import { maskNino } from '../../domain/nino.ts';

/** The caseload as the dashboard and `wp status` show it, computed from the case records (the truth). */
export interface CaseloadStatus {
  asOf: string;
  stages: Record<string, number>;
  openRequests: number;
  dueNext5WorkingDays: { caseId: string; nino: string; due: string; scr: boolean }[];
  overdue: number;
  wper3Open: number;
  escalated: number;
  sent: { onTime: number; late: number; percentWithinTenWorkingDays: number | null };
}

export function caseloadStatus(
  records: Iterable<ExitReportCase>,
  now: number,
  _config: ProviderConfig,
): CaseloadStatus {
  const today = londonDateOf(new Date(now));
  const stages: Record<string, number> = {};
  const dueSoon: CaseloadStatus['dueNext5WorkingDays'] = [];
  let openRequests = 0;
  let onTime = 0;
  let late = 0;
  for (const c of records) {
    const stage = c.stage === 'closed' ? `closed:${c.closedReason}` : c.stage;
    stages[stage] = (stages[stage] ?? 0) + 1;
    if (c.report && !c.report.notRequired) {
      if (c.report.onTime) onTime++;
      else late++;
    }
    if (!hasOpenRequest(c)) continue;
    openRequests++;
    const due = c.deadlines.exitReport?.due;
    if (c.stage === 'report-due' && due) {
      const horizon = calendarFor(c.participant.division).workingDaysFrom(today, 5);
      if (due <= horizon)
        dueSoon.push({ caseId: c.caseId, nino: maskNino(c.participant.nino), due, scr: c.participant.scr });
    }
  }
  dueSoon.sort((a, b) => a.due.localeCompare(b.due));
  const sent = onTime + late;
  return {
    asOf: new Date(now).toISOString(),
    stages: Object.fromEntries(Object.entries(stages).sort(([a], [b]) => a.localeCompare(b))),
    openRequests,
    dueNext5WorkingDays: dueSoon,
    overdue: stages.overdue ?? 0,
    wper3Open: (stages['wper3-received'] ?? 0) + (stages.escalated ?? 0),
    escalated: stages.escalated ?? 0,
    sent: { onTime, late, percentWithinTenWorkingDays: sent ? Math.round((1000 * onTime) / sent) / 10 : null },
  };
}
