import { afterEach, describe, expect, it } from 'vitest';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { participant, startHarness, submitReport, wper2e } from './harness.ts';

type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The participant's copy of their Exit Report (CPA 18 ch.10 paras 63–64). */
describe("the participant's copy", () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  async function requested() {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant());
    await h.at('2025-12-17T10:00:00Z');
    await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
    return { caseId, staff: makeStaffActionHandler(h.system.deps) };
  }

  it('reminds the caseworker when the report is sent with no copy recorded', async () => {
    const { caseId } = await requested();
    await h.at('2025-12-22T14:00:00Z');
    await submitReport(h, caseId, 'sub-1');
    expect((await h.record(caseId)).stage).toBe('closed');
    const reminders = h.sent.filter((m) => m.intentId === `${caseId}:participant-copy-missing@1`);
    expect(reminders.map((m) => m.to)).toEqual([['caseworker@provider.example']]);
  });

  it('records the copy posted (the participant told the risks first): no reminder when the report goes', async () => {
    const { caseId, staff } = await requested();
    await h.at('2025-12-19T10:00:00Z');
    await staff({
      action: 'participant-copy',
      case: { nino: 'AB123456C' },
      offer: 'copy-given',
      how: 'posted',
      toldOfRisks: true,
      recordedBy: 'caseworker@provider.example',
    });
    await h.clock.settle();
    await h.at('2025-12-22T14:00:00Z');
    await submitReport(h, caseId, 'sub-1');
    const record = await h.record(caseId);
    expect(record.participantCopies).toEqual([
      {
        offer: 'copy-given',
        how: 'posted',
        toldOfRisks: true,
        recordedBy: 'caseworker@provider.example',
        cycle: 1,
        at: '2025-12-19T10:00:00.000Z',
      },
    ]);
    expect(h.sent.some((m) => m.intentId.includes('participant-copy-missing'))).toBe(false);
  });

  it.each([
    [
      { offer: 'copy-given', how: 'emailed', toldOfRisks: false },
      /must be aware of the risks of sending personal information by email \(para 64\)/,
    ],
    [{ offer: 'copy-given', how: null }, /Say how the copy was given/],
  ])('refuses %j with the reason', async (copy, message) => {
    await requested();
    const { staff } = { staff: makeStaffActionHandler(h.system.deps) };
    await expect(
      staff({
        action: 'participant-copy',
        case: { nino: 'AB123456C' },
        recordedBy: 'caseworker@provider.example',
        ...copy,
      }),
    ).rejects.toThrow(message);
  });

  it('told of the right to a copy, face to face not needed', async () => {
    const { caseId, staff } = await requested();
    await staff({
      action: 'participant-copy',
      case: { nino: 'AB123456C' },
      offer: 'told-of-right',
      recordedBy: 'caseworker@provider.example',
    });
    await h.clock.settle();
    const record = await h.record(caseId);
    expect(record.participantCopies?.[0]).toMatchObject({ offer: 'told-of-right', how: null });
    expect(record.audit.at(-1)?.what).toBe('participant told of their right to a copy');
  });
});
