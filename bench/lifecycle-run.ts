/**
 * One measured run of N participants through the full two-year Exit Report lifecycle on the local runtime:
 * referral, day 714, the WPER2E, a reminder, the report sent, closed. Run in its own process by
 * bench/lifecycle.ts so that its peak memory is its own; prints one JSON line.
 *   node --max-old-space-size=768 --import tsx bench/lifecycle-run.ts 1000
 */
import { getHeapStatistics } from 'node:v8';
import { addCalendarDays } from '../domain/calendar/london.ts';
import { calendarFor } from '../domain/calendar/working-days.ts';
import { computeDeadline } from '../domain/deadlines/rules.ts';
import { Meter } from '../local/runtime/metering.ts';
import { runScenario } from '../local/simulate/run.ts';
import { Scenario } from '../local/simulate/scenario.ts';
import { plainMailWiring } from './plain-wiring.ts';

export function lifecycleScenario(count: number) {
  const participants = [];
  const events = [];
  const calendar = calendarFor('england-and-wales');
  for (let i = 0; i < count; i++) {
    // Referrals spread over a year: deadlines at many different instants, as in a real caseload.
    const referralDate = addCalendarDays('2024-01-08', i % 365);
    const nino = `WP${String(100000 + (i % 900000)).padStart(6, '0')}${'ABCD'[Math.floor(i / 900000) % 4]}`;
    participants.push({ ref: `p${i}`, nino, referralDate, caseworkerEmail: 'caseworker@provider.example' });
    const requestDate = computeDeadline('request-expected', referralDate).due;
    events.push({ at: `${requestDate}T10:00:00Z`, participant: `p${i}`, type: 'exit-report-request', requestDate });
    const sentOn = calendar.workingDaysFrom(requestDate, 7);
    events.push({
      at: `${sentOn}T14:00:00Z`,
      participant: `p${i}`,
      type: 'report-submitted',
      report: {
        firstName: 'Sam',
        surname: 'Example',
        nino,
        participantDetails: `Sam Example ${nino}`,
        summary: 'Completed a CV workshop and two work trials.',
        workAndReasons: 'Four weeks of work experience in retail.',
        nextSteps: 'Sector-based work academy in logistics.',
      },
    });
  }
  return Scenario.parse({
    name: 'bench',
    start: '2024-01-08T08:00:00Z',
    end: '2027-06-01T00:00:00Z',
    participants,
    events,
  });
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const scenario = lifecycleScenario(count);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 200);
  const start = performance.now();
  const storagePath = process.env.WP_BENCH_STORAGE_PATH;
  // The run's billable AWS units (bench/aws-cost.ts prices them): the local system counts into this meter.
  const meter = new Meter();
  const wiring = { ...plainMailWiring(), meter };
  const report = await runScenario(scenario, wiring, { storagePath });
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const closed = report.stages['closed:report-sent'] ?? 0;
  process.stdout.write(
    `${JSON.stringify({
      participants: count,
      closedReportSent: closed,
      seconds,
      peakRssMiB: peakRss / 2 ** 20,
      heapLimitMiB: getHeapStatistics().heap_size_limit / 2 ** 20,
      transitionsPerParticipant: report.executions.transitionsPerParticipant,
      // Every call through the store port, as DynamoDB would bill it (local/store/metered-table.ts).
      storageCallsPerParticipant: meter.snapshot().dynamodb.calls / count,
      executions: report.executions,
      meter: meter.snapshot(),
    })}\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
