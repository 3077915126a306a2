import { demoProviderConfig } from '../domain/config.ts';
import type { SimulationWiring } from '../local/simulate/run.ts';

/**
 * Plain mail pieces for benchmarks (and the tests that read the workflow's decisions rather than the words): the
 * subject is the notice kind and the body its facts as JSON, nothing is written to disk, and the Exit Report
 * content check is a one-line stand-in (the real one, domain/exit-report/content-check.ts, has its own tests).
 * The bench measures the engine, the store and the handlers, not the renderers.
 */
export function plainMailWiring(): SimulationWiring {
  return {
    config: demoProviderConfig,
    mailer: { send: async (m) => ({ messageId: `<${m.intentId}@test>` }) },
    renderNotice: (intent) => ({ subject: intent.kind, text: JSON.stringify(intent.facts) }),
    composeNotice: async (n) => Buffer.from(`Subject: ${n.subject}\r\n\r\n${n.text}`),
    checkReport: (doc) =>
      /religio|trade union/i.test(doc.summary)
        ? { ok: false, problems: ['Special category data.'] }
        : { ok: true, problems: [] },
    composeExitReport: async ({ report }) => Buffer.from(`Subject: Work Programme Exit Report\r\n\r\n${report.nino}`),
  };
}
