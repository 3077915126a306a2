import { formatLondonDateTime } from '../calendar/london.ts';

/**
 * Business continuity (CPA 18 ch.10 paras 85–89): a switch that suspends the unencrypted email process.
 * While suspended, notices point staff to the clerical route. Work Programme Division is emailed three times:
 * when email is suspended, with how long it is expected to last (paras 85, 87); again once the outage is
 * expected to reach 48 hours, whether expected so from the start or found so when 48 hours have passed (the
 * switch to the clerical route, para 87); and before email is used again (para 88). Pure state: the store keeps
 * it, `now` is passed in.
 */
export interface BusinessContinuityState {
  /** ISO instant the email process was suspended, or null when email is in use. */
  suspendedSince: string | null;
  /** ISO instant Work Programme Division was told the outage is expected to reach 48 hours (clerical), or null. */
  wpdNotifiedAt?: string | null;
  /** How long staff expect the outage to last, in hours from the suspension, or null when not known. */
  expectedHours?: number | null;
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

/** The outage is expected to reach 48 hours: staff expect it to, or 48 hours have passed with email suspended. */
export function expectedToReach48Hours(state: BusinessContinuityState, now: Date): boolean {
  if (state.suspendedSince === null) return false;
  if ((state.expectedHours ?? 0) >= WPD_NOTICE_AFTER_HOURS) return true;
  const since = Date.parse(state.suspendedSince);
  if (Number.isNaN(since)) return false;
  return now.getTime() - since >= WPD_NOTICE_AFTER_HOURS * HOUR_MS;
}

/** Expected to reach 48 hours, and Work Programme Division not yet told so for this suspension (para 87). */
export function shouldNotifyWpd(state: BusinessContinuityState, now: Date): boolean {
  if (state.wpdNotifiedAt) return false;
  return expectedToReach48Hours(state, now);
}

/** When email is expected back (suspension + expected hours), or null when not known. */
export function expectedEndAt(state: BusinessContinuityState): string | null {
  if (state.suspendedSince === null || !state.expectedHours) return null;
  const since = Date.parse(state.suspendedSince);
  return Number.isNaN(since) ? null : new Date(since + state.expectedHours * HOUR_MS).toISOString();
}

/** When the 48 hours are up: the latest instant of the second Work Programme Division email. */
export function wpdNoticeDueAt(state: BusinessContinuityState): string | null {
  if (state.suspendedSince === null) return null;
  const since = Date.parse(state.suspendedSince);
  return Number.isNaN(since) ? null : new Date(since + WPD_NOTICE_AFTER_HOURS * HOUR_MS).toISOString();
}

function expectation(state: BusinessContinuityState, expectedResumption: string | null | undefined): string {
  const end = expectedEndAt(state);
  if (end && expectedResumption)
    return `We expect it to last about ${state.expectedHours} hours, until ${formatInstant(end)} (${expectedResumption}); we will tell you before we start using email again (para 88).`;
  if (end)
    return `We expect it to last about ${state.expectedHours} hours, until ${formatInstant(end)}; we will tell you before we start using email again (para 88).`;
  if (expectedResumption)
    return `We expect to use email again from ${expectedResumption}; we will tell you before we start using it again (para 88).`;
  return 'We do not yet know when we can use email again; we will tell you before we start using it again (para 88).';
}

/** The first email to Work Programme Division, as email is suspended: since when, and how long it may last (paras 85, 87). */
export function wpdEmailSuspendedNotice(
  state: BusinessContinuityState,
  details: { providerName: string; expectedResumption?: string | null; reason?: string | null },
): { subject: string; text: string } {
  const since = state.suspendedSince ?? new Date(0).toISOString();
  return {
    subject: `Work Programme Exit Reports: ${details.providerName} temporarily unable to use unencrypted email`,
    text: [
      'Dear Work Programme Division,',
      '',
      `Since ${formatInstant(since)}, ${details.providerName} is temporarily unable to receive Exit Report requests or send Exit Reports by unencrypted email.${details.reason ? ` Reason: ${details.reason}.` : ''} Please ask the Jobcentre Plus District SPoCs to suspend the use of unencrypted email with us (paras 85–86).`,
      '',
      expectation(state, details.expectedResumption),
      '',
      (state.expectedHours ?? 0) >= WPD_NOTICE_AFTER_HOURS
        ? 'As we expect it to last 48 hours or longer, we are reverting to the clerical route: see our next email (para 87).'
        : 'If it comes to last 48 hours, we will tell you and revert to the clerical route (para 87).',
      '',
      `${details.providerName} Exit Report SPoC`,
    ].join('\n'),
  };
}

/** The last email to Work Programme Division, before email is used again (para 88). */
export function wpdEmailResumingNotice(
  state: BusinessContinuityState,
  now: Date,
  details: { providerName: string },
): { subject: string; text: string } {
  const since = state.suspendedSince ?? now.toISOString();
  return {
    subject: `Work Programme Exit Reports: ${details.providerName} able to use unencrypted email again`,
    text: [
      'Dear Work Programme Division,',
      '',
      `The problem that stopped ${details.providerName} using unencrypted email since ${formatInstant(since)} is resolved. We will start using unencrypted email for Exit Report requests and Exit Reports again from ${formatInstant(now.toISOString())}, and not before (para 88). Please let the Jobcentre Plus District SPoCs know.`,
      '',
      'Exit Reports already sent by post or courier will not be sent again.',
      '',
      `${details.providerName} Exit Report SPoC`,
    ].join('\n'),
  };
}

/** The email to Work Programme Division once the outage is expected to reach 48 hours: the clerical route (para 87). */
export function wpdSuspensionNotice(
  state: BusinessContinuityState,
  now: Date,
  details: { providerName: string; expectedResumption?: string | null; reason?: string | null },
): { subject: string; text: string } {
  const since = state.suspendedSince ?? now.toISOString();
  const hours = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / HOUR_MS));
  const expected = expectation(state, details.expectedResumption);
  return {
    subject: `Work Programme Exit Reports: ${details.providerName} unable to use unencrypted email (${hours} hours)`,
    text: [
      'Dear Work Programme Division,',
      '',
      `${details.providerName} has been unable to receive Exit Report requests or send Exit Reports by unencrypted email since ${formatInstant(since)} (${hours} hours)${hours < WPD_NOTICE_AFTER_HOURS ? ', and we expect this to last 48 hours or longer' : ''}.${details.reason ? ` Reason: ${details.reason}.` : ''}`,
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
