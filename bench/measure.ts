// A small, honest timer: warm up, then several timed rounds; report the median and the spread.

export type Throughput = { perSecond: number; minPerSecond: number; maxPerSecond: number; rounds: number };

/**
 * Runs `batch(count)` (which must do `count` operations and return something derived from all of them, so
 * nothing can be optimised away) until `warmupMs` has passed, then `rounds` rounds of about `roundMs` each.
 */
export function measureThroughput(
  batch: (count: number) => unknown,
  options: { warmupMs?: number; roundMs?: number; rounds?: number } = {},
): Throughput {
  const { warmupMs = 300, roundMs = 300, rounds = 5 } = options;
  let sink: unknown;
  let count = 1000;
  const warmupEnd = performance.now() + warmupMs;
  while (performance.now() < warmupEnd) {
    const start = performance.now();
    sink = batch(count);
    const elapsed = performance.now() - start;
    if (elapsed < roundMs / 10) count *= 2;
  }
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    let done = 0;
    while (performance.now() - start < roundMs) {
      sink = batch(count);
      done += count;
    }
    rates.push(done / ((performance.now() - start) / 1000));
  }
  if (sink === Symbol.for('never')) console.log(sink);
  rates.sort((a, b) => a - b);
  return {
    perSecond: rates[Math.floor(rates.length / 2)] as number,
    minPerSecond: rates[0] as number,
    maxPerSecond: rates.at(-1) as number,
    rounds,
  };
}

export function spread(result: Throughput): string {
  const k = (n: number) => `${Math.round(n / 1000).toLocaleString('en-GB')}k`;
  return `median of ${result.rounds} rounds (${k(result.minPerSecond)}–${k(result.maxPerSecond)})`;
}

/** Median of `rounds` timings of `run`, in milliseconds. */
export function medianMs(run: () => unknown, rounds = 5): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}
