import { afterEach, describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { computeDeadline } from '../../domain/deadlines/rules.ts';
import { renderExitReportNotice } from '../../domain/notices/exit-report-notices.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { participant, startHarness, wper2e } from './harness.ts';

type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Sub-contractors (CPA 18 ch.10 paras 42–44): each gets only its own participants' rows, one per email. */
describe('forwarding requests to sub-contractors', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  it('forwards each sub-contractor only its participants, one record per email, and keeps where and when for 3 months', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const a = await h.system.refer(participant({ nino: 'JT310601A', subContractor: 'SC-01' }));
    const b = await h.system.refer(participant({ nino: 'JT310602A', subContractor: 'SC-02' }));
    const own = await h.system.refer(participant({ nino: 'JT310603A' }));
    const scr = await h.system.refer(participant({ nino: 'JT310604A', subContractor: 'SC-01', scr: true }));
    await h.at('2025-12-17T10:00:00Z');
    // The rows of one WPER2E reach each case (the inbound handler splits the form per participant).
    for (const caseId of [a, b, own, scr]) await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));

    const forwards = h.sent.filter((m) => m.intentId.includes(':sub-contractor-forward@'));
    expect(forwards.map((m) => [m.intentId.split(':')[0], m.to])).toEqual(
      expect.arrayContaining([
        [a, ['exit-reports@northern-skills.example']],
        [b, ['wp-exit@pennine-trust.example']],
      ]),
    );
    // The provider's own participant and the SCR participant (never by unencrypted email) are not forwarded.
    expect(forwards).toHaveLength(2);
    for (const m of forwards) {
      const facts = JSON.parse(m.body.split('\r\n\r\n')[1] ?? '{}') as { nino: string };
      expect(facts.nino).toBe(m.intentId.startsWith(a) ? 'JT310601A' : 'JT310602A');
    }
    const record = await h.record(a);
    expect(record.subContractorRecords).toEqual([
      {
        what: 'forwarded',
        subContractor: 'SC-01',
        inbox: 'exit-reports@northern-skills.example',
        cycle: 1,
        at: '2025-12-17T10:00:00.000Z',
        keepUntil: '2026-03-17',
      },
    ]);
    expect((await h.record(own)).subContractorRecords).toBeUndefined();
  });

  it('sent to the wrong sub-contractor: staff record it, the sub-contractor is emailed to delete it, the record kept', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    const a = await h.system.refer(participant({ nino: 'JT310605A', subContractor: 'SC-01' }));
    await h.at('2025-12-17T10:00:00Z');
    await h.deliver(a, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
    await h.at('2025-12-18T11:00:00Z');
    await staff({
      action: 'sub-contractor-misdirected',
      case: { nino: 'JT310605A' },
      subContractor: 'SC-02',
      recordedBy: 'spoc@provider.example',
    });
    await h.clock.settle();
    const deletion = h.sent.filter((m) => m.intentId.includes(':sub-contractor-deletion:'));
    expect(deletion.map((m) => m.to)).toEqual([['wp-exit@pennine-trust.example']]);
    const record = await h.record(a);
    expect(record.stage).toBe('report-due');
    expect(record.subContractorRecords?.at(-1)).toEqual({
      what: 'sent-to-wrong-sub-contractor',
      subContractor: 'SC-02',
      inbox: 'wp-exit@pennine-trust.example',
      cycle: 1,
      at: '2025-12-18T11:00:00.000Z',
      recordedBy: 'spoc@provider.example',
      keepUntil: '2026-03-18',
    });
    expect(record.audit.at(-1)).toMatchObject({ what: 'sent to the wrong sub-contractor', flag: true });
    await expect(
      staff({
        action: 'sub-contractor-misdirected',
        case: { nino: 'JT310605A' },
        subContractor: 'SC-99',
        recordedBy: 'spoc@provider.example',
      }),
    ).rejects.toThrow(/SC-99 is not a configured sub-contractor \(SC-01, SC-02\)/);
  });

  it('refuses a referral naming a sub-contractor that is not configured', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    await expect(
      staff({
        action: 'refer',
        participant: {
          nino: 'JT310606A',
          referralDate: '2024-01-03',
          division: 'england-and-wales',
          contract: 'CPA-18-0001',
          subContractor: 'SC-77',
          caseworkerEmail: 'caseworker@provider.example',
        },
      }),
    ).rejects.toThrow(/Sub-contractor SC-77 is not configured/);
  });

  it('the forwarded email: the standard subject, one NINO, dates a person reads', () => {
    const notice = renderExitReportNotice(
      {
        intentId: 'er-1:sub-contractor-forward@1',
        kind: 'sub-contractor-forward',
        to: ['exit-reports@northern-skills.example'],
        facts: {
          subContractor: 'Northern Skills Partnership',
          nino: 'JT310601A',
          requestDate: '2025-12-17',
          deadline: computeDeadline('exit-report', '2025-12-17'),
          submissionAddress: demoProviderConfig.provider.submissionAddress,
        },
      },
      demoProviderConfig,
    );
    expect(notice.subject).toBe('Work Programme Exit Report Request');
    expect(notice.text).toContain('NINO: JT310601A');
    expect(notice.text).toContain('Report return deadline: Fri 2 Jan 2026');
    expect(notice.text.match(/[A-Z]{2}\d{6}[A-D]/g)).toEqual(['JT310601A']);
    expect(notice.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
