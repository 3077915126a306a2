import type { ExitReportCase } from '../../domain/lifecycle/exit-report-case.ts';
import type { CaseHandlerDeps } from '../commons/ports.ts';
import { type CaseloadStatus, caseloadStatus } from './status.ts';

/** Daily: the gauges the dashboard cannot count from events (due in the next 5 working days, open WPER3s). */
export function makeStatusReportHandler(deps: Pick<CaseHandlerDeps, 'cases' | 'figures' | 'now' | 'config'>) {
  return async function statusReport(): Promise<CaseloadStatus> {
    const records: ExitReportCase[] = [];
    for await (const { record } of deps.cases.allCases()) records.push(record);
    const status = caseloadStatus(records, deps.now(), deps.config);
    deps.figures.count('ExitReportsDueNext5WorkingDays', status.dueNext5WorkingDays.length);
    deps.figures.count('Wper3RemindersOpen', status.wper3Open);
    return status;
  };
}
