import { awsDeps } from '../commons/aws.ts';
import { lambda } from '../commons/middy.ts';
import { makeStaffActionHandler } from './handler.ts';

/** Operators: `aws lambda invoke` with a staff action (see DEPLOY.md). */
export const handler = lambda(async (event: unknown) => makeStaffActionHandler(await awsDeps())(event));
