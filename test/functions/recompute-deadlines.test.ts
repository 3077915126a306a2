import { describe, expect, it } from 'vitest';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { participant, startHarness, wper2e } from '../workflows/harness.ts';

describe('recomputing deadlines after a bank-holiday refresh', () => {
  it("moves an open case's dates to the current calendar, tells the SPoC lead, and re-plans the timers", async () => {
    const h = await startHarness('2024-01-03T08:00:00Z');
    try {
      const caseId = await h.system.refer(participant());
      await h.at('2025-12-17T10:00:00Z');
      await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
      // As if counted on an older calendar that had one more holiday: due Mon 5 Jan instead of Fri 2 Jan.
      const { record } = await h.system.exitReports.get(caseId);
      const stale = record.deadlines.exitReport;
      if (!stale) throw new Error('no exit report deadline');
      await h.system.exitReports.save(
        {
          ...record,
          deadlines: {
            ...record.deadlines,
            exitReport: { ...stale, due: '2026-01-05', dueAt: '2026-01-05T23:59:59.999Z' },
          },
        },
        record.version,
      );

      const staff = makeStaffActionHandler(h.system.deps);
      expect(await staff({ action: 'recompute-deadlines' })).toEqual({ checked: 1, changed: 1 });
      const after = await h.record(caseId);
      expect(after.deadlines.exitReport?.due).toBe('2026-01-02');
      expect(after.audit.at(-1)).toMatchObject({ what: 'deadlines recomputed', flag: true });
      expect(after.audit.at(-1)?.detail).toContain('exitReport: 2026-01-05 → 2026-01-02');
      expect(h.sentTo('deadlines-recomputed')[0]?.to).toEqual([
        'spoc-lead@provider.example',
        'caseworker@provider.example',
      ]);

      // The woken execution planned from the corrected date: the breach comes after Fri 2 Jan, not Mon 5 Jan.
      await h.at('2026-01-03T12:00:00Z');
      expect((await h.record(caseId)).stage).toBe('overdue');
      // Nothing else to correct: a second run changes nothing.
      expect(await staff({ action: 'recompute-deadlines' })).toEqual({ checked: 1, changed: 0 });
    } finally {
      await h.stop();
    }
  });
});
