import type { MetricName } from './metric-names.ts';

/** The business figures a handler counts: EMF through Powertools in AWS, an in-memory meter locally. */
export interface Figures {
  count(name: MetricName, value?: number, dimensions?: Record<string, string>): void;
}
