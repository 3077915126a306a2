import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTOMATIC } from '../../domain/exit-report/error-records.ts';
import { startMailSystem, wper2eMail } from './wper2e-mail.ts';

/**
 * Para 39, automatically: a WPER2E that repeats a request already handled from an earlier email is a duplicate
 * (no second cycle, shown to the SPoC lead and kept on the message's outcome); one that arrives as the re-send of
 * an email never received is recorded on the case as "original email not received" and flagged, the deadline
 * still counted from the request date. Real mail through the inbound handler, on a virtual clock.
 */
describe('re-sent WPER2E requests (para 39)', () => {
  let h: Awaited<ReturnType<typeof startMailSystem>>;
  const flaggedToLead = () =>
    h.sent.filter((m) => m.intentId.startsWith('form-flagged:') && m.to.includes('spoc-lead@provider.example'));
  beforeEach(async () => {
    h = await startMailSystem('wp-resent-');
  });
  afterEach(async () => {
    await h.stop();
  });

  it('the same request from a second email is a duplicate: no second cycle, the SPoC lead told, kept on the outcome', async () => {
    await h.at('2025-12-17T10:00:00Z');
    const first = { date: 'Wed, 17 Dec 2025 10:00:00 +0000', requestDate: '17/12/2025' };
    await h.inject('first', wper2eMail({ messageId: 'first@jcp.example', ...first }));
    expect(flaggedToLead()).toEqual([]);

    await h.at('2025-12-17T15:00:00Z');
    const outcome = await h.inject('again', wper2eMail({ messageId: 'again@jcp.example', ...first }));
    expect(outcome).toMatchObject({ status: 'accepted', actioned: 0, flagged: 1 });
    expect(await h.outcomeOf('again')).toMatchObject({
      duplicateRows: 2,
      duplicateOf: [expect.stringContaining('first@jcp.example')],
    });
    const flags = (await h.outcomeOf('again')).flags as string[];
    expect(flags[0]).toMatch(
      /^2 row\(s\) \(JT\*{4}56A, KP\*{4}21B\) were already requested, with the same request date/,
    );
    expect(flags[0]).toContain('no second cycle and nothing sent again (para 39)');
    expect(flaggedToLead()).toHaveLength(1);
    for (const nino of h.cases.keys()) {
      const r = await h.record(nino);
      expect(r).toMatchObject({ stage: 'report-due', cycle: 1 });
      expect(r.request?.messageId).toContain('first@jcp.example');
      expect(h.sent.filter((m) => m.intentId.startsWith(`${h.cases.get(nino)}:request-received`))).toHaveLength(1);
    }
    // Destroying the duplicate withdraws nothing: the first email's requests stand.
    const result = await h.staff({
      action: 'destroy-inbound-message',
      message: (await h.outcomeOf('again')).key,
      grounds: 'sent-in-error',
      reason: 'A second copy.',
      by: 'spoc-lead@provider.example',
    });
    expect(result.destroyed).toMatchObject({ withdrawn: [] });
    expect((await h.record('JT123456A')).stage).toBe('report-due');
  });

  it('a request dated working days before it arrived is the re-send of one never received: recorded and flagged, due from the request date', async () => {
    // Wed 17 Dec 2025's email never arrived; the District called and re-sent it on Fri 19 Dec.
    await h.at('2025-12-19T11:00:00Z');
    const outcome = await h.inject(
      'resent',
      wper2eMail({
        messageId: 'resent@jcp.example',
        date: 'Fri, 19 Dec 2025 11:00:00 +0000',
        requestDate: '17/12/2025',
      }),
    );
    expect(outcome).toMatchObject({ status: 'accepted', actioned: 2 });
    const r = await h.record('JT123456A');
    expect(r.deadlines.exitReport?.due).toBe('2026-01-02');
    expect(r.request?.resent?.signals).toEqual([
      'the request date Wed 17 Dec 2025 is one or more working days before it arrived (Fri 19 Dec 2025)',
    ]);
    expect(r.audit.find((a) => a.what === 'original email not received')).toMatchObject({ flag: true });
    expect(r.errorRecords).toEqual([
      expect.objectContaining({
        what: 'original-not-received',
        recordedBy: AUTOMATIC,
        cycle: 1,
        keepUntil: '2026-03-19',
      }),
    ]);
    expect(await h.outcomeOf('resent')).toMatchObject({ resent: { rows: 2 } });
    const lead = flaggedToLead();
    expect(lead).toHaveLength(1);
    expect(lead[0]?.text).toContain('Re-sent WPER2E (para 39)');

    // Staff correct it by hand when the District says it was sent once (the record stays, the correction beside it).
    await h.staff({
      action: 'district-call',
      case: { nino: 'JT123456A' },
      reason: 'original-received',
      calledOn: '2025-12-19',
      outcome: 'The District sent it once, on the 19th.',
      recordedBy: 'spoc@provider.example',
    });
    await h.clock.settle();
    const corrected = await h.record('JT123456A');
    expect(corrected.errorRecords?.map((e) => e.what)).toEqual(['original-not-received', 'original-received']);
    expect(corrected.audit.at(-1)?.what).toBe('correction: original request was received');
  });

  it.each([
    ['the subject', { subject: 'RE-SENT: Work Programme Exit Report Request' }, 'the subject says it is re-sent'],
    [
      "the District's note",
      { note: 'Re-sending: you did not accept the read receipt for the email of this morning.' },
      "the District SPoC's email says it is re-sent",
    ],
  ])('%s says it is re-sent, on the request date itself', async (_what, extra, signal) => {
    await h.at('2025-12-17T15:00:00Z');
    await h.inject(
      'said',
      wper2eMail({
        messageId: 'said@jcp.example',
        date: 'Wed, 17 Dec 2025 15:00:00 +0000',
        requestDate: '17/12/2025',
        ...extra,
      }),
    );
    const r = await h.record('KP654321B');
    expect(r.request?.resent?.signals).toEqual([signal]);
    expect(r.errorRecords?.[0]).toMatchObject({ what: 'original-not-received', recordedBy: AUTOMATIC });
  });

  it('a request that arrives on its request date, saying nothing of a re-send, records nothing', async () => {
    await h.at('2025-12-17T10:00:00Z');
    await h.inject(
      'plain',
      wper2eMail({
        messageId: 'plain@jcp.example',
        date: 'Wed, 17 Dec 2025 10:00:00 +0000',
        requestDate: '17/12/2025',
      }),
    );
    const r = await h.record('JT123456A');
    expect(r.request?.resent).toBeNull();
    expect(r.errorRecords).toBeUndefined();
    expect(await h.outcomeOf('plain')).not.toHaveProperty('resent');
  });
});
