import { awsDeps } from '../commons/aws.ts';
import { lambda } from '../commons/middy.ts';
import { makeProcessStepHandler } from '../commons/process.ts';
import { informationSessionProcess } from '../commons/processes/information-session.ts';

/** Step Functions lambda:invoke (and .waitForTaskToken): every step of the Information Session workflow. */
export const handler = lambda(async (event: unknown) => {
  const deps = await awsDeps();
  const records = deps.cases.recordsOf(informationSessionProcess.kind);
  return makeProcessStepHandler(informationSessionProcess, { ...deps, records })(event);
});
