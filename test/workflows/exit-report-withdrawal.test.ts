import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { LocalSystem } from '../../local/runtime/system.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';
import type { OutboundMessage } from '../../ports/mail.ts';
import { exitReportDocument, participant } from './harness.ts';
import { wper2eMail } from './wper2e-mail.ts';

/**
 * Paras 46–50: a destroyed form withdraws the requests it delivered (the clock stops: no reminder, breach or send
 * from it), and a single row with wrong details is removed from a received form while the rest continues. Real
 * inbound mail through the handler, on a virtual clock.
 */
describe('withdrawing what a form delivered (paras 46-50)', () => {
  let dir: string;
  let clock: VirtualClock;
  let system: LocalSystem;
  let staff: ReturnType<typeof makeStaffActionHandler>;
  let sent: string[];
  const cases = new Map<string, string>();
  const inject = async (key: string, raw: Buffer) => {
    await localMailWiring({ dataDir: dir, config: demoProviderConfig, clock }).rawMail.store(key, raw);
    const outcome = await system.handleInboundMail({ messageKey: key });
    await clock.settle();
    return outcome;
  };
  const record = async (nino: string) => (await system.exitReports.get(cases.get(nino) as string)).record;
  const at = async (iso: string) => clock.advanceTo(Date.parse(iso));
  const sentFor = (nino: string, purpose: string) => sent.filter((id) => id === `${cases.get(nino)}:${purpose}`);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wp-withdraw-'));
    clock = new VirtualClock('2024-01-03T08:00:00Z');
    sent = [];
    const wiring = localMailWiring({ dataDir: dir, config: demoProviderConfig, clock });
    system = await LocalSystem.start({
      ...wiring,
      clock,
      mailer: {
        async send(message: OutboundMessage) {
          sent.push(message.intentId);
          return { messageId: `<${message.intentId}@local>` };
        },
      },
    });
    staff = makeStaffActionHandler(system.deps);
    for (const nino of ['JT123456A', 'KP654321B']) {
      cases.set(nino, await system.refer(participant({ nino, referralDate: '2024-01-03' })));
    }
  });
  afterEach(async () => {
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('destroyed after the request is recorded and before the send: nothing sent, no breach at day 10; the re-issued request runs a full cycle', async () => {
    await at('2025-12-17T10:00:00Z');
    const outcome = await inject(
      'first',
      wper2eMail({
        messageId: 'first@jcp.example',
        date: 'Wed, 17 Dec 2025 10:00:00 +0000',
        requestDate: '17/12/2025',
      }),
    );
    expect(outcome).toMatchObject({ status: 'accepted', actioned: 2 });
    expect(await record('JT123456A')).toMatchObject({
      stage: 'report-due',
      deadlines: { exitReport: { due: '2026-01-02' } },
    });

    // The District SPoC agrees it was sent in error; the SPoC lead destroys it (para 46).
    await at('2025-12-18T11:00:00Z');
    const [message] = await system.cases.inboundMessages();
    const result = await staff({
      action: 'destroy-inbound-message',
      message: message?.key,
      grounds: 'sent-in-error',
      reason: 'Agreed with the North District SPoC by phone: meant for another provider.',
      by: 'spoc-lead@provider.example',
    });
    await clock.settle();
    expect((result.destroyed as { withdrawn: string[] }).withdrawn).toHaveLength(2);
    for (const nino of cases.keys()) {
      const r = await record(nino);
      expect(r).toMatchObject({ stage: 'awaiting-request', request: null, deadlines: { exitReport: null } });
      expect(r.audit.at(-1)).toMatchObject({ what: 'request withdrawn', flag: true });
      expect(r.audit.at(-1)?.detail).toContain('recorded by spoc-lead@provider.example');
      expect(r.errorRecords).toEqual([
        expect.objectContaining({ what: 'request-withdrawn', recordedBy: 'spoc-lead@provider.example', cycle: 1 }),
      ]);
    }

    // A caseworker's report for the withdrawn request is not sent: it is flagged.
    await at('2025-12-19T14:00:00Z');
    const caseId = cases.get('JT123456A') as string;
    await system.cases.putCaseAttachment(
      caseId,
      'SUBMISSION#s1',
      { document: exitReportDocument({ nino: 'JT123456A', participantDetails: 'Alex Example JT123456A' }) },
      2e9,
    );
    await system.deliver(caseId, {
      id: 's1',
      type: 'report-submitted',
      submittedAt: new Date(clock.now()).toISOString(),
      messageId: '<s1@provider.example>',
      submissionKey: 'SUBMISSION#s1',
    });
    await clock.settle();
    expect((await record('JT123456A')).audit.at(-1)).toMatchObject({ what: 'report-submitted flagged' });

    // Past day 10 (Fri 2 Jan 2026): no reminder, no breach, no send from the withdrawn request.
    await at('2026-01-06T08:00:00Z');
    for (const nino of cases.keys()) {
      for (const purpose of ['reminder-5@1', 'reminder-2@1', 'overdue@1', 'exit-report@1']) {
        expect(sentFor(nino, purpose)).toEqual([]);
      }
      expect((await record(nino)).audit.some((a) => a.what.startsWith('breach'))).toBe(false);
    }

    // Para 48: the District re-issues with an amended request date: a full new 10 working days.
    await at('2026-01-06T10:00:00Z');
    expect(
      await inject(
        'reissued',
        wper2eMail({
          messageId: 'reissued@jcp.example',
          date: 'Tue, 6 Jan 2026 10:00:00 +0000',
          requestDate: '06/01/2026',
        }),
      ),
    ).toMatchObject({ status: 'accepted', actioned: 2 });
    const reissued = await record('JT123456A');
    expect(reissued).toMatchObject({ stage: 'report-due', cycle: 2, deadlines: { exitReport: { due: '2026-01-19' } } });
    expect(reissued.audit.some((a) => a.what === 'original email not received')).toBe(false);
    await at('2026-01-20T08:00:00Z');
    expect(sentFor('JT123456A', 'reminder-5@2')).toHaveLength(1);
    expect(sentFor('JT123456A', 'overdue@2')).toHaveLength(1);
  });

  it('one row with wrong details removed (para 49): that case stops, the rest of the form continues (para 50)', async () => {
    await at('2025-12-17T10:00:00Z');
    await inject(
      'form',
      wper2eMail({ messageId: 'form@jcp.example', date: 'Wed, 17 Dec 2025 10:00:00 +0000', requestDate: '17/12/2025' }),
    );
    await at('2025-12-18T11:00:00Z');
    const removed = await staff({
      action: 'remove-request-row',
      case: { nino: 'KP654321B' },
      grounds: 'wrong-details',
      reason: 'The District SPoC confirmed the NINO on row 2 is wrong (para 49).',
      by: 'spoc@provider.example',
    });
    await clock.settle();
    expect(removed).toMatchObject({ duplicate: false, eventId: 'withdrawn:2025-12-17@1' });
    const kp = await record('KP654321B');
    expect(kp).toMatchObject({ stage: 'awaiting-request', request: null });
    expect(kp.errorRecords?.[0]?.detail).toContain('wrong details and was removed from the form (para 49)');
    expect((await record('JT123456A')).stage).toBe('report-due');
    // A second removal finds no open request, and says so.
    await expect(
      staff({
        action: 'remove-request-row',
        case: { nino: 'KP654321B' },
        grounds: 'wrong-details',
        reason: 'again',
        by: 'spoc@provider.example',
      }),
    ).rejects.toThrow(/has no open Exit Report request to remove from its form \(awaiting-request\)/);

    await at('2026-01-05T08:00:00Z');
    expect(sentFor('JT123456A', 'overdue@1')).toHaveLength(1);
    expect(sentFor('KP654321B', 'overdue@1')).toEqual([]);

    // The corrected form may keep the request date: it is taken, not discarded as a repeat (already overdue).
    await at('2026-01-05T10:00:00Z');
    await inject(
      'corrected',
      wper2eMail({
        messageId: 'corrected@jcp.example',
        date: 'Mon, 5 Jan 2026 10:00:00 +0000',
        requestDate: '17/12/2025',
        ninos: ['KP654321B'],
      }),
    );
    const corrected = await record('KP654321B');
    expect(corrected).toMatchObject({ stage: 'overdue', cycle: 2, deadlines: { exitReport: { due: '2026-01-02' } } });
    expect(corrected.request?.messageId).toContain('corrected@jcp.example');
    expect(corrected.audit.some((a) => a.what === 'original email not received')).toBe(false);
  });

  it('a destroyed form whose report already went leaves that case as it is, and says so', async () => {
    await at('2025-12-17T10:00:00Z');
    await inject(
      'sent',
      wper2eMail({
        messageId: 'sent@jcp.example',
        date: 'Wed, 17 Dec 2025 10:00:00 +0000',
        requestDate: '17/12/2025',
        ninos: ['JT123456A'],
      }),
    );
    await at('2025-12-22T14:00:00Z');
    const caseId = cases.get('JT123456A') as string;
    await system.cases.putCaseAttachment(
      caseId,
      'SUBMISSION#s2',
      { document: exitReportDocument({ nino: 'JT123456A', participantDetails: 'Alex Example JT123456A' }) },
      2e9,
    );
    await system.deliver(caseId, {
      id: 's2',
      type: 'report-submitted',
      submittedAt: new Date(clock.now()).toISOString(),
      messageId: '<s2@provider.example>',
      submissionKey: 'SUBMISSION#s2',
    });
    await clock.settle();
    expect((await record('JT123456A')).stage).toBe('closed');
    const [message] = await system.cases.inboundMessages();
    const result = await staff({
      action: 'destroy-inbound-message',
      message: message?.key,
      grounds: 'sent-in-error',
      reason: 'Agreed with the District SPoC.',
      by: 'spoc-lead@provider.example',
    });
    expect(result.destroyed).toMatchObject({
      withdrawn: [],
      notWithdrawn: [{ why: expect.stringContaining('report already sent') }],
    });
    expect(await record('JT123456A')).toMatchObject({ stage: 'closed', closedReason: 'report-sent' });
  });
});
