import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { MeterSnapshot } from '../local/runtime/metering.ts';
import { awsCost, catalogueMemoryMb, costPerParticipant, LONDON_LIST_PRICES } from './aws-cost.ts';
import type { BenchRow } from './types.ts';

const run = promisify(execFile);

/** The old-space cap of the lifecycle run, MiB. */
export const LIFECYCLE_HEAP_CAP_MIB = 768;

export interface LifecycleRunResult {
  participants: number;
  closedReportSent: number;
  seconds: number;
  peakRssMiB: number;
  /** V8's heap limit inside the run (old space cap plus the young generation): shows the cap reached it. */
  heapLimitMiB: number;
  transitionsPerParticipant: number;
  storageCallsPerParticipant: number;
  executions: { count: number; failed: number; longestDays: number };
  meter?: MeterSnapshot;
}

/**
 * One lifecycle run of `count` participants in a child node process, so the peak memory measured is the run's
 * own. The child is node itself with tsx as an --import loader (tsx's CLI would start a second node without the
 * flag), so --max-old-space-size reaches the process that runs: V8 collects rather than grows, the live data
 * being far smaller than the RSS a lazily collected heap reaches (58 MB live mid-run at 1,000 participants).
 */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export async function runLifecycleChild(count: number): Promise<LifecycleRunResult> {
  const script = fileURLToPath(new URL('./lifecycle-run.ts', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    [`--max-old-space-size=${LIFECYCLE_HEAP_CAP_MIB}`, '--import', tsxLoader, script, String(count)],
    { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as LifecycleRunResult;
}

/** N participants through the two-year lifecycle on the local runtime (default 10,000; WP_BENCH_PARTICIPANTS). */
export async function benchLifecycle(): Promise<BenchRow[]> {
  const result = await runLifecycleChild(Number(process.env.WP_BENCH_PARTICIPANTS ?? 10_000));
  const ok = result.closedReportSent === result.participants && result.executions.failed === 0;
  const bound = `${result.storageCallsPerParticipant.toFixed(1)} storage calls per participant into the embedded store (LMDB, in process)`;
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
    {
      measure: 'lifecycle: peak memory',
      value: result.peakRssMiB,
      unit: 'MiB RSS',
      note: `target ≤ 1 GiB; node --max-old-space-size=${LIFECYCLE_HEAP_CAP_MIB}, V8 heap limit in the run ${Math.round(result.heapLimitMiB)} MiB`,
    },
    {
      measure: 'lifecycle: state transitions per participant',
      value: result.transitionsPerParticipant,
      unit: 'transitions',
      note: `${result.executions.count.toLocaleString('en-GB')} executions (continue-as-new at 360 days), longest ${result.executions.longestDays} days`,
    },
    { measure: 'lifecycle: storage calls per participant', value: result.storageCallsPerParticipant, unit: 'calls' },
    ...costRows(result.meter, result.participants),
  ];
}

const usd = (x: number) => `$${x.toPrecision(3)}`;
const num = (x: number) => String(Number(x.toPrecision(3)));

/**
 * The AWS bill of the run per participant lifecycle, from what the local system counted (metering.ts), at the
 * list prices of aws-cost.ts; and the counted units per participant.
 */
export function costRows(meter: MeterSnapshot | undefined, participants: number): BenchRow[] {
  if (!meter || meter.stepFunctions.transitions === 0) {
    process.stderr.write(
      'lifecycle: no AWS cost rows: the local system counted nothing (LocalSystem without a meter)\n',
    );
    return [];
  }
  const memory = catalogueMemoryMb();
  const cost = costPerParticipant(awsCost(meter, { memoryMb: memory }), participants);
  const per = (x: number) => x / participants;
  const fns = Object.entries(meter.lambda.byFunction);
  const footnote = `${LONDON_LIST_PRICES.summary}. Lambda duration: the share of the wall clock attributed to each in-process call on this machine (Node ${process.version}, ${process.arch}, one thread for all; in Lambda each call also waits on DynamoDB over the network and may start cold) × the configured memory (${fns.map(([id]) => `${id} ${memory[id] ?? 512} MB`).join(', ')}${cost.unknownFunctions.length ? `; ${cost.unknownFunctions.join(', ')} not in the catalogue: 512 MB` : ''}). Not counted: inbound mail (the simulation delivers events directly: no SES receipt, S3 or inbound-mail invocation), staff-action invocations (referrals), GSI writes, storage, S3, CloudWatch.`;
  return [
    {
      measure: 'lifecycle: AWS cost per participant lifecycle',
      value: cost.total,
      unit: 'USD',
      note: `${usd(cost.total * 1000)} per 1,000 participants; Step Functions ${usd(cost.stepFunctions)}, Lambda ${usd(cost.lambdaRequests + cost.lambdaDuration)} (requests ${usd(cost.lambdaRequests)}, duration ${usd(cost.lambdaDuration)}), DynamoDB ${usd(cost.dynamoDbWrites + cost.dynamoDbReads)} (writes ${usd(cost.dynamoDbWrites)}, reads ${usd(cost.dynamoDbReads)}), SES ${usd(cost.sesOutbound + cost.sesInbound)}; eu-west-2 list prices of 23 Nov 2026 (below the table)`,
      footnote,
    },
    {
      measure: 'lifecycle: billed state transitions per participant',
      value: per(meter.stepFunctions.transitions),
      unit: 'transitions',
      note: `Standard: every execution start (${num(per(meter.stepFunctions.executionsStarted))}), state entered (${num(per(meter.stepFunctions.statesEntered))}) and retry (${num(per(meter.stepFunctions.retries))})`,
    },
    {
      measure: 'lifecycle: Lambda invocations per participant',
      value: per(meter.lambda.invocations),
      unit: 'invocations',
      note: `${fns.map(([id, f]) => `${id} ${num(per(f.invocations))} (mean ${num(f.attributedMs / f.invocations)} ms attributed, ${num(f.durationMs / f.invocations)} ms elapsed)`).join(', ')}; measured locally on this machine: elapsed = call to answer, interleaved with other calls; attributed = its share of the wall clock`,
    },
    {
      measure: 'lifecycle: Lambda GB-seconds per participant',
      value: cost.lambdaGbSeconds,
      unit: 'GB-s',
      note: 'attributed local durations, each rounded up to 1 ms, × configured memory',
    },
    {
      measure: 'lifecycle: DynamoDB read request units per participant',
      value: per(meter.dynamodb.readRequestUnits),
      unit: 'RRU',
      note: `on-demand: 4 KB per unit, strongly consistent; ${num(per(meter.dynamodb.calls))} calls per participant (${Object.entries(
        meter.dynamodb.byOperation,
      )
        .map(([op, n]) => `${op} ${num(per(n))}`)
        .join(', ')})`,
    },
    {
      measure: 'lifecycle: DynamoDB write request units per participant',
      value: per(meter.dynamodb.writeRequestUnits),
      unit: 'WRU',
      note: `on-demand: 1 KB per unit, the larger of the old and new item; ${num(per(meter.dynamodb.conditionalCheckFailures))} refused conditional writes (1 WRU each)`,
    },
    {
      measure: 'lifecycle: SES messages per participant',
      value: per(meter.ses.recipients),
      unit: 'recipients',
      note: `SES bills each recipient; ${num(per(meter.ses.messages))} messages, ${num(meter.ses.bytes / Math.max(1, meter.ses.messages) / 1024)} KiB each on average; inbound ${num(per(meter.ses.inboundMessages))} (not simulated)`,
    },
  ];
}
