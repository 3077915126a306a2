import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_HEAP_CAP_MIB, runLifecycleChild } from '../../bench/lifecycle.ts';

// Issue 17 item 3: the bench's memory cap reaches the process that runs the lifecycle (tsx's CLI started a
// second node without it, whose heap limit was this machine's default).
describe('bench lifecycle child process', () => {
  it('runs with the old-space cap applied, and still takes every participant to the report sent', async () => {
    const result = await runLifecycleChild(3);
    expect(result.closedReportSent).toBe(3);
    expect(result.executions.failed).toBe(0);
    // heap_size_limit = the old-space cap plus the young generation's semispaces (a few tens of MiB).
    expect(result.heapLimitMiB).toBeGreaterThanOrEqual(LIFECYCLE_HEAP_CAP_MIB);
    expect(result.heapLimitMiB).toBeLessThan(LIFECYCLE_HEAP_CAP_MIB + 128);
    // Without the flag the limit is V8's default for this machine, well above the cap.
    const defaultLimitMiB = getHeapStatistics().heap_size_limit / 2 ** 20;
    expect(defaultLimitMiB).toBeGreaterThan(LIFECYCLE_HEAP_CAP_MIB + 128);
  }, 60_000);
});
