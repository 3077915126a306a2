/**
 * The Performance Manager's selection (memo 147 step 3): "After the 48-Hour period has ended, the CMO will review
 * any outstanding ESF2a Actions and will select up to 5 (20%) for the PM to check/follow up (if the number is less
 * than 5 then all ESF2a's will be selected)".
 *
 * Reading: the number selected is min(outstanding, 5). The "(20%)" explains the 5 (one in five of the CMO's usual
 * 25-record sample), it is not a second formula. Reasons (docs/compliance-handover.md):
 * - the memo's own parenthesis ("less than 5 then all") only makes sense if 5 is the number for 5 and more;
 * - "20% of outstanding, rounded" would select 4 of 4 but only 2 of 6: fewer checks for more problems;
 * - issue 7 expects 12 outstanding → 5 selected (20% of 12 rounded up would be 3).
 * The prediction is only a prediction: the CMO chooses which ones; the actual selection is recorded from the
 * CMO's handover and always wins.
 */
export const PM_SELECTION_MAX = 5;

export function predictedSelectionSize(outstanding: number): number {
  if (!Number.isInteger(outstanding) || outstanding < 0) {
    throw new RangeError(`outstanding must be a whole number ≥ 0, got ${outstanding}`);
  }
  return Math.min(outstanding, PM_SELECTION_MAX);
}

export interface PredictedSelection {
  outstanding: number;
  size: number;
  /** True when every outstanding action will be selected (fewer than 6 outstanding): the prediction is exact. */
  all: boolean;
  /** The references certainly selected (all of them when `all`), else empty: the CMO chooses which 5. */
  certain: string[];
  /** The references the CMO chooses from. */
  candidates: string[];
}

export function predictSelection(outstandingRefs: readonly string[]): PredictedSelection {
  const size = predictedSelectionSize(outstandingRefs.length);
  const all = size === outstandingRefs.length;
  return {
    outstanding: outstandingRefs.length,
    size,
    all,
    certain: all ? [...outstandingRefs] : [],
    candidates: [...outstandingRefs],
  };
}
