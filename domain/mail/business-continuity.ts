import { formatLondonDateTime } from '../calendar/london.ts';

/**
 * Business continuity (CPA 18 ch.10 paras 85–89): a switch that suspends the unencrypted email process.
 * While suspended, notices point staff to the clerical route; once it has been suspended for 48 hours, Work
 * Programme Division is emailed (para 87). Pure state: the lead's store keeps it, `now` is passed in.
 */
export interface BusinessContinuityState {
  /** ISO instant the email process was suspended, or null when email is in use. */
  suspendedSince: string | null;
  /** ISO instant Work Programme Division was told of this suspension, or null. */
  wpdNotifiedAt?: string | null;
}

export const WPD_NOTICE_AFTER_HOURS = 48;
const HOUR_MS = 3_600_000;

export function isEmailSuspended(state: BusinessContinuityState): boolean {
  return state.suspendedSince !== null;
}

export function suspendEmail(state: BusinessContinuityState, now: Date): BusinessContinuityState {
  return state.suspendedSince !== null ? state : { suspendedSince: now.toISOString(), wpdNotifiedAt: null };
}

export function resumeEmail(): BusinessContinuityState {
  return { suspendedSince: null, wpdNotifiedAt: null };
}

export function markWpdNotified(state: BusinessContinuityState, now: Date): BusinessContinuityState {
  return { ...state, wpdNotifiedAt: now.toISOString() };
}

/** Suspended for 48 hours or more, and Work Programme Division not yet told about this suspension. */
export function shouldNotifyWpd(state: BusinessContinuityState, now: Date): boolean {
  if (state.suspendedSince === null) return false;
  if (state.wpdNotifiedAt) return false;
  const since = Date.parse(state.suspendedSince);
  if (Number.isNaN(since)) return false;
  return now.getTime() - since >= WPD_NOTICE_AFTER_HOURS * HOUR_MS;
}

/** When the 48 hours are up: the instant to schedule the Work Programme Division email for. */
export function wpdNoticeDueAt(state: BusinessContinuityState): string | null {
  if (state.suspendedSince === null) return null;
  const since = Date.parse(state.suspendedSince);
  return Number.isNaN(since) ? null : new Date(since + WPD_NOTICE_AFTER_HOURS * HOUR_MS).toISOString();
}

/** The email to Work Programme Division (para 87). */
export function wpdSuspensionNotice(
  state: BusinessContinuityState,
  now: Date,
  details: { providerName: string; expectedResumption?: string | null; reason?: string | null },
): { subject: string; text: string } {
  const since = state.suspendedSince ?? now.toISOString();
  const hours = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / HOUR_MS));
  const expected = details.expectedResumption
    ? `We expect to use email again from ${details.expectedResumption}.`
    : 'We do not yet know when we can use email again; we will tell you before we start using it again (para 88).';
  return {
    subject: `Work Programme Exit Reports: ${details.providerName} unable to use unencrypted email (${hours} hours)`,
    text: [
      'Dear Work Programme Division,',
      '',
      `${details.providerName} has been unable to receive Exit Report requests or send Exit Reports by unencrypted email since ${formatInstant(since)} (${hours} hours).${details.reason ? ` Reason: ${details.reason}.` : ''}`,
      '',
      'Until it is resolved we are receiving and returning Exit Reports by the clerical route (post or courier to the Jobcentre Plus District SPoCs), as para 87 of CPA 18 chapter 10 asks.',
      '',
      expected,
      '',
      `${details.providerName} Exit Report SPoC`,
    ].join('\n'),
  };
}

function formatInstant(iso: string): string {
  try {
    return formatLondonDateTime(iso);
  } catch {
    return iso;
  }
}
