import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import type { VirtualClock } from '../../local/runtime/clock.ts';
import { type ConsoleHarness, startConsoleHarness } from './harness.ts';

/** Staff notices about a case link to its page in the console, at the address the configuration gives. */
describe('notices link to the case page', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness('2026-03-02T10:00:00Z', {
      ...demoProviderConfig,
      consoleUrl: 'https://console.provider.example',
    });
  });
  afterAll(async () => h?.stop());

  it('adds the case page to a notice the workflow sends (an Information Session referral received)', async () => {
    const { caseId } = (await makeStaffActionHandler(h.live.system.deps)({
      action: 'refer-information-session',
      referral: {
        nino: 'JT310301A',
        referralDate: '2026-03-02',
        mandation: 'mandatory',
        caseworkerEmail: 'caseworker@provider.example',
      },
    })) as { caseId: string };
    await (h.live.system.clock as VirtualClock).settle();
    const mails = readdirSync(join(h.dir, 'outbox')).filter((f) => f.endsWith('.eml'));
    // The bodies are quoted-printable: soft line breaks and =XX escapes undone.
    const texts = mails.map((f) =>
      readFileSync(join(h.dir, 'outbox', f), 'utf8')
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    );
    const about = texts.filter((t) => t.includes(`https://console.provider.example/cases/${caseId}`));
    expect(about.length).toBe(mails.length);
    expect(mails.length).toBeGreaterThan(0);
  });
});
