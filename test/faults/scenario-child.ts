/**
 * A child process for the fault-injection test: runs a scenario on storage and an outbox on disk, from the last
 * checkpoint if there is one, and optionally kills itself (SIGKILL: no clean-up, no settling) at the n-th storage
 * write from a virtual instant on, so the kill lands in the middle of whatever the handlers are doing, at a point
 * chosen by the run's own progress and never by real time (a faster store must not let a run outpace its kill).
 * An odd n dies just before that write reaches the store, an even n just after it is stored (or refused).
 * Usage: tsx scenario-child.ts <dir> <scenario.json> [<kill from ISO> <n>]
 * Writes <dir>/checkpoint.json (atomically) as the run goes, and <dir>/result.json when it completes; a run without
 * a kill also writes <dir>/writes.json, the virtual instant of every storage write, for choosing kill points.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseTable } from '../../adapters/store/case-table.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';
import { runScenario } from '../../local/simulate/run.ts';
import { loadScenario } from '../../local/simulate/scenario.ts';
import { endState } from './end-state.ts';

const [dir, scenarioPath, killFrom, killAtWrite] = process.argv.slice(2) as [string, string, string?, string?];
const scenario = loadScenario(scenarioPath);
const checkpointFile = join(dir, 'checkpoint.json');
const resumeAt = existsSync(checkpointFile)
  ? (JSON.parse(readFileSync(checkpointFile, 'utf8')) as { now: string }).now
  : scenario.start;
const clock = new VirtualClock(resumeAt);
const killInstant = killFrom ? Date.parse(killFrom) : Number.POSITIVE_INFINITY;
const killAt = Number(killAtWrite ?? 1);
const writeInstants: string[] = [];
let writesFromInstant = 0;

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('killed');
}

/** Counts storage writes from the kill instant on and dies at the chosen one: before it is stored (odd), or after. */
function killingAtWrite(table: CaseTable): CaseTable {
  const counted =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (!killFrom) writeInstants.push(new Date(clock.now()).toISOString());
      if (clock.now() < killInstant || ++writesFromInstant !== killAt) return write(...args);
      if (killAt % 2 === 1) die();
      try {
        return await write(...args);
      } finally {
        die(); // after the write is stored, or refused by its condition
      }
    };
  return Object.assign(Object.create(table) as CaseTable, {
    put: counted(table.put.bind(table)),
    update: counted(table.update.bind(table)),
    delete: counted(table.delete.bind(table)),
  });
}

const wiring = { ...localMailWiring({ dataDir: dir, config: demoProviderConfig, clock }), wrapStorage: killingAtWrite };
const report = await runScenario(scenario, wiring, {
  clock,
  storagePath: join(dir, 'store'),
  onCheckpoint: (now) => {
    const temp = `${checkpointFile}.tmp`;
    writeFileSync(temp, JSON.stringify({ now: new Date(now).toISOString() }));
    renameSync(temp, checkpointFile);
  },
});
writeFileSync(join(dir, 'result.json'), JSON.stringify(endState(report), null, 1));
if (!killFrom) writeFileSync(join(dir, 'writes.json'), JSON.stringify(writeInstants));
process.exit(0);
