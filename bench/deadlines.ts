// Deadlines per second: the due date and instant alone, and with the explanation built, over a mix of inputs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import bankHolidays from '../data/uk-bank-holidays.json' with { type: 'json' };
import { DIVISIONS, type Division } from '../domain/calendar/types.ts';
import { calendarFor, createCalendar } from '../domain/calendar/working-days.ts';
import { computeDeadline, DEADLINE_RULES, type DeadlineRuleName, RULE_DEFINITIONS } from '../domain/deadlines/rules.ts';
import { processBatchLine } from '../local/cli/commands/deadline.ts';
import { measureThroughput, medianMs, spread } from './measure.ts';
import type { BenchRow } from './types.ts';

type Input = { rule: DeadlineRuleName; from: string; division: Division };

/** A deterministic mix of valid inputs: start dates 2012-01-01..2027-10-31, both divisions. */
function inputs(rules: readonly DeadlineRuleName[], size = 4096): Input[] {
  let seed = 0x2f6b_1d35;
  const random = () => {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    return seed / 2 ** 32;
  };
  const calendar = calendarFor('england-and-wales');
  // From the programme's first referrals (1 June 2011: earlier dates are refused) to the data's last autumn.
  const firstStart = calendar.indexOf('2011-06-01');
  const lastStart = calendar.indexOf('2027-10-31');
  const list: Input[] = [];
  for (let i = 0; i < size; i++) {
    const rule = rules[Math.floor(random() * rules.length)] as DeadlineRuleName;
    const date = calendar.isoAt(firstStart + Math.floor(random() * (lastStart - firstStart)));
    const kind = RULE_DEFINITIONS[rule].kind;
    const from =
      kind === 'working-day-of-next-month'
        ? date.slice(0, 7)
        : kind === 'hours'
          ? `${date}T${String(9 + Math.floor(random() * 9)).padStart(2, '0')}:30`
          : date;
    list.push({ rule, from, division: DIVISIONS[i % 2] as Division });
  }
  return list;
}

function dueOnly(list: Input[]) {
  return (count: number) => {
    let total = 0;
    for (let i = 0; i < count; i++) {
      const input = list[i % list.length] as Input;
      total += computeDeadline(input.rule, input.from, input.division).dueAt.length;
    }
    return total;
  };
}

function withExplanation(list: Input[]) {
  return (count: number) => {
    let total = 0;
    for (let i = 0; i < count; i++) {
      const input = list[i % list.length] as Input;
      total += computeDeadline(input.rule, input.from, input.division).explanation.length;
    }
    return total;
  };
}

export async function benchDeadlines(): Promise<BenchRow[]> {
  const workingRules = DEADLINE_RULES.filter((rule) => RULE_DEFINITIONS[rule].kind === 'working-days');
  const exitReports = inputs(['exit-report']);
  const working = inputs(workingRules);
  const all = inputs(DEADLINE_RULES);
  const batchLines = all.map((input) => JSON.stringify(input));

  const buildMs = medianMs(() => {
    for (const division of DIVISIONS) createCalendar(division, bankHolidays);
  });
  const rows: BenchRow[] = [
    {
      measure: 'calendar index build, both divisions',
      value: buildMs,
      unit: 'ms',
      note: 'once per process: validate the data, then index 5,844 days per division',
    },
  ];
  const rate = (measure: string, result: ReturnType<typeof measureThroughput>, note: string): BenchRow => ({
    measure,
    value: Math.round(result.perSecond),
    unit: 'deadlines/s',
    note: `${note}; ${spread(result)}`,
  });
  rows.push(
    rate('deadlines: due date + instant, exit-report', measureThroughput(dueOnly(exitReports)), 'explanation not read'),
    rate(
      'deadlines: due date + instant, working-day rules',
      measureThroughput(dueOnly(working)),
      `${workingRules.join(', ')}; explanation not read`,
    ),
    rate('deadlines: due date + instant, all 13 rules', measureThroughput(dueOnly(all)), 'explanation not read'),
    rate(
      'deadlines: with explanation, exit-report',
      measureThroughput(withExplanation(exitReports)),
      'explanation lines built and read',
    ),
    rate(
      'deadlines: with explanation, all 13 rules',
      measureThroughput(withExplanation(all)),
      'explanation lines built and read',
    ),
  );
  const batch = measureThroughput((count) => {
    let total = 0;
    for (let i = 0; i < count; i++)
      total += (processBatchLine(batchLines[i % batchLines.length] as string) ?? '').length;
    return total;
  });
  rows.push({
    measure: 'wp deadline --batch, per line in process',
    value: Math.round(batch.perSecond),
    unit: 'lines/s',
    note: `JSON.parse, compute, JSON.stringify with explanation (stdin/stdout excluded); ${spread(batch)}`,
  });
  rows.push(await batchThroughCli(batchLines));
  return rows;
}

/** The whole command, end to end: start-up, stdin, stdout, one process. */
async function batchThroughCli(lines: string[], count = 200_000): Promise<BenchRow> {
  const input: string[] = [];
  for (let i = 0; i < count; i++) input.push(lines[i % lines.length] as string);
  const bin = fileURLToPath(new URL('../bin/wp.mjs', import.meta.url));
  const start = performance.now();
  const child = spawn(process.execPath, [bin, 'deadline', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let outputLines = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) outputLines++;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.end(`${input.join('\n')}\n`);
  const code = await exited;
  const seconds = (performance.now() - start) / 1000;
  if (code !== 0 || outputLines !== count) throw new Error(`wp deadline --batch: exit ${code}, ${outputLines} lines`);
  return {
    measure: 'wp deadline --batch, end to end',
    value: Math.round(count / seconds),
    unit: 'lines/s',
    note: `${count.toLocaleString('en-GB')} lines, all 13 rules, in ${seconds.toFixed(2)} s including process start-up (tsx)`,
  };
}
