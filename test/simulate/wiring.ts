import { demoProviderConfig } from '../../domain/config.ts';
import type { SimulationWiring } from '../../local/simulate/run.ts';

/** Simple mail pieces for simulation tests: the subject is the notice kind, nothing is written to disk. */
export function testMailWiring(): SimulationWiring {
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
