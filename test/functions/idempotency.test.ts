import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeReadReceipt } from '../../adapters/mail/compose.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { LocalSystem } from '../../local/runtime/system.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';

/** Input that repeats has one effect, and the repeat is recorded (issue 9). */
describe('repeated input', () => {
  let dir: string;
  let system: LocalSystem;
  afterEach(async () => {
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(at: string) {
    dir = mkdtempSync(join(tmpdir(), 'wp-repeat-'));
    const clock = new VirtualClock(at);
    const wiring = localMailWiring({ dataDir: dir, config: demoProviderConfig, clock });
    system = await LocalSystem.start({ ...wiring, clock, composeReadReceipt });
    return { clock, wiring };
  }

  it('the same stored message handled twice (an S3 event delivered twice): one outcome, the repeat counted', async () => {
    const { clock, wiring } = await start('2025-12-17T10:00:00Z');
    const raw = [
      'From: district-spoc.north@jcp.example',
      'To: exit-reports@provider.example',
      'Subject: Lunch on Friday',
      'Message-ID: <lunch-1@jcp.example>',
      'Date: Wed, 17 Dec 2025 09:00:00 +0000',
      '',
      'Nothing to do with Exit Reports.',
      '',
    ].join('\r\n');
    await wiring.rawMail.store('lunch-1', Buffer.from(raw));
    const first = await system.handleInboundMail({ messageKey: 'lunch-1' });
    const second = await system.handleInboundMail({ messageKey: 'lunch-1' });
    await clock.settle();
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('duplicate');
    const recorded = await system.cases.getMessage(
      (await import('node:crypto')).createHash('sha256').update('<lunch-1@jcp.example>').digest('hex').slice(0, 32),
    );
    expect(recorded).toMatchObject({ status: 'rejected', repeats: 1 });
  });

  it('a staff action said twice: one case, one confirmation; the repeat is in the audit', async () => {
    const { clock } = await start('2024-01-03T09:00:00Z');
    const staff = makeStaffActionHandler(system.deps);
    const referral = {
      action: 'refer',
      participant: {
        nino: 'AB123456C',
        referralDate: '2024-01-03',
        division: 'england-and-wales',
        contract: 'CPA-18-0001',
        scr: true,
        caseworkerEmail: 'caseworker@provider.example',
      },
    };
    const a = (await staff(referral)) as { caseId: string; created: boolean };
    const b = (await staff(referral)) as { caseId: string; created: boolean };
    expect(b).toEqual({ caseId: a.caseId, created: false });
    await clock.settle();

    await clock.advanceTo(Date.parse('2025-12-17T10:00:00Z'));
    await system.deliver(a.caseId, {
      id: 'request:2025-12-17',
      type: 'exit-report-request',
      form: 'WPER2E',
      requestDate: '2025-12-17',
      receivedAt: '2025-12-17T10:00:00Z',
      messageId: '<r@jcp.example>',
      returnEmail: 'district-spoc.north@jcp.example',
      printedDeadline: null,
    });
    await clock.settle();
    await clock.advanceTo(Date.parse('2025-12-19T10:00:00Z'));
    const confirm = {
      action: 'confirm-sent',
      case: { caseId: a.caseId },
      sentDate: '2025-12-19',
      confirmedBy: 'nominated-officer@provider.example',
    };
    expect(await staff(confirm)).toMatchObject({ duplicate: false });
    await clock.settle();
    expect(await staff(confirm)).toMatchObject({ duplicate: true });
    await clock.settle();
    const { record } = await system.exitReports.get(a.caseId);
    expect(record.stage).toBe('closed');
    expect(record.report?.route).toBe('clerical');
    expect(record.audit.filter((e) => e.what === 'repeat ignored')).toHaveLength(1);
  });
});
