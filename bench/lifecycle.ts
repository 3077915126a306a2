import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchRow } from './types.ts';

const run = promisify(execFile);

/**
 * N participants through the two-year lifecycle on the local runtime (default 10,000; WP_BENCH_PARTICIPANTS
 * to change), in a child process so the peak memory measured is the run's own.
 */
export async function benchLifecycle(): Promise<BenchRow[]> {
  const count = Number(process.env.WP_BENCH_PARTICIPANTS ?? 10_000);
  const script = fileURLToPath(new URL('./lifecycle-run.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
  // The old space is capped so V8 collects rather than grows: the live data is far smaller than the RSS a
  // lazily collected heap reaches (58 MB live mid-run at 1,000 participants).
  const { stdout } = await run(process.execPath, ['--max-old-space-size=768', tsx, script, String(count)], {
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1) as string) as {
    participants: number;
    closedReportSent: number;
    seconds: number;
    peakRssMiB: number;
    transitionsPerParticipant: number;
    storageCallsPerParticipant: number;
    executions: { count: number; failed: number; longestDays: number };
  };
  const ok = result.closedReportSent === result.participants && result.executions.failed === 0;
  const bound = `bounded by storage: ${result.storageCallsPerParticipant.toFixed(1)} DynamoDB calls per participant through the AWS SDK into dynalite (in process), each ~1 ms of CPU on one core`;
  return [
    {
      measure: `lifecycle: ${result.participants.toLocaleString('en-GB')} participants, two years, local runtime`,
      value: result.seconds,
      unit: 's wall',
      note: `target ≤ 60 s; ${ok ? 'all closed, report sent on time' : `ONLY ${result.closedReportSent} closed`}; ${bound}`,
    },
    {
      measure: 'lifecycle: simulated participants per second',
      value: result.participants / result.seconds,
      unit: 'participants/s',
    },
    { measure: 'lifecycle: peak memory', value: result.peakRssMiB, unit: 'MiB RSS', note: 'target ≤ 1 GiB' },
    {
      measure: 'lifecycle: state transitions per participant',
      value: result.transitionsPerParticipant,
      unit: 'transitions',
      note: `${result.executions.count.toLocaleString('en-GB')} executions (continue-as-new at 360 days), longest ${result.executions.longestDays} days`,
    },
    { measure: 'lifecycle: storage calls per participant', value: result.storageCallsPerParticipant, unit: 'calls' },
  ];
}
