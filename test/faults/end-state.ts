import { readdirSync } from 'node:fs';
import { londonDateOf } from '../../domain/calendar/london.ts';
import type { SimulationReport } from '../../local/simulate/run.ts';

const day = (instant: string) => londonDateOf(instant);

/**
 * What must be the same after any fault: each case's business state (stage, why it closed, every date with its
 * explanation, the report sent and whether on time, flags raised), not the instants at which steps ran (a retried
 * step runs seconds later) or which execution ran them. Which notices went is compared from the outbox.
 */
export function endState(report: SimulationReport) {
  return {
    /** Case ids are random per run: the map lets intents (which start with the case id) be compared by ref. */
    refsByCaseId: Object.fromEntries(
      [...report.cases, ...report.informationSessions, ...report.complianceVisits].map((c) => [c.caseId, c.ref]),
    ),
    cases: report.cases.map((c) => ({
      ref: c.ref,
      stage: c.stage,
      closedReason: c.closedReason,
      dates: c.dates,
      // The day a timer was acted on, not its instant: a retry after a fault acts seconds later the same day.
      reminders: c.reminders.map(day),
      breachAt: c.breachAt && day(c.breachAt),
      wper3: c.wper3,
      escalatedAt: c.escalatedAt && day(c.escalatedAt),
      report: c.report && {
        sentDate: c.report.sentDate,
        workingDaysTaken: c.report.workingDaysTaken,
        onTime: c.report.onTime,
        notRequired: c.report.notRequired,
        route: c.report.route,
      },
      flags: c.flags.map((f) => f.slice(11)),
    })),
    informationSessions: report.informationSessions.map((c) => ({
      ref: c.ref,
      stage: c.stage,
      closedReason: c.closedReason,
      dates: c.dates,
      sessions: c.sessions.map((s) => ({ date: s.date, outcome: s.outcome, rearranged: s.rearranged })),
      dnaNotices: c.dnaNotices.map((n) => ({ sessionDate: n.sessionDate, notifiedOn: n.notifiedOn })),
      wp11: c.wp11 && { late: c.wp11.late },
      flags: c.flags.map((f) => f.slice(11)),
    })),
    complianceVisits: report.complianceVisits.map((v) => ({
      ref: v.ref,
      stage: v.stage,
      dates: v.dates,
      prediction: v.prediction,
      actions: v.actions,
      esf3: v.esf3,
      cpr: v.cpr,
      flags: v.flags.map((f) => f.slice(11)),
    })),
  };
}

/** intent id (its case id replaced by the scenario's ref) → how many files the outbox holds for it. */
export function outboxByRef(outboxDir: string, refsByCaseId: Record<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of readdirSync(outboxDir)) {
    const file = /^\d{8}T\d{9}Z-(.+)\.eml$/.exec(name)?.[1];
    if (!file) continue;
    const caseId = Object.keys(refsByCaseId).find((id) => file.startsWith(id));
    const intent = caseId ? `${refsByCaseId[caseId]}${file.slice(caseId.length)}` : file;
    counts.set(intent, (counts.get(intent) ?? 0) + 1);
  }
  return counts;
}
