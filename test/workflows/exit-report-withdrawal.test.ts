import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitReportDocument } from './harness.ts';
import { startMailSystem, wper2eMail } from './wper2e-mail.ts';

/**
 * Paras 46–50: a destroyed form withdraws the requests it delivered (the clock stops: no reminder, breach or send
 * from it), and a single row with wrong details is removed from a received form while the rest continues. Real
 * inbound mail through the handler, on a virtual h.clock.
 */
describe('withdrawing what a form delivered (paras 46-50)', () => {
  let h: Awaited<ReturnType<typeof startMailSystem>>;
  const sentFor = (nino: string, purpose: string) =>
    h.sent.filter((m) => m.intentId === `${h.cases.get(nino)}:${purpose}`);
  beforeEach(async () => {
    h = await startMailSystem('wp-withdraw-');
  });
  afterEach(async () => {
    await h.stop();
  });

  it('destroyed after the request is recorded and before the send: nothing sent, no breach at day 10; the re-issued request runs a full cycle', async () => {
    await h.at('2025-12-17T10:00:00Z');
    const outcome = await h.inject(
      'first',
      wper2eMail({
        messageId: 'first@jcp.example',
        date: 'Wed, 17 Dec 2025 10:00:00 +0000',
        requestDate: '17/12/2025',
      }),
    );
    expect(outcome).toMatchObject({ status: 'accepted', actioned: 2 });
    expect(await h.record('JT123456A')).toMatchObject({
      stage: 'report-due',
      deadlines: { exitReport: { due: '2026-01-02' } },
    });

    // The District SPoC agrees it was sent in error; the SPoC lead destroys it (para 46).
    await h.at('2025-12-18T11:00:00Z');
    const [message] = await h.system.cases.inboundMessages();
    const result = await h.staff({
      action: 'destroy-inbound-message',
      message: message?.key,
      grounds: 'sent-in-error',
      reason: 'Agreed with the North District SPoC by phone: meant for another provider.',
      by: 'spoc-lead@provider.example',
    });
    await h.clock.settle();
    expect((result.destroyed as { withdrawn: string[] }).withdrawn).toHaveLength(2);
    for (const nino of h.cases.keys()) {
      const r = await h.record(nino);
      expect(r).toMatchObject({ stage: 'awaiting-request', request: null, deadlines: { exitReport: null } });
      expect(r.audit.at(-1)).toMatchObject({ what: 'request withdrawn', flag: true });
      expect(r.audit.at(-1)?.detail).toContain('recorded by spoc-lead@provider.example');
      expect(r.errorRecords).toEqual([
        expect.objectContaining({ what: 'request-withdrawn', recordedBy: 'spoc-lead@provider.example', cycle: 1 }),
      ]);
    }

    // A caseworker's report for the withdrawn request is not sent: it is flagged.
    await h.at('2025-12-19T14:00:00Z');
    const caseId = h.cases.get('JT123456A') as string;
    await h.system.cases.putCaseAttachment(
      caseId,
      'SUBMISSION#s1',
      { document: exitReportDocument({ nino: 'JT123456A', participantDetails: 'Alex Example JT123456A' }) },
      2e9,
    );
    await h.system.deliver(caseId, {
      id: 's1',
      type: 'report-submitted',
      submittedAt: new Date(h.clock.now()).toISOString(),
      messageId: '<s1@provider.example>',
      submissionKey: 'SUBMISSION#s1',
    });
    await h.clock.settle();
    expect((await h.record('JT123456A')).audit.at(-1)).toMatchObject({ what: 'report-submitted flagged' });

    // Past day 10 (Fri 2 Jan 2026): no reminder, no breach, no send from the withdrawn request.
    await h.at('2026-01-06T08:00:00Z');
    for (const nino of h.cases.keys()) {
      for (const purpose of ['reminder-5@1', 'reminder-2@1', 'overdue@1', 'exit-report@1']) {
        expect(sentFor(nino, purpose)).toEqual([]);
      }
      expect((await h.record(nino)).audit.some((a) => a.what.startsWith('breach'))).toBe(false);
    }

    // Para 48: the District re-issues with an amended request date: a full new 10 working days.
    await h.at('2026-01-06T10:00:00Z');
    expect(
      await h.inject(
        'reissued',
        wper2eMail({
          messageId: 'reissued@jcp.example',
          date: 'Tue, 6 Jan 2026 10:00:00 +0000',
          requestDate: '06/01/2026',
        }),
      ),
    ).toMatchObject({ status: 'accepted', actioned: 2 });
    const reissued = await h.record('JT123456A');
    expect(reissued).toMatchObject({ stage: 'report-due', cycle: 2, deadlines: { exitReport: { due: '2026-01-19' } } });
    expect(reissued.audit.some((a) => a.what === 'original email not received')).toBe(false);
    await h.at('2026-01-20T08:00:00Z');
    expect(sentFor('JT123456A', 'reminder-5@2')).toHaveLength(1);
    expect(sentFor('JT123456A', 'overdue@2')).toHaveLength(1);
  });

  it('one row with wrong details removed (para 49): that case stops, the rest of the form continues (para 50)', async () => {
    await h.at('2025-12-17T10:00:00Z');
    await h.inject(
      'form',
      wper2eMail({ messageId: 'form@jcp.example', date: 'Wed, 17 Dec 2025 10:00:00 +0000', requestDate: '17/12/2025' }),
    );
    await h.at('2025-12-18T11:00:00Z');
    const removed = await h.staff({
      action: 'remove-request-row',
      case: { nino: 'KP654321B' },
      grounds: 'wrong-details',
      reason: 'The District SPoC confirmed the NINO on row 2 is wrong (para 49).',
      by: 'spoc@provider.example',
    });
    await h.clock.settle();
    expect(removed).toMatchObject({ duplicate: false, eventId: 'withdrawn:2025-12-17@1' });
    const kp = await h.record('KP654321B');
    expect(kp).toMatchObject({ stage: 'awaiting-request', request: null });
    expect(kp.errorRecords?.[0]?.detail).toContain('wrong details and was removed from the form (para 49)');
    expect((await h.record('JT123456A')).stage).toBe('report-due');
    // A second removal finds no open request, and says so.
    await expect(
      h.staff({
        action: 'remove-request-row',
        case: { nino: 'KP654321B' },
        grounds: 'wrong-details',
        reason: 'again',
        by: 'spoc@provider.example',
      }),
    ).rejects.toThrow(/has no open Exit Report request to remove from its form \(awaiting-request\)/);

    await h.at('2026-01-05T08:00:00Z');
    expect(sentFor('JT123456A', 'overdue@1')).toHaveLength(1);
    expect(sentFor('KP654321B', 'overdue@1')).toEqual([]);

    // The corrected form may keep the request date: it is taken, not discarded as a repeat (already overdue).
    await h.at('2026-01-05T10:00:00Z');
    await h.inject(
      'corrected',
      wper2eMail({
        messageId: 'corrected@jcp.example',
        date: 'Mon, 5 Jan 2026 10:00:00 +0000',
        requestDate: '17/12/2025',
        ninos: ['KP654321B'],
      }),
    );
    const corrected = await h.record('KP654321B');
    expect(corrected).toMatchObject({ stage: 'overdue', cycle: 2, deadlines: { exitReport: { due: '2026-01-02' } } });
    expect(corrected.request?.messageId).toContain('corrected@jcp.example');
    expect(corrected.audit.some((a) => a.what === 'original email not received')).toBe(false);
  });

  it('a destroyed form whose report already went leaves that case as it is, and says so', async () => {
    await h.at('2025-12-17T10:00:00Z');
    await h.inject(
      'sent',
      wper2eMail({
        messageId: 'sent@jcp.example',
        date: 'Wed, 17 Dec 2025 10:00:00 +0000',
        requestDate: '17/12/2025',
        ninos: ['JT123456A'],
      }),
    );
    await h.at('2025-12-22T14:00:00Z');
    const caseId = h.cases.get('JT123456A') as string;
    await h.system.cases.putCaseAttachment(
      caseId,
      'SUBMISSION#s2',
      { document: exitReportDocument({ nino: 'JT123456A', participantDetails: 'Alex Example JT123456A' }) },
      2e9,
    );
    await h.system.deliver(caseId, {
      id: 's2',
      type: 'report-submitted',
      submittedAt: new Date(h.clock.now()).toISOString(),
      messageId: '<s2@provider.example>',
      submissionKey: 'SUBMISSION#s2',
    });
    await h.clock.settle();
    expect((await h.record('JT123456A')).stage).toBe('closed');
    const [message] = await h.system.cases.inboundMessages();
    const result = await h.staff({
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
    expect(await h.record('JT123456A')).toMatchObject({ stage: 'closed', closedReason: 'report-sent' });
  });
});
