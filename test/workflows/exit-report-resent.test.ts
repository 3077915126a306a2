import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { AUTOMATIC } from '../../domain/exit-report/error-records.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { LocalSystem } from '../../local/runtime/system.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';
import type { OutboundMessage } from '../../ports/mail.ts';
import { participant } from './harness.ts';
import { wper2eMail } from './wper2e-mail.ts';

/**
 * Para 39, automatically: a WPER2E that repeats a request already handled from an earlier email is a duplicate
 * (no second cycle, shown to the SPoC lead and kept on the message's outcome); one that arrives as the re-send of
 * an email never received is recorded on the case as "original email not received" and flagged, the deadline
 * still counted from the request date. Real mail through the inbound handler, on a virtual clock.
 */
describe('re-sent WPER2E requests (para 39)', () => {
  let dir: string;
  let clock: VirtualClock;
  let system: LocalSystem;
  let sent: Array<{ intentId: string; to: string[]; text: string }>;
  const cases = new Map<string, string>();
  const at = async (iso: string) => clock.advanceTo(Date.parse(iso));
  const inject = async (key: string, raw: Buffer) => {
    await localMailWiring({ dataDir: dir, config: demoProviderConfig, clock }).rawMail.store(key, raw);
    const outcome = await system.handleInboundMail({ messageKey: key });
    await clock.settle();
    return outcome;
  };
  const record = async (nino: string) => (await system.exitReports.get(cases.get(nino) as string)).record;
  /** The message's outcome item: what the console's Inbound mail page lists (its flags), and what it keeps. */
  const outcomeOf = async (messageKey: string) => {
    const listed = (await system.cases.inboundMessages()).find((m) => m.messageKey === messageKey);
    return { ...(await system.cases.getMessage(listed?.key ?? '')), ...listed } as Record<string, unknown>;
  };
  const flaggedToLead = () =>
    sent.filter((m) => m.intentId.startsWith('form-flagged:') && m.to.includes('spoc-lead@provider.example'));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wp-resent-'));
    clock = new VirtualClock('2024-01-03T08:00:00Z');
    sent = [];
    system = await LocalSystem.start({
      ...localMailWiring({ dataDir: dir, config: demoProviderConfig, clock }),
      clock,
      mailer: {
        async send(message: OutboundMessage) {
          sent.push({ intentId: message.intentId, to: message.to, text: message.raw.toString('utf8') });
          return { messageId: `<${message.intentId}@local>` };
        },
      },
    });
    for (const nino of ['JT123456A', 'KP654321B']) {
      cases.set(nino, await system.refer(participant({ nino, referralDate: '2024-01-03' })));
    }
  });
  afterEach(async () => {
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the same request from a second email is a duplicate: no second cycle, the SPoC lead told, kept on the outcome', async () => {
    await at('2025-12-17T10:00:00Z');
    const first = { date: 'Wed, 17 Dec 2025 10:00:00 +0000', requestDate: '17/12/2025' };
    await inject('first', wper2eMail({ messageId: 'first@jcp.example', ...first }));
    expect(flaggedToLead()).toEqual([]);

    await at('2025-12-17T15:00:00Z');
    const outcome = await inject('again', wper2eMail({ messageId: 'again@jcp.example', ...first }));
    expect(outcome).toMatchObject({ status: 'accepted', actioned: 0, flagged: 1 });
    expect(await outcomeOf('again')).toMatchObject({
      duplicateRows: 2,
      duplicateOf: [expect.stringContaining('first@jcp.example')],
    });
    const flags = (await outcomeOf('again')).flags as string[];
    expect(flags[0]).toMatch(
      /^2 row\(s\) \(JT\*{4}56A, KP\*{4}21B\) were already requested, with the same request date/,
    );
    expect(flags[0]).toContain('no second cycle and nothing sent again (para 39)');
    expect(flaggedToLead()).toHaveLength(1);
    for (const nino of cases.keys()) {
      const r = await record(nino);
      expect(r).toMatchObject({ stage: 'report-due', cycle: 1 });
      expect(r.request?.messageId).toContain('first@jcp.example');
      expect(sent.filter((m) => m.intentId.startsWith(`${cases.get(nino)}:request-received`))).toHaveLength(1);
    }
    // Destroying the duplicate withdraws nothing: the first email's requests stand.
    const staff = makeStaffActionHandler(system.deps);
    const result = await staff({
      action: 'destroy-inbound-message',
      message: (await outcomeOf('again')).key,
      grounds: 'sent-in-error',
      reason: 'A second copy.',
      by: 'spoc-lead@provider.example',
    });
    expect(result.destroyed).toMatchObject({ withdrawn: [] });
    expect((await record('JT123456A')).stage).toBe('report-due');
  });

  it('a request dated working days before it arrived is the re-send of one never received: recorded and flagged, due from the request date', async () => {
    // Wed 17 Dec 2025's email never arrived; the District called and re-sent it on Fri 19 Dec.
    await at('2025-12-19T11:00:00Z');
    const outcome = await inject(
      'resent',
      wper2eMail({
        messageId: 'resent@jcp.example',
        date: 'Fri, 19 Dec 2025 11:00:00 +0000',
        requestDate: '17/12/2025',
      }),
    );
    expect(outcome).toMatchObject({ status: 'accepted', actioned: 2 });
    const r = await record('JT123456A');
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
    expect(await outcomeOf('resent')).toMatchObject({ resent: { rows: 2 } });
    const lead = flaggedToLead();
    expect(lead).toHaveLength(1);
    expect(lead[0]?.text).toContain('Re-sent WPER2E (para 39)');

    // Staff correct it by hand when the District says it was sent once (the record stays, the correction beside it).
    const staff = makeStaffActionHandler(system.deps);
    await staff({
      action: 'district-call',
      case: { nino: 'JT123456A' },
      reason: 'original-received',
      calledOn: '2025-12-19',
      outcome: 'The District sent it once, on the 19th.',
      recordedBy: 'spoc@provider.example',
    });
    await clock.settle();
    const corrected = await record('JT123456A');
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
    await at('2025-12-17T15:00:00Z');
    await inject(
      'said',
      wper2eMail({
        messageId: 'said@jcp.example',
        date: 'Wed, 17 Dec 2025 15:00:00 +0000',
        requestDate: '17/12/2025',
        ...extra,
      }),
    );
    const r = await record('KP654321B');
    expect(r.request?.resent?.signals).toEqual([signal]);
    expect(r.errorRecords?.[0]).toMatchObject({ what: 'original-not-received', recordedBy: AUTOMATIC });
  });

  it('a request that arrives on its request date, saying nothing of a re-send, records nothing', async () => {
    await at('2025-12-17T10:00:00Z');
    await inject(
      'plain',
      wper2eMail({
        messageId: 'plain@jcp.example',
        date: 'Wed, 17 Dec 2025 10:00:00 +0000',
        requestDate: '17/12/2025',
      }),
    );
    const r = await record('JT123456A');
    expect(r.request?.resent).toBeNull();
    expect(r.errorRecords).toBeUndefined();
    expect(await outcomeOf('plain')).not.toHaveProperty('resent');
  });
});
