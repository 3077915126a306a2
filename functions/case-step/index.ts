import { composeExitReportEmail } from '../../adapters/mail/compose.ts';
import { checkExitReport } from '../../domain/exit-report/content-check.ts';
import { awsDeps } from '../commons/aws.ts';
import { lambda } from '../commons/middy.ts';
import { makeExitReportSender } from './exit-report-sender.ts';
import { makeCaseStepHandler } from './handler.ts';

/** Step Functions lambda:invoke: every business step of the Exit Report workflow. */
export const handler = lambda(async (event: unknown) => {
  const deps = await awsDeps();
  const exitReports = makeExitReportSender({
    ...deps,
    checkReport: checkExitReport,
    composeExitReport: (i) => composeExitReportEmail(i),
  });
  return makeCaseStepHandler({ ...deps, exitReports })(event);
});
