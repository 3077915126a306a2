import { awsDeps, awsExitReportSender } from '../commons/aws.ts';
import { lambda } from '../commons/middy.ts';
import { makeCaseStepHandler } from './handler.ts';

/** Step Functions lambda:invoke: every business step of the Exit Report workflow. */
export const handler = lambda(async (event: unknown) => {
  const deps = await awsDeps();
  return makeCaseStepHandler({ ...deps, exitReports: awsExitReportSender(deps) })(event);
});
