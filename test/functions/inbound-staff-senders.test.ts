import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeReadReceipt } from '../../adapters/mail/compose.ts';
import { demoProviderConfig, type ProviderConfig } from '../../domain/config.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { LocalSystem } from '../../local/runtime/system.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';

const submission = readFileSync(
  fileURLToPath(new URL('../fixtures/mail/submission-good.eml', import.meta.url)),
  'utf8',
);

async function submitFrom(from: string, config: ProviderConfig) {
  const dir = mkdtempSync(join(tmpdir(), 'wp-staff-'));
  const clock = new VirtualClock('2024-06-10T14:00:00Z');
  const wiring = localMailWiring({ dataDir: dir, config, clock });
  const system = await LocalSystem.start({ ...wiring, clock, composeReadReceipt });
  try {
    await wiring.rawMail.store('m1', Buffer.from(submission.replace('caseworker.one@provider.example', from)));
    return await system.handleInboundMail({ messageKey: 'm1' });
  } finally {
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('who may submit an Exit Report for sending (para 72: the provider and its sub-contractors)', () => {
  it("refuses a sub-contractor's caseworker unless its domain is configured", async () => {
    expect(await submitFrom('caseworker@subcontractor.example', demoProviderConfig)).toMatchObject({
      status: 'rejected',
      reason: 'sender',
    });
  });

  it("takes a sub-contractor's submission when its domain is in staffSenderDomains", async () => {
    const config = { ...demoProviderConfig, staffSenderDomains: ['subcontractor.example'] };
    const outcome = await submitFrom('caseworker@subcontractor.example', config);
    expect(outcome.status).not.toBe('rejected');
    expect(outcome.kind).toBe('report-submission');
  });
});
