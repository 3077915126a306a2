import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseTable } from '../../adapters/store/case-table.ts';
import { StorageUnavailable } from '../../adapters/store/table.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import type { LocalFunction } from '../../local/runtime/step-functions.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';
import { runScenario, type SimulationReport } from '../../local/simulate/run.ts';
import { loadScenario } from '../../local/simulate/scenario.ts';
import { endState, outboxByRef } from './end-state.ts';

/**
 * Transient faults on the local runtime over the whole demo scenario, compared with a fault-free run:
 * - storage unavailable for 20 virtual seconds from 08:00 and from 09:00 UTC every day (09:00 London, winter and
 *   summer, is when reminders and deadlines fire), every call refused as DynamoDB refuses a throttled one, and
 *   once for 45 minutes (5 Jan 2026, a reminder morning), longer than any retry budget;
 * - functions failing with Lambda.ServiceException on 4% of invocations before they run, and on 4% after they
 *   have run and written (the answer lost: the step is retried after its writes).
 * The workflows' Retry (backoff with full jitter) and the handlers' idempotency must absorb all of it: every case
 * ends in the same business state, every message is in the outbox exactly once.
 */
const demo = fileURLToPath(new URL('../../scenarios/demo.json', import.meta.url));
const OUTAGE_MS = 20_000;

/** One long outage, longer than every retry budget: the executions pause and plan again instead of failing. */
const LONG_OUTAGE = [Date.parse('2026-01-05T08:55:00Z'), Date.parse('2026-01-05T09:40:00Z')] as const;

/** From the second day (the first day's 08:00 is the scenario's start, where the participants are referred). */
function outageAt(now: number, start: number): boolean {
  if (now < start + 86_400_000) return false;
  if (now >= LONG_OUTAGE[0] && now < LONG_OUTAGE[1]) return true;
  const ms = now % 86_400_000;
  return (
    (ms >= 8 * 3_600_000 && ms < 8 * 3_600_000 + OUTAGE_MS) || (ms >= 9 * 3_600_000 && ms < 9 * 3_600_000 + OUTAGE_MS)
  );
}

async function run(dir: string, faults: boolean) {
  const scenario = loadScenario(demo);
  const clock = new VirtualClock(scenario.start);
  const counts = { storageRefused: 0, refusedInLongOutage: 0, failedBefore: 0, failedAfter: 0, invocations: 0 };
  const random = fc.sample(fc.integer({ min: 0, max: 99 }), { numRuns: 200_000, seed: 7 });
  let draw = 0;
  const roll = () => random[draw++ % random.length] as number;
  const wiring = {
    ...localMailWiring({ dataDir: dir, config: demoProviderConfig, clock }),
    ...(faults
      ? {
          wrapStorage(table: CaseTable): CaseTable {
            const refuse = () => {
              if (!outageAt(clock.now(), Date.parse(scenario.start))) return;
              counts.storageRefused++;
              if (clock.now() >= LONG_OUTAGE[0] && clock.now() < LONG_OUTAGE[1]) counts.refusedInLongOutage++;
              throw new StorageUnavailable('Throughput exceeds the current capacity (injected)');
            };
            const calls = ['get', 'put', 'update', 'delete', 'queryPartition', 'queryIndex'] as const;
            const refusing = Object.fromEntries(
              calls.map((name) => [
                name,
                async (...args: unknown[]) => {
                  refuse();
                  return (table[name] as (...a: unknown[]) => Promise<unknown>).apply(table, args);
                },
              ]),
            ) as unknown as CaseTable;
            refusing.scan = (filter) => {
              refuse();
              return table.scan(filter);
            };
            return refusing;
          },
          wrapFunction(_id: string, fn: LocalFunction): LocalFunction {
            return async (payload) => {
              counts.invocations++;
              const service = () =>
                Object.assign(new Error('Lambda service error (injected)'), { name: 'Lambda.ServiceException' });
              if (roll() < 4) {
                counts.failedBefore++;
                throw service();
              }
              const result = await fn(payload);
              if (roll() < 4) {
                counts.failedAfter++;
                throw service();
              }
              return result;
            };
          },
        }
      : {}),
  };
  const report = await runScenario(scenario, wiring, { clock, stepRetries: 10 });
  return { report, counts };
}

function outbox(dir: string, report: SimulationReport): Map<string, number> {
  return outboxByRef(join(dir, 'outbox'), endState(report).refsByCaseId);
}

describe('transient storage and function faults over the demo scenario', () => {
  const dirs: string[] = [];
  let clean: Awaited<ReturnType<typeof run>>;
  let faulty: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'wp-clean-')), mkdtempSync(join(tmpdir(), 'wp-faulty-')));
    clean = await run(dirs[0] as string, false);
    faulty = await run(dirs[1] as string, true);
  }, 600_000);
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('injected faults for real: storage refused, functions failed before and after their writes', () => {
    expect(faulty.counts.storageRefused).toBeGreaterThan(50);
    expect(faulty.counts.refusedInLongOutage).toBeGreaterThan(10);
    expect(faulty.counts.failedBefore).toBeGreaterThan(20);
    expect(faulty.counts.failedAfter).toBeGreaterThan(20);
    expect(faulty.report.executions.failures).toEqual([]);
  });

  it('ends every case in the same business state as the fault-free run', () => {
    const { refsByCaseId: _a, ...expected } = endState(clean.report);
    const { refsByCaseId: _b, ...actual } = endState(faulty.report);
    expect(actual).toEqual(expected);
  });

  it('sends every message exactly once: none lost, none twice', () => {
    const expected = outbox(dirs[0] as string, clean.report);
    const actual = outbox(dirs[1] as string, faulty.report);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...actual.values()].every((n) => n === 1)).toBe(true);
  });
});
