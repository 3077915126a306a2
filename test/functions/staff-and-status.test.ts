import { afterEach, describe, expect, it } from 'vitest';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { caseloadStatus } from '../../functions/status-report/status.ts';
import { participant, startHarness, wper2e } from '../workflows/harness.ts';

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('staff actions', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  it('refers a participant once, however often the referral is repeated', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    const referral = { action: 'refer', participant: { ...participant(), nino: 'ab 12 34 56 c' } };
    const first = await staff(referral);
    const second = await staff(referral);
    expect(first).toMatchObject({ created: true });
    expect(second).toEqual({ caseId: first.caseId, created: false });
    await h.clock.settle();
    expect([...h.system.sfn.executions.values()].map((e) => e.name)).toEqual([`${first.caseId}-g0`]);
  });

  it('rejects a temporary reference number as a NINO, with the reason', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    await expect(staff({ action: 'refer', participant: { ...participant(), nino: 'TN 01 01 70 M' } })).rejects.toThrow(
      /temporary/i,
    );
  });

  it('confirms a clerical send by NINO once: a repeat changes nothing', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant({ scr: true }));
    await h.at('2025-12-17T10:00:00Z');
    await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
    await h.at('2025-12-19T15:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    const confirm = {
      action: 'confirm-sent',
      case: { nino: 'AB123456C' },
      sentDate: '2025-12-19',
      confirmedBy: 'no@provider.example',
    };
    expect(await staff(confirm)).toEqual({ caseId, duplicate: false });
    await h.system.sfn.whenAllStopped();
    expect(await staff(confirm)).toEqual({ caseId, duplicate: true });
    const record = await h.record(caseId);
    expect(record.report).toMatchObject({ route: 'clerical', sentDate: '2025-12-19', workingDaysTaken: 3 });
  });

  it('refuses a confirmation dated in the future (it would count as on time)', async () => {
    h = await startHarness('2025-12-17T10:00:00Z');
    await h.system.refer(participant({ scr: true }));
    const staff = makeStaffActionHandler(h.system.deps);
    await expect(
      staff({
        action: 'confirm-sent',
        case: { nino: 'AB123456C' },
        sentDate: '2025-12-18',
        confirmedBy: 'no@provider.example',
      }),
    ).rejects.toThrow(/after today/);
  });
});

describe('caseload status', () => {
  it('counts reports due in the next 5 working days, open WPER3s and the share sent within 10 working days', async () => {
    const h = await startHarness('2024-01-03T08:00:00Z');
    try {
      const a = await h.system.refer(participant());
      const b = await h.system.refer(participant({ nino: 'CE123456D', division: 'scotland' }));
      await h.at('2025-12-17T10:00:00Z');
      await h.deliver(a, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
      await h.deliver(b, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
      await h.at('2025-12-29T10:00:00Z');
      const records = [await h.record(a), await h.record(b)];
      const status = caseloadStatus(records, h.clock.now(), h.system.options.config);
      // From Mon 29 Dec 2025, 5 working days reach Mon 5 Jan 2026 in both divisions: both are due soon.
      expect(status.dueNext5WorkingDays.map((d) => d.due)).toEqual(['2026-01-02', '2026-01-05']);
      expect(status.dueNext5WorkingDays[0]?.nino).not.toContain('123456');
      expect(status).toMatchObject({ openRequests: 2, overdue: 0, wper3Open: 0 });
    } finally {
      await h.stop();
    }
  });
});
