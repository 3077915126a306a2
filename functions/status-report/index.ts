import { awsDeps } from '../commons/aws.ts';
import { lambda } from '../commons/middy.ts';
import { logger } from '../commons/powertools.ts';
import { makeStatusReportHandler } from './handler.ts';

/** EventBridge schedule, daily: the dashboard's gauges, from the case records. */
export const handler = lambda(async () => {
  const status = await makeStatusReportHandler(await awsDeps())();
  logger.info('caseload status', {
    openRequests: status.openRequests,
    dueNext5WorkingDays: status.dueNext5WorkingDays.length,
    overdue: status.overdue,
    wper3Open: status.wper3Open,
  });
  return { openRequests: status.openRequests, dueNext5WorkingDays: status.dueNext5WorkingDays.length };
});
