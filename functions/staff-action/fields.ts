import * as z from 'zod';
import { parseNino } from '../../domain/nino.ts';
import { readPersonDate } from '../../domain/person-date.ts';

/**
 * A date as staff type it (24/04/2026, 2026-04-24 …, domain/person-date.ts), as 'YYYY-MM-DD'; a date that is not
 * real (2026-02-31) is refused with what to type, never stored.
 */
export const isoDate = z.string().transform((value, ctx) => {
  const result = readPersonDate(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.reason });
    return z.NEVER;
  }
  return result.date;
});

/** A NINO by HMRC's rules, normalised (spaces removed, upper case); the reason given when it is not one. */
export const nino = z.string().transform((value, ctx) => {
  const result = parseNino(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.reason });
    return z.NEVER;
  }
  return result.nino;
});
