import { composeExitReportEmail } from '../../adapters/mail/compose.ts';
import { checkExitReport } from '../../domain/exit-report/content-check.ts';
import { awsDeps } from '../commons/aws.ts';
import { lambda } from '../commons/middy.ts';
import { makeProcessStepHandler } from '../commons/process.ts';
import { makeExitReportProcess } from '../commons/processes/exit-report.ts';

const exitReports = makeExitReportProcess({
  checkReport: checkExitReport,
  composeExitReport: (input) => composeExitReportEmail(input),
});

/** Step Functions lambda:invoke (and .waitForTaskToken): every step of the Exit Report workflow. */
export const handler = lambda(async (event: unknown) => {
  const deps = await awsDeps();
  return makeProcessStepHandler(exitReports, { ...deps, records: deps.cases.recordsOf(exitReports.kind) })(event);
});
