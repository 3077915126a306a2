// `wp calendar refresh`: take a fresh GOV.UK bank-holiday feed (live, or a recorded file) and merge it into
// data/uk-bank-holidays.json, saying what changed.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import {
  type BankHolidayFeed,
  describeFeedChange,
  mergeBankHolidayFeeds,
  parseBankHolidayFeed,
} from '../../../domain/calendar/feed.ts';
import { DIVISIONS } from '../../../domain/calendar/types.ts';
import { createCalendar } from '../../../domain/calendar/working-days.ts';

export const GOV_UK_FEED_URL = 'https://www.gov.uk/bank-holidays.json';
const DEFAULT_DATA_FILE = fileURLToPath(new URL('../../../data/uk-bank-holidays.json', import.meta.url));
const FETCH_TIMEOUT_MS = 15_000;

type RefreshOptions = { url: string; file?: string; dryRun?: boolean; data: string };

async function readFeed(options: RefreshOptions): Promise<{ raw: unknown; source: string }> {
  if (options.file !== undefined) {
    return { raw: JSON.parse(await readFile(options.file, 'utf8')), source: options.file };
  }
  let response: Response;
  try {
    response = await fetch(options.url, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : error;
    throw new Error(`could not fetch ${options.url} (${cause}); without a network, use --file with a recorded copy`);
  }
  if (!response.ok) throw new Error(`${options.url} answered ${response.status} ${response.statusText}`);
  return { raw: await response.json(), source: options.url };
}

function summary(feed: BankHolidayFeed): string {
  return Object.entries(feed)
    .map(([division, { events }]) => {
      const used = (DIVISIONS as readonly string[]).includes(division);
      if (events.length === 0) return `${division}: no events`;
      const years = events.map((event) => event.date.slice(0, 4)).sort();
      return `${division}: ${events.length} holidays ${years[0]}–${years.at(-1)}${used ? '' : ' (ignored: not a division we use)'}`;
    })
    .join('; ');
}

async function refresh(options: RefreshOptions): Promise<void> {
  const { raw, source } = await readFeed(options);
  const incoming = parseBankHolidayFeed(raw, `bank-holiday feed from ${source}`);
  const current = parseBankHolidayFeed(JSON.parse(await readFile(options.data, 'utf8')), `snapshot ${options.data}`);
  const { merged, changes } = mergeBankHolidayFeeds(current, incoming);
  // The merged data must still build a calendar for every division (contiguous years), or nothing is written.
  for (const division of DIVISIONS) createCalendar(division, merged);

  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Read ${source}: ${summary(incoming)}`);
  if (changes.length === 0) {
    out(`No changes: ${options.data} already agrees with the feed.`);
    return;
  }
  for (const change of changes) out(describeFeedChange(change));
  out(`${changes.length} change(s).`);
  if (options.dryRun) {
    out('Dry run: nothing written.');
    return;
  }
  const temporary = `${options.data}.tmp-${process.pid}`;
  await writeFile(temporary, JSON.stringify(merged, null, 1));
  await rename(temporary, options.data);
  out(`Wrote ${options.data}.`);
  out(
    'Deadlines of cases already in flight must be recomputed; running processes keep the calendar they loaded until restarted.',
  );
}

export function register(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('the UK bank-holiday data the working-day calendar is built from');
  calendar
    .command('refresh')
    .description(`merge a fresh GOV.UK bank-holiday feed into the data file (default ${GOV_UK_FEED_URL})`)
    .option('--url <url>', 'feed to fetch', GOV_UK_FEED_URL)
    .option('--file <path>', 'read a recorded copy of the feed instead of fetching')
    .option('--dry-run', 'show what would change, write nothing')
    .option('--data <path>', 'data file to merge into', DEFAULT_DATA_FILE)
    .action(async (options: RefreshOptions) => {
      try {
        await refresh(options);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`wp calendar refresh: ${message.replace(/\s*\n\s*/g, '; ')}\n`);
        process.exitCode = 1;
      }
    });
}
