import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeReadReceipt } from '../../adapters/mail/compose.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { LocalSystem } from '../../local/runtime/system.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';

const notDesignated = readFileSync(
  fileURLToPath(new URL('../fixtures/mail/sender-not-designated.eml', import.meta.url)),
);

/** Paras 46, 49: a form agreed to have been sent in error is destroyed, and the record of what was done kept. */
describe('staff action destroy-inbound-message', () => {
  let dir: string;
  let system: LocalSystem;
  let wiring: ReturnType<typeof localMailWiring>;
  let clock: VirtualClock;

  beforeEach(async () => {
    clock = new VirtualClock('2026-03-02T10:00:00Z');
    dir = mkdtempSync(join(tmpdir(), 'wp-destroy-'));
    wiring = localMailWiring({ dataDir: dir, config: demoProviderConfig, clock });
    system = await LocalSystem.start({ ...wiring, clock, composeReadReceipt });
    await wiring.rawMail.store('m1', notDesignated);
    expect(await system.handleInboundMail({ messageKey: 'm1' })).toMatchObject({
      status: 'rejected',
      reason: 'sender',
    });
  });
  afterEach(async () => {
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deletes the raw message from the inbox and keeps who, when and why on the outcome', async () => {
    // Prepare
    const [message] = await system.cases.inboundMessages();
    if (!message) throw new Error('no outcome recorded');
    expect(existsSync(join(dir, 'inbox', 'm1.eml'))).toBe(true);
    const staff = makeStaffActionHandler(system.deps);

    // Act
    await clock.advanceTo(clock.now() + 3_600_000);
    const result = await staff({
      action: 'destroy-inbound-message',
      message: message.key,
      grounds: 'not-designated-inbox',
      reason: 'Agreed with the North District SPoC by phone: they will re-send from the designated inbox.',
      by: 'spoc.lead@provider.example',
    });

    // Assess: the message is gone; the outcome, with the record, stays
    expect(result).toMatchObject({ duplicate: false });
    expect(existsSync(join(dir, 'inbox', 'm1.eml'))).toBe(false);
    await expect(wiring.rawMail.get('m1')).rejects.toThrow(/ENOENT/);
    const [after] = await system.cases.inboundMessages();
    expect(after).toMatchObject({
      key: message.key,
      status: 'rejected',
      reason: 'sender',
      destroyed: {
        at: '2026-03-02T11:00:00.000Z',
        by: 'spoc.lead@provider.example',
        grounds: 'not-designated-inbox',
        reason: 'Agreed with the North District SPoC by phone: they will re-send from the designated inbox.',
      },
    });
  });

  it('keeps the first record on a repeat, refuses an unknown message and a missing reason', async () => {
    const [message] = await system.cases.inboundMessages();
    if (!message) throw new Error('no outcome recorded');
    const staff = makeStaffActionHandler(system.deps);
    const input = {
      action: 'destroy-inbound-message',
      message: message.key,
      grounds: 'sent-in-error',
      reason: 'Sent to us in error (para 46).',
      by: 'spoc.lead@provider.example',
    };
    await staff(input);
    await clock.advanceTo(clock.now() + 60_000);
    expect(await staff({ ...input, reason: 'again', by: 'other@provider.example' })).toMatchObject({
      duplicate: true,
      destroyed: { by: 'spoc.lead@provider.example', reason: 'Sent to us in error (para 46).' },
    });
    await expect(staff({ ...input, message: '0'.repeat(32) })).rejects.toThrow(/No inbound message/);
    await expect(staff({ ...input, reason: '  ' })).rejects.toThrow(/Enter what was agreed/);
  });
});
