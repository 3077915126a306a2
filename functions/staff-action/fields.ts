import * as z from 'zod';
import { parseNino } from '../../domain/nino.ts';
import { readPersonDate } from '../../domain/person-date.ts';

type Reading = { ok: true } | { ok: false; reason: string };

/** A text field read by a domain reader: what it read, or the reader's reason as the field's issue. */
function readBy<R extends Reading, T>(read: (value: string) => R, readValue: (read: Extract<R, { ok: true }>) => T) {
  return z.string().transform((value, ctx) => {
    const result = read(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: (result as { reason: string }).reason });
      return z.NEVER;
    }
    return readValue(result as Extract<R, { ok: true }>);
  });
}

/**
 * A date as staff type it (24/04/2026, 2026-04-24 …, domain/person-date.ts), as 'YYYY-MM-DD'; a date that is not
 * real (2026-02-31) is refused with what to type, never stored.
 */
export const isoDate = readBy(
  (value) => readPersonDate(value),
  (read) => read.date,
);

/** A NINO by HMRC's rules, normalised (spaces removed, upper case); the reason given when it is not one. */
export const nino = readBy(parseNino, (read) => read.nino);
