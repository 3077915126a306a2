import { awsDeps } from '../commons/aws.ts';
import { checkContinuity } from '../commons/continuity.ts';
import { lambda } from '../commons/middy.ts';
import { logger } from '../commons/powertools.ts';
import { makeStatusReportHandler } from './handler.ts';

/**
 * EventBridge schedules: daily, the dashboard's gauges from the case records (and the continuity check);
 * hourly with {"run":"continuity-check"}, only the business continuity check (the 48-hour email to Work
 * Programme Division), so the hourly run does not scan the table.
 */
export const handler = lambda(async (event: { run?: string } | null) => {
  const deps = await awsDeps();
  if (event?.run === 'continuity-check') {
    const result = await checkContinuity(deps);
    logger.info('continuity check', result);
    return result;
  }
  const status = await makeStatusReportHandler(deps)();
  logger.info('caseload status', {
    openRequests: status.openRequests,
    dueNext5WorkingDays: status.dueNext5WorkingDays.length,
    overdue: status.overdue,
    wper3Open: status.wper3Open,
  });
  return { openRequests: status.openRequests, dueNext5WorkingDays: status.dueNext5WorkingDays.length };
});
