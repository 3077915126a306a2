import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { logger, metrics, tracer } from './powertools.ts';

/**
 * The one middleware stack every function uses: metrics flushed as EMF, the Lambda context on every log line,
 * a trace segment per invocation. The event itself is never logged: it can carry a task token or a NINO.
 */
export function lambda<TEvent, TResult>(core: (event: TEvent) => Promise<TResult>) {
  return middy(core)
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(injectLambdaContext(logger, { logEvent: false }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }));
}
