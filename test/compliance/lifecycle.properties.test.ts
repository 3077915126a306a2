import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complianceFigures } from '../../domain/compliance/lifecycle.ts';
import { Driver, id, visit } from './driver.ts';

const OPENED = '2014-03-14T17:00:00Z';

describe('lifecycle properties', () => {
  it('after the window: outstanding = actions without evidence in time; prediction = min(outstanding, 5); each notice once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.tuple(fc.nat(29), fc.integer({ min: 0, max: 60 })), { maxLength: 40 }),
        (n, evidence) => {
          const d = new Driver(visit({ n }), OPENED);
          const inTime = new Set<string>();
          const sorted = [...evidence].sort((a, b) => a[1] - b[1]);
          for (const [i, hours] of sorted) {
            if (i >= n) continue;
            const reference = `ESF2a-${String(i + 1).padStart(2, '0')}`;
            const at = new Date(Date.parse('2014-03-14T16:30:00Z') + hours * 3_600_000).toISOString();
            d.deliver(at, { id: id(), type: 'evidence-recorded', reference, recordedAt: at, note: 'n' });
            if (hours <= 48) inTime.add(reference);
          }
          d.runUntil('2014-03-17T12:00:00Z');
          const outstanding = n - inTime.size;
          expect(d.c.prediction?.outstanding).toBe(outstanding);
          expect(d.c.prediction?.size).toBe(Math.min(outstanding, 5));
          const f = complianceFigures(d.c);
          expect(f.openByDeadline['evidence-window']).toBe(0);
          expect(d.sentOf('outstanding-and-selection')).toHaveLength(1);
          expect(d.c.stage).toBe(outstanding === 0 ? 'awaiting-esf3' : 'provider-action');
        },
      ),
      { numRuns: 60 },
    );
  });
});
