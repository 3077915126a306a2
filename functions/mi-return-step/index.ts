import { awsDeps } from '../commons/aws.ts';
import { lambda } from '../commons/middy.ts';
import { makeProcessStepHandler } from '../commons/process.ts';
import { miReturnProcess } from './process.ts';

/** Step Functions lambda:invoke (and .waitForTaskToken): every step of the monthly MI return workflow. */
export const handler = lambda(async (event: unknown) => {
  const deps = await awsDeps();
  const records = deps.cases.recordsOf(miReturnProcess.kind);
  return makeProcessStepHandler(miReturnProcess, { ...deps, records })(event);
});
