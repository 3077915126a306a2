import { awsDeps } from '../commons/aws.ts';
import { lambda } from '../commons/middy.ts';
import { makeProcessStepHandler } from '../commons/process.ts';
import { complianceProcess } from '../commons/processes/compliance.ts';

/** Step Functions lambda:invoke (and .waitForTaskToken): every step of the compliance handover workflow. */
export const handler = lambda(async (event: unknown) => {
  const deps = await awsDeps();
  const records = deps.cases.recordsOf(complianceProcess.kind);
  return makeProcessStepHandler(complianceProcess, { ...deps, records })(event);
});
