import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Figures } from '../../ports/figures.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../ports/metric-names.ts';

/** One logger, one metrics and one tracer per function, as the Powertools examples do. */
export const logger = new Logger({ serviceName: SERVICE_NAME });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
export const tracer = new Tracer({ serviceName: SERVICE_NAME });

/**
 * The functions' figures as CloudWatch embedded metric format. A figure with dimensions (e.g. the rejection
 * Reason) goes out as its own EMF blob so its dimension does not leak onto the other figures.
 */
export const emfFigures: Figures = {
  count(name, value = 1, dimensions) {
    if (dimensions && Object.keys(dimensions).length > 0) {
      const single = metrics.singleMetric();
      for (const [k, v] of Object.entries(dimensions)) single.addDimension(k, v);
      single.addMetric(name, 'Count', value);
      return;
    }
    metrics.addMetric(name, 'Count', value);
  },
};
