import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PM_SELECTION_MAX, predictedSelectionSize, predictSelection } from '../../domain/compliance/selection.ts';

describe('predicted PM selection: "up to 5 (20%)", all if fewer than 5', () => {
  it.each([
    [0, 0],
    [1, 1],
    [3, 3],
    [4, 4],
    [5, 5],
    [6, 5],
    [12, 5],
    [24, 5],
    [25, 5],
    [26, 5],
    [100, 5],
  ])('%i outstanding → %i selected', (outstanding, size) => {
    expect(predictedSelectionSize(outstanding)).toBe(size);
  });

  it('12 outstanding: 5, not 20% of 12 (which would be 3 rounded up)', () => {
    expect(predictedSelectionSize(12)).toBe(5);
    expect(Math.ceil(12 * 0.2)).toBe(3);
  });

  it('25 outstanding: 5 is exactly 20% (where the parenthesis comes from)', () => {
    expect(predictedSelectionSize(25)).toBe(25 * 0.2);
  });

  it('all selected when 5 or fewer: the prediction names them', () => {
    const p = predictSelection(['A', 'B', 'C']);
    expect(p).toEqual({ outstanding: 3, size: 3, all: true, certain: ['A', 'B', 'C'], candidates: ['A', 'B', 'C'] });
  });

  it('more than 5: which ones is the CMO’s choice, so none is certain', () => {
    const refs = Array.from({ length: 12 }, (_, i) => `R${i}`);
    const p = predictSelection(refs);
    expect(p.size).toBe(5);
    expect(p.all).toBe(false);
    expect(p.certain).toEqual([]);
    expect(p.candidates).toHaveLength(12);
  });

  it('refuses negative or fractional counts', () => {
    expect(() => predictedSelectionSize(-1)).toThrow(RangeError);
    expect(() => predictedSelectionSize(2.5)).toThrow(RangeError);
  });

  it('property: between 0 and 5, never more than outstanding, at least 1 when any is outstanding', () => {
    fc.assert(
      fc.property(fc.nat(10_000), (n) => {
        const size = predictedSelectionSize(n);
        expect(size).toBeLessThanOrEqual(PM_SELECTION_MAX);
        expect(size).toBeLessThanOrEqual(n);
        expect(size >= 1).toBe(n >= 1);
        if (n <= 5) expect(size).toBe(n);
      }),
    );
  });

  it('property: more outstanding never means fewer selected (monotonic)', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(predictedSelectionSize(lo)).toBeLessThanOrEqual(predictedSelectionSize(hi));
      }),
    );
  });
});
