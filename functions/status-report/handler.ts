import { exitReportRecordKind } from '../../adapters/store/exit-report-records.ts';
import type { ExitReportCase } from '../../domain/exit-report/case.ts';
import { checkContinuity } from '../commons/continuity.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { processes } from '../commons/processes/index.ts';
import { type CaseloadStatus, caseloadStatus } from './status.ts';

/**
 * Daily: the gauges the dashboard cannot count from events (due in the next 5 working days, open WPER3s, open
 * ESF2a actions by deadline).
 */
export function makeStatusReportHandler(deps: CaseHandlerDeps) {
  return async function statusReport(): Promise<CaseloadStatus> {
    // Business continuity: Work Programme Division is emailed once email has been suspended for 48 hours.
    await checkContinuity(deps);
    const records: ExitReportCase[] = [];
    for await (const { record } of deps.cases.recordsOf(exitReportRecordKind).all()) records.push(record);
    const status = caseloadStatus(records, deps.now(), deps.config);
    deps.figures.count('ExitReportsDueNext5WorkingDays', status.dueNext5WorkingDays.length);
    deps.figures.count('Wper3RemindersOpen', status.wper3Open);
    for (const process of processes) {
      if (!process.gauges) continue;
      const all = [];
      for await (const { record } of deps.cases.recordsOf(process.kind).all()) all.push(record);
      for (const m of process.gauges(all, deps.now(), process.configFrom(deps.config))) {
        deps.figures.count(m.name as never, m.value, m.dimensions);
      }
    }
    return status;
  };
}
