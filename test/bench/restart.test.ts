import { describe, expect, it } from 'vitest';
import { runRestart } from '../../bench/restart.ts';

// Issue 17 item 4: the bench's restart measure, scaled down. Every open case is resumed from its record in a
// fresh process and waits again; none fails. (The resumed cases' behaviour is proven by test/faults.)
describe('bench restart', () => {
  it('resumes every open case in a fresh process on the same store, each waiting again', async () => {
    const result = await runRestart(40);
    expect(result).toMatchObject({ openCases: 40, resumed: 40, waiting: 40, failed: 0 });
    expect(result.restartSeconds).toBeGreaterThan(0);
    expect(result.processSeconds).toBeGreaterThanOrEqual(result.restartSeconds);
  }, 60_000);
});
