import * as z from 'zod';
import { parseNino } from '../../domain/nino.ts';

/** Fields every staff action validates the same way. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A NINO by HMRC's rules, normalised (spaces removed, upper case); the reason given when it is not one. */
export const nino = z.string().transform((value, ctx) => {
  const result = parseNino(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.reason });
    return z.NEVER;
  }
  return result.nino;
});
