// `wp mi build --month YYYY-MM --entries <file.csv>`: the job entry MI return (memo 176) written locally.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { csvToGrid } from '../../../adapters/mail-reading/csv-grid.ts';
import { buildMiReturnWorkbook, checkMiReturnWorkbook } from '../../../adapters/mi-return/workbook.ts';
import { formatLongDate } from '../../../domain/calendar/london.ts';
import { DIVISIONS, type Division, isDivision } from '../../../domain/calendar/types.ts';
import { demoProviderConfig } from '../../../domain/config.ts';
import { parseJobEntriesCsv } from '../../../domain/mi-return/job-entry.ts';
import { buildMiReturn, DEFAULT_FIRST_MONTH } from '../../../domain/mi-return/return.ts';
import { readImportFile, sendsStaffAction } from '../staff-action-client.ts';

/** The memo's example contract number, for the local demo only. */
const DEMO_CONTRACT = '4001234';

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, '; ');
}

interface BuildOptions {
  month: string;
  entries: string;
  out: string;
  contract: string;
  provider: string;
  firstMonth: string;
  division: string;
}

export async function runMiBuild(options: BuildOptions): Promise<{ path: string; lines: string[] }> {
  if (!isDivision(options.division)) {
    throw new Error(`unknown division ${JSON.stringify(options.division)}: expected ${DIVISIONS.join(' or ')}`);
  }
  const division: Division = options.division;
  const csv = parseJobEntriesCsv(await readFile(options.entries), csvToGrid);
  const miReturn = buildMiReturn({
    entries: csv.entries,
    reportingMonth: options.month,
    contractNumber: options.contract,
    providerName: options.provider,
    firstMonth: options.firstMonth,
    division,
  });
  const workbook = await buildMiReturnWorkbook(miReturn);
  const problems = await checkMiReturnWorkbook(workbook, miReturn);
  if (problems.length > 0) throw new Error(`the workbook failed its check: ${problems.join('; ')}`);
  const outDir = resolve(options.out);
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, miReturn.fileName);
  await writeFile(path, workbook);
  const total = miReturn.sheets[0]?.rows.at(-1);
  const lines = [
    miReturn.fileName,
    `Written to ${path} (checked: sheets, rows, numbers only, no formulas or links, totals = sum of groups)`,
    `Due ${formatLongDate(miReturn.due.due)} (${miReturn.due.due})`,
    ...miReturn.due.explanation.map((line) => `  ${line}`),
    'How it was counted:',
    ...miReturn.counting.map((line) => `  ${line}`),
    ...(total
      ? [
          `${miReturn.reportingMonth}: ${total.firstJobEntries} first, ${total.subsequentJobEntries} subsequent job entries (all payment groups)`,
        ]
      : []),
    ...csv.rejected.map((rejected) => `Rejected line ${rejected.row}: ${rejected.reason}`),
    ...csv.flagged.map(
      (flag) => `Flagged line ${flag.row}, ${flag.column}: ${JSON.stringify(flag.value)} ${flag.reason}`,
    ),
    ...miReturn.warnings.map((warning) => `Warning: ${warning}`),
  ];
  return { path, lines };
}

export function register(program: Command): void {
  const mi = program.command('mi').description('the monthly job entry MI return (memo 176)');
  sendsStaffAction(
    mi
      .command('entries <file>')
      .description('record job entries (CSV: NINO, Start date, Payment group) on the running system'),
    (_o, file) => ({ action: 'record-job-entries', csv: readImportFile(file) }),
  );
  sendsStaffAction(
    mi
      .command('send')
      .description("send a month's return now, before the send time on its due day (the month must have ended)")
      .requiredOption('--month <YYYY-MM>')
      .requiredOption('--by <email>'),
    (o) => ({ action: 'mi-return', month: o.month, request: 'send', by: o.by }),
  );
  sendsStaffAction(
    mi
      .command('refresh')
      .description('send a past month again after its job entries were corrected (recorded with the reason)')
      .requiredOption('--month <YYYY-MM>')
      .requiredOption('--by <email>')
      .requiredOption('--reason <text>'),
    (o) => ({ action: 'mi-return', month: o.month, request: 'refresh', by: o.by, reason: o.reason }),
  );
  mi.command('build')
    .description('build the job entry MI return workbook for a month and write it locally')
    .requiredOption('--month <YYYY-MM>', 'the reporting month (the latest month ending)')
    .requiredOption('--entries <file.csv>', 'job entries: CSV with columns NINO, Start date, Payment group')
    .option('--out <dir>', 'where to write the workbook', '.')
    .option('--contract <number>', 'contract number (the file name)', DEMO_CONTRACT)
    .option('--provider <name>', 'provider name (the file name)', demoProviderConfig.provider.name)
    .option(
      '--first-month <YYYY-MM>',
      'first month of the return (April 2013 or the contract start)',
      DEFAULT_FIRST_MONTH,
    )
    .addOption(
      new Option('--division <division>', `bank holidays of ${DIVISIONS.join(' or ')}`).default('england-and-wales'),
    )
    .addHelpText('after', '\nSee docs/mi-return.md.')
    .action(async (options: BuildOptions) => {
      try {
        const { lines } = await runMiBuild(options);
        process.stdout.write(`${lines.join('\n')}\n`);
      } catch (error) {
        process.stderr.write(`wp mi build: ${oneLine(error)}\n`);
        process.exitCode = 2;
      }
    });
}
