// Facts about the Work Programme itself that a date typed by a person is checked against.
import { longDateOf, parseIsoDate } from './calendar/dates.ts';
import type { IsoDate } from './calendar/types.ts';

/**
 * The Work Programme took its first referrals in June 2011; memo 115 (16 May 2013) was written for that first
 * cohort, whose WPER2s came from w/c 27 May 2013. No referral to it can be earlier.
 */
export const FIRST_REFERRAL_DATE: IsoDate = '2011-06-01';

/** A Work Programme referral date that cannot be one. */
export class ReferralDateError extends Error {
  override name = 'ReferralDateError';
}

/** Throws ReferralDateError (naming the date as typed) for a referral before the programme began. */
export function checkReferralDate(date: IsoDate, what = 'referral date'): void {
  const day = parseIsoDate(date, what);
  if (day < parseIsoDate(FIRST_REFERRAL_DATE)) {
    throw new ReferralDateError(
      `The ${what} ${date} is before the Work Programme began: it took its first referrals on ${longDateOf(parseIsoDate(FIRST_REFERRAL_DATE))}.`,
    );
  }
}
