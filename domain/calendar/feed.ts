// The GOV.UK bank-holiday feed (https://www.gov.uk/bank-holidays.json): its shape, and how a fresh copy of it
// is merged into the snapshot kept in the repository (data/uk-bank-holidays.json).
import * as z from 'zod';
import { parseIsoDate } from './dates.ts';
import { DIVISIONS, type Division, type IsoDate } from './types.ts';

const isoDate = z.string().refine(
  (value) => {
    try {
      parseIsoDate(value);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a real date YYYY-MM-DD' },
);

export const BankHolidayEventSchema = z.object({
  title: z.string().min(1),
  date: isoDate,
  notes: z.string(),
  bunting: z.boolean(),
});

export const BankHolidayDivisionSchema = z
  .object({
    division: z.string().min(1),
    events: z.array(BankHolidayEventSchema),
  })
  .refine((division) => new Set(division.events.map((event) => event.date)).size === division.events.length, {
    message: 'a date is listed twice in one division',
  });

/**
 * The feed: `{ [division]: { division, events: [{ title, date, notes, bunting }] } }`. Divisions we do not use
 * (northern-ireland) may be present; at least one division we use must be.
 */
export const BankHolidayFeedSchema = z
  .record(z.string(), BankHolidayDivisionSchema)
  .refine((feed) => DIVISIONS.some((division) => feed[division] !== undefined), {
    message: `the feed has neither ${DIVISIONS.join(' nor ')}`,
  })
  .refine((feed) => Object.entries(feed).every(([key, value]) => key === value.division), {
    message: 'each division key must equal its "division" field',
  });

export type BankHolidayEvent = z.infer<typeof BankHolidayEventSchema>;
export type BankHolidayDivision = z.infer<typeof BankHolidayDivisionSchema>;
export type BankHolidayFeed = Record<string, BankHolidayDivision>;

/** Validates an untrusted feed; throws with every problem listed. */
export function parseBankHolidayFeed(input: unknown, source = 'bank-holiday feed'): BankHolidayFeed {
  const result = BankHolidayFeedSchema.safeParse(input);
  if (!result.success) {
    throw new Error(`Invalid ${source}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export type FeedChange =
  | { kind: 'added'; division: Division; date: IsoDate; after: BankHolidayEvent }
  | { kind: 'changed'; division: Division; date: IsoDate; before: BankHolidayEvent; after: BankHolidayEvent }
  | { kind: 'removed'; division: Division; date: IsoDate; before: BankHolidayEvent };

export interface FeedMerge {
  merged: BankHolidayFeed;
  changes: FeedChange[];
  /** Per division, the years the incoming feed covered (and so decided). */
  yearsFromFeed: Partial<Record<Division, { first: number; last: number }>>;
}

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function sameEvent(a: BankHolidayEvent, b: BankHolidayEvent): boolean {
  return a.title === b.title && a.notes === b.notes && a.bunting === b.bunting;
}

/**
 * Merges a fresh feed into the current snapshot, per division we use:
 * - for the years the feed covers (its first to its last listed year) the feed is the truth: its events are
 *   taken as they are, and an event of ours in those years that the feed no longer lists is removed (a moved
 *   holiday, like the 2012 and 2022 Spring bank holidays, must not survive as its old date);
 * - years the feed no longer lists (the live feed only goes back a few years) are kept from the snapshot;
 * - divisions we do not use (northern-ireland) are ignored, and the snapshot keeps only the divisions we use.
 * Pure: returns the merged feed and the list of changes, touches no file.
 */
export function mergeBankHolidayFeeds(current: BankHolidayFeed, incoming: BankHolidayFeed): FeedMerge {
  const merged: BankHolidayFeed = {};
  const changes: FeedChange[] = [];
  const yearsFromFeed: FeedMerge['yearsFromFeed'] = {};
  for (const division of DIVISIONS) {
    const ours = current[division]?.events ?? [];
    const theirs = incoming[division]?.events;
    if (theirs === undefined || theirs.length === 0) {
      if (current[division] !== undefined) merged[division] = { division, events: [...ours] };
      continue;
    }
    const years = theirs.map((event) => yearOf(event.date));
    const first = Math.min(...years);
    const last = Math.max(...years);
    yearsFromFeed[division] = { first, last };
    const covered = (date: IsoDate) => yearOf(date) >= first && yearOf(date) <= last;
    const oursByDate = new Map(ours.map((event) => [event.date, event]));
    const theirsByDate = new Map(theirs.map((event) => [event.date, event]));
    for (const event of theirs) {
      const before = oursByDate.get(event.date);
      if (before === undefined) {
        changes.push({ kind: 'added', division, date: event.date, after: event });
      } else if (!sameEvent(before, event)) {
        changes.push({ kind: 'changed', division, date: event.date, before, after: event });
      }
    }
    for (const event of ours) {
      if (covered(event.date) && !theirsByDate.has(event.date)) {
        changes.push({ kind: 'removed', division, date: event.date, before: event });
      }
    }
    const events = [...ours.filter((event) => !covered(event.date)), ...theirs.map((event) => ({ ...event }))];
    events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    merged[division] = { division, events };
  }
  changes.sort((a, b) =>
    a.division === b.division ? (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) : a.division < b.division ? -1 : 1,
  );
  return { merged, changes, yearsFromFeed };
}

/** One line per change, for the refresh command. */
export function describeFeedChange(change: FeedChange): string {
  switch (change.kind) {
    case 'added':
      return `added   ${change.division} ${change.date} ${change.after.title}${change.after.notes ? ` (${change.after.notes})` : ''}`;
    case 'changed': {
      const fields = (['title', 'notes', 'bunting'] as const)
        .filter((field) => change.before[field] !== change.after[field])
        .map((field) => `${field} ${JSON.stringify(change.before[field])} -> ${JSON.stringify(change.after[field])}`);
      return `changed ${change.division} ${change.date} ${change.before.title}: ${fields.join(', ')}`;
    }
    case 'removed':
      return `removed ${change.division} ${change.date} ${change.before.title} (no longer in the feed for that year)`;
  }
}
