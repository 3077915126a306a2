import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { formatLongDate, londonDateOf } from '../../../domain/calendar/london.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { localMailWiring } from '../../runtime/wiring.ts';
import { runScenario, type SimulationReport } from '../../simulate/run.ts';
import { loadScenario } from '../../simulate/scenario.ts';
import { stagesInWords } from '../../status-page.ts';
import { dataDir, fail, loadConfig } from '../settings.ts';

/** Runs a scenario on the virtual clock: the timeline as it goes, then the report. */
export async function simulate(
  scenarioPath: string,
  options: { data?: string; config?: string; quiet?: boolean; progress?: boolean },
): Promise<{ report: SimulationReport; reportPath: string }> {
  const scenario = loadScenario(scenarioPath);
  const { config } = loadConfig(options.config);
  const outDir = join(dataDir(options.data), 'simulations', scenario.name);
  // Each run starts from a clean folder: its outbox, store and report are this run's alone.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // The outbox clock follows the simulation: .eml names and Date headers carry virtual time.
  const clock = new VirtualClock(scenario.start);
  const wiring = localMailWiring({ dataDir: outDir, config, clock });
  const { rawMail: _raw, composeReadReceipt: _mdn, ...rest } = wiring;
  const report = await runScenario(scenario, rest, {
    clock,
    onTimeline: options.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
    onProgress: options.progress
      ? (at, stages) => process.stdout.write(`${monthOf(at)}  ${stagesInWords(stages) || 'no cases yet'}\n`)
      : undefined,
  });
  const reportPath = join(outDir, 'report.json');
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  return { report, reportPath };
}

/** 'Jan 2024': the month of an instant, in London. */
function monthOf(instant: string): string {
  return formatLongDate(londonDateOf(instant)).split(' ').slice(2).join(' ');
}

export function printSummary(report: SimulationReport, reportPath: string): void {
  const lines = [
    '',
    `Scenario ${report.scenario}: ${report.participants} participants, ${formatLongDate(londonDateOf(report.start))} to ${formatLongDate(londonDateOf(report.end))}`,
    `  stages: ${stagesInWords(report.stages)}`,
    report.reportsSent.percentWithinTenWorkingDays === null ||
    report.reportsSent.percentWithinTenWorkingDays === undefined
      ? '  no report sent yet'
      : `  reports sent on time ${report.reportsSent.onTime}, late ${report.reportsSent.late}: ${report.reportsSent.percentWithinTenWorkingDays}% within 10 working days`,
    `  executions ${report.executions.count} (failed ${report.executions.failed}), longest ${report.executions.longestDays} days, over a year ${report.executions.overOneYear}, ${report.executions.transitionsPerParticipant} state transitions per participant`,
    ...(report.informationSessions.length > 0
      ? [
          `  Information Sessions ${report.informationSessions.length}: ${stagesInWords(
            report.informationSessions.reduce<Record<string, number>>((acc, c) => {
              const key = c.stage === 'closed' ? `closed:${c.closedReason}` : c.stage;
              acc[key] = (acc[key] ?? 0) + 1;
              return acc;
            }, {}),
          )}`,
        ]
      : []),
    `  mail sent ${report.mailSent} (outbox: ${join(reportPath, '..', 'outbox')})`,
    `  report: ${reportPath}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function register(program: Command): void {
  program
    .command('simulate')
    .description('run a scenario on the virtual clock with the real workflow definitions (see docs/scenarios.md)')
    .argument('<scenario>', 'scenario JSON file, e.g. scenarios/demo.json')
    .option('--data <dir>', 'data folder (default .wp-data)')
    .option('--config <file>', 'provider configuration JSON (default wp.config.json or the demo configuration)')
    .option('--quiet', 'no timeline, only the summary')
    .action(async (scenarioPath: string, options: { data?: string; config?: string; quiet?: boolean }) => {
      try {
        const { report, reportPath } = await simulate(scenarioPath, options);
        printSummary(report, reportPath);
        if (report.executions.failed > 0 || report.executions.overOneYear > 0) process.exitCode = 1;
      } catch (err) {
        fail((err as Error).message);
      }
    });
}
