/**
 * Restart of the live system (issue 17 item 4): N open Exit Report cases in the embedded store, the system
 * stopped, then started again on the same folder: every open case resumed from its record, one fresh execution
 * each, until all of them wait again (on their day-714 timer). Target: 10,000 open cases in 20 s or less.
 * The caseload is referred through LocalSystem.refer (the path `wp case refer` takes), then the system stops; the
 * restart runs in a fresh node process, as `npm start` after a stop does, timed from that process's own start
 * (loading the code and validating the definitions included).
 *   node --import tsx bench/restart.ts 1000
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { addCalendarDays } from '../domain/calendar/london.ts';
import { VirtualClock } from '../local/runtime/clock.ts';
import { LocalSystem } from '../local/runtime/system.ts';
import { plainMailWiring } from './plain-wiring.ts';
import type { BenchRow } from './types.ts';

const NOW = '2025-06-02T09:00:00Z';

export interface RestartResult {
  openCases: number;
  referSeconds: number;
  /** In the fresh process: from its start (node's time origin), and from LocalSystem.start, until all wait. */
  processSeconds: number;
  restartSeconds: number;
  resumed: number;
  waiting: number;
  failed: number;
}

async function system(storagePath: string): Promise<{ system: LocalSystem; clock: VirtualClock }> {
  const clock = new VirtualClock(NOW);
  const failures: string[] = [];
  const sys = await LocalSystem.start({
    ...plainMailWiring(),
    clock,
    storagePath,
    keepFinishedExecutions: false,
    onExecutionStopped: (r) => {
      if (r.status === 'FAILED') failures.push(r.executionArn);
    },
  });
  (sys as unknown as { failures: string[] }).failures = failures;
  return { system: sys, clock };
}

export async function runRestart(openCases: number, log: (line: string) => void = () => {}): Promise<RestartResult> {
  const storagePath = mkdtempSync(join(tmpdir(), 'wp-restart-bench-'));
  try {
    const first = await system(storagePath);
    const referStart = performance.now();
    const chunk = 50;
    for (let from = 0; from < openCases; from += chunk) {
      const refs = [];
      for (let i = from; i < Math.min(openCases, from + chunk); i++) {
        const nino = `WR${String(100000 + (i % 900000)).padStart(6, '0')}${'ABCD'[Math.floor(i / 900000) % 4]}`;
        // Referred 1–600 days before now: each waits for its own day 714.
        const referralDate = addCalendarDays('2025-06-02', -(1 + (i % 600)));
        refs.push(
          first.system.refer({
            nino,
            referralDate,
            division: 'england-and-wales',
            contract: 'CPA-18-0001',
            scr: false,
            subContractor: null,
            caseworkerEmail: 'caseworker@provider.example',
          }),
        );
      }
      await Promise.all(refs);
    }
    await first.clock.settle();
    const referSeconds = (performance.now() - referStart) / 1000;
    log(`referred ${openCases} in ${referSeconds.toFixed(1)} s; stopping`);
    await first.system.stop();

    const resumed = await resumeInChild(storagePath);
    log(
      `restarted ${resumed.resumed} executions in ${resumed.restartSeconds.toFixed(1)} s (${resumed.processSeconds.toFixed(1)} s from process start); ${resumed.waiting} waiting, ${resumed.failed} failed`,
    );
    return { openCases, referSeconds, ...resumed };
  } finally {
    rmSync(storagePath, { recursive: true, force: true });
  }
}

type Resumed = Omit<RestartResult, 'openCases' | 'referSeconds'>;

const run = promisify(execFile);
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

async function resumeInChild(storagePath: string): Promise<Resumed> {
  const script = fileURLToPath(import.meta.url);
  const { stdout } = await run(process.execPath, ['--import', tsxLoader, script, '--resume', storagePath], {
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Resumed;
}

/** The child's part: start the system on the stored caseload and wait until every resumed execution waits. */
async function resume(storagePath: string): Promise<Resumed> {
  const restartStart = performance.now();
  const second = await system(storagePath);
  const resumed = second.system.sfn.runningCount;
  await second.clock.settle();
  const end = performance.now();
  const waiting = second.system.sfn.runningCount;
  const failed = (second.system as unknown as { failures: string[] }).failures.length;
  await second.system.stop();
  return { processSeconds: end / 1000, restartSeconds: (end - restartStart) / 1000, resumed, waiting, failed };
}

export async function benchRestart(): Promise<BenchRow[]> {
  const count = Number(process.env.WP_BENCH_RESTART_CASES ?? 10_000);
  const r = await runRestart(count, (line) => process.stderr.write(`restart: ${line}\n`));
  const ok = r.resumed === count && r.waiting === count && r.failed === 0;
  return [
    {
      measure: `restart: ${count.toLocaleString('en-GB')} open cases resumed from their records`,
      value: r.restartSeconds,
      unit: 's wall',
      note: `target ≤ 20 s; a fresh node process: LocalSystem.start on the same store until every execution waits again, ${r.processSeconds.toFixed(1)} s from the process's start (${ok ? 'all' : `ONLY ${r.waiting} of`} ${count.toLocaleString('en-GB')} waiting, ${r.failed} failed); ${((r.restartSeconds * 1000) / count).toFixed(2)} ms per case; the caseload referred beforehand in ${r.referSeconds.toFixed(1)} s`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--resume') {
  process.stdout.write(`${JSON.stringify(await resume(process.argv[3] as string))}\n`);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runRestart(Number(process.argv[2] ?? 1000), (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
