import { afterEach, describe, expect, it } from 'vitest';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { startHarness } from '../workflows/harness.ts';

/** Staff actions that name nothing the system knows, or say something impossible: refused with the reason. */
describe('staff actions on what does not exist', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  afterEach(async () => {
    await h?.stop();
  });

  it('refuses an action on an unknown case: by NINO (Exit Report, Information Session) or by visit reference', async () => {
    h = await startHarness('2026-03-02T09:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    await expect(
      staff({
        action: 'confirm-sent',
        case: { nino: 'AB123456C' },
        sentDate: '2026-03-02',
        confirmedBy: 'officer@provider.example',
      }),
    ).rejects.toMatchObject({ name: 'UnknownCase' });
    await expect(
      staff({ action: 'early-completion', case: { nino: 'AB123456C' }, reason: 'deceased', date: '2026-03-01' }),
    ).rejects.toMatchObject({ name: 'UnknownCase' });
    await expect(
      staff({
        action: 'information-session',
        case: { nino: 'AB123456C' },
        fact: { type: 'prap-cancelled', cancelledOn: '2026-03-02', confirmedBy: 'officer@provider.example' },
      }),
    ).rejects.toMatchObject({ name: 'UnknownCase' });
    await expect(
      staff({
        action: 'compliance',
        visit: { visitRef: 'V-NONE' },
        fact: { type: 'esf3-received', receivedDate: '2026-03-02' },
      }),
    ).rejects.toMatchObject({ name: 'UnknownCase' });
    // Nothing was created by the refusals.
    expect(h.sent).toEqual([]);
  });

  it('refuses a refresh of an MI return month without a reason, and an unknown action', async () => {
    h = await startHarness('2026-12-02T09:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    await expect(
      staff({ action: 'mi-return', month: '2026-11', request: 'refresh', by: 'mi-lead@provider.example' }),
    ).rejects.toThrow(/needs a reason/);
    await expect(staff({ action: 'delete-everything' })).rejects.toThrow();
  });
});
