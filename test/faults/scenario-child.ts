/**
 * A child process for the fault-injection test: runs a scenario on storage and an outbox on disk, from the last
 * checkpoint if there is one, and optionally kills itself (SIGKILL: no clean-up, no settling) at a virtual
 * instant plus a few real milliseconds, so the kill lands in the middle of whatever the handlers are doing.
 * Usage: tsx scenario-child.ts <dir> <scenario.json> [<kill at ISO> <extra ms>]
 * Writes <dir>/checkpoint.json (atomically) as the run goes, and <dir>/result.json when it completes.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoProviderConfig } from '../../domain/config.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';
import { runScenario } from '../../local/simulate/run.ts';
import { loadScenario } from '../../local/simulate/scenario.ts';
import { endState } from './end-state.ts';

const [dir, scenarioPath, killAt, killExtraMs] = process.argv.slice(2) as [string, string, string?, string?];
const scenario = loadScenario(scenarioPath);
const checkpointFile = join(dir, 'checkpoint.json');
const resumeAt = existsSync(checkpointFile)
  ? (JSON.parse(readFileSync(checkpointFile, 'utf8')) as { now: string }).now
  : scenario.start;
const clock = new VirtualClock(resumeAt);
if (killAt) {
  clock.setTimeout(
    () => setTimeout(() => process.kill(process.pid, 'SIGKILL'), Number(killExtraMs ?? 0)),
    Math.max(0, Date.parse(killAt) - clock.now()),
  );
}
const wiring = localMailWiring({ dataDir: dir, config: demoProviderConfig, clock });
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
process.exit(0);
