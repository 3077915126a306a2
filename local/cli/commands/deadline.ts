// `wp deadline <rule> --from <date>`: one deadline with its explanation; `wp deadline --batch`: JSON lines in, out.
import { createInterface } from 'node:readline';
import { type Command, Option } from 'commander';
import { formatLongDate } from '../../../domain/calendar/london.ts';
import { DIVISIONS, type Division, isDivision } from '../../../domain/calendar/types.ts';
import {
  computeDeadline,
  DEADLINE_RULES,
  type DeadlineRuleName,
  isDeadlineRule,
  RULE_DEFINITIONS,
} from '../../../domain/deadlines/rules.ts';
import { readPersonDate } from '../../../domain/person-date.ts';

const DEFAULT_DIVISION: Division = 'england-and-wales';

class UsageError extends Error {}

/** A date typed day first (27/03/2023) is read as the person meant it; months and date-times pass as typed. */
function typedDate(from: string): string {
  if (!/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/.test(from.trim())) return from;
  const read = readPersonDate(from, '--from date');
  if (!read.ok) throw new UsageError(read.reason);
  return read.date;
}

function checkedRule(rule: unknown): DeadlineRuleName {
  if (!isDeadlineRule(rule)) {
    throw new UsageError(`unknown rule ${JSON.stringify(rule)}: expected one of ${DEADLINE_RULES.join(', ')}`);
  }
  return rule;
}

function checkedDivision(division: unknown): Division {
  if (division === undefined || division === null) return DEFAULT_DIVISION;
  if (!isDivision(division)) {
    throw new UsageError(`unknown division ${JSON.stringify(division)}: expected ${DIVISIONS.join(' or ')}`);
  }
  return division;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, '; ');
}

/**
 * One line of a batch: `{"rule","from","division"}` in, the deadline (with its explanation) or the input with an
 * `error` out. Never throws. Returns undefined for a blank line.
 */
export function processBatchLine(line: string): string | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return JSON.stringify({ input: text, error: 'not a JSON object' });
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return JSON.stringify({ input, error: 'not a JSON object' });
  }
  const fields = input as Record<string, unknown>;
  try {
    const rule = checkedRule(fields.rule);
    if (typeof fields.from !== 'string') throw new UsageError('"from" must be a string');
    return JSON.stringify(computeDeadline(rule, fields.from, checkedDivision(fields.division)));
  } catch (error) {
    return JSON.stringify({ ...fields, error: oneLine(error) });
  }
}

async function runBatch(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let chunk: string[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const text = `${chunk.join('\n')}\n`;
    chunk = [];
    if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  };
  for await (const line of lines) {
    const out = processBatchLine(line);
    if (out !== undefined) chunk.push(out);
    if (chunk.length >= 512) await flush();
  }
  await flush();
}

function rulesHelp(): string {
  const width = Math.max(...DEADLINE_RULES.map((rule) => rule.length));
  const rows = DEADLINE_RULES.map((rule) => {
    const definition = RULE_DEFINITIONS[rule];
    const what =
      definition.kind === 'working-days'
        ? `${definition.days} working days from the ${definition.fromLabel}`
        : definition.kind === 'calendar-days'
          ? `${definition.fromLabel} + ${definition.days} calendar days`
          : definition.kind === 'calendar-months'
            ? `${definition.fromLabel} + ${definition.months} calendar month(s), clamped`
            : definition.kind === 'hours'
              ? `${definition.fromLabel} (YYYY-MM-DDTHH:MM London time, or ISO with Z/offset) + ${definition.hours} hours`
              : `${definition.fromLabel} (YYYY-MM): working day ${definition.n} of the next month`;
    return `  ${rule.padEnd(width)}  ${what}`;
  });
  return `\nRules:\n${rows.join('\n')}\n\nBatch: one {"rule","from","division"} JSON object per line on stdin; one JSON line out per input line, in order.\nSee docs/deadlines.md.`;
}

export function register(program: Command): void {
  program
    .command('deadline')
    .description('compute a deadline (due date, due instant, and the explanation of the count)')
    .argument('[rule]', `one of: ${DEADLINE_RULES.join(', ')}`)
    .option(
      '--from <date>',
      'start: a date (27/03/2023 or 2023-03-27; a month YYYY-MM for mi-return, a date-time for evidence-window)',
    )
    .addOption(
      new Option('--division <division>', `bank holidays of ${DIVISIONS.join(' or ')}`).default(DEFAULT_DIVISION),
    )
    .option('--json', 'print JSON: rule, from, division, due, dueAt, explanation')
    .option('--batch', 'read JSON lines {"rule","from","division"} on stdin, write one JSON line per input')
    .addHelpText('after', rulesHelp())
    .action(
      async (
        rule: string | undefined,
        options: { from?: string; division?: string; json?: boolean; batch?: boolean },
      ) => {
        if (options.batch) {
          await runBatch();
          return;
        }
        try {
          if (rule === undefined) throw new UsageError(`a rule is required: one of ${DEADLINE_RULES.join(', ')}`);
          const checked = checkedRule(rule);
          if (options.from === undefined) throw new UsageError('--from <date> is required');
          const deadline = computeDeadline(checked, typedDate(options.from), checkedDivision(options.division));
          if (options.json) {
            process.stdout.write(`${JSON.stringify(deadline, null, 2)}\n`);
          } else {
            const lines = [
              `Due ${formatLongDate(deadline.due)} (${deadline.due}), at ${deadline.dueAt}`,
              ...deadline.explanation,
            ];
            process.stdout.write(`${lines.join('\n')}\n`);
          }
        } catch (error) {
          process.stderr.write(`wp deadline: ${oneLine(error)}\n`);
          process.exitCode = 2;
        }
      },
    );
}
