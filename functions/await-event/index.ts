import { awsDeps } from '../commons/aws.ts';
import { lambda } from '../commons/middy.ts';
import { makeAwaitEventHandler } from './handler.ts';

/** Step Functions lambda:invoke.waitForTaskToken: stores the token on the case record (never logged). */
export const handler = lambda(async (event: unknown) => makeAwaitEventHandler(await awsDeps())(event));
