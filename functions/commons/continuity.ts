import type { ContinuityItem } from '../../adapters/store/table-store.ts';
import {
  isEmailSuspended,
  markWpdNotified,
  resumeEmail,
  shouldNotifyWpd,
  suspendEmail,
  wpdNoticeDueAt,
  wpdSuspensionNotice,
} from '../../domain/mail/business-continuity.ts';
import { emailResumedNotice, emailSuspendedNotice } from '../../domain/notices/continuity-notices.ts';
import type { CaseHandlerDeps } from './deps.ts';
import { sendOnce } from './outbox.ts';

/**
 * Business continuity (CPA 18 ch.10 paras 85–89). Staff suspend the unencrypted email process; while it is
 * suspended, nothing goes to Jobcentre Plus by email (reports go by post or courier and are confirmed by
 * staff) and every notice points to the clerical route; after 48 hours suspended, Work Programme Division is
 * emailed once. The state is one item in the table; handlers read it through a short cache.
 */
const CACHE_MS = 60_000;

export interface ContinuityReader {
  (): Promise<ContinuityItem>;
  /** Forget the cached state (after this process changed it). */
  invalidate(): void;
}

/**
 * The switch as handlers see it: cached for a minute of real time (it bounds how stale another process's
 * change can be; virtual time in a simulation is no measure of that). This process's own changes invalidate it.
 */
export function continuityReader(deps: Pick<CaseHandlerDeps, 'cases'>): ContinuityReader {
  let cached: { at: number; state: ContinuityItem } | null = null;
  const read = (async () => {
    const now = performance.now();
    if (!cached || now - cached.at > CACHE_MS) cached = { at: now, state: await deps.cases.getContinuity() };
    return cached.state;
  }) as ContinuityReader;
  read.invalidate = () => {
    cached = null;
  };
  return read;
}

async function saveContinuity(deps: CaseHandlerDeps, state: ContinuityItem): Promise<void> {
  await deps.cases.saveContinuity(state);
  (deps.continuity as Partial<ContinuityReader>).invalidate?.();
}

function noticeTo(deps: CaseHandlerDeps): string[] {
  return [deps.config.provider.spocAddress, deps.config.provider.spocLeadAddress];
}

async function notify(
  deps: CaseHandlerDeps,
  intentId: string,
  to: string[],
  notice: { subject: string; text: string },
) {
  const from = deps.config.provider.spocAddress;
  await sendOnce(deps, intentId, async () => ({
    raw: await deps.composeNotice({ from, to, subject: notice.subject, text: notice.text, date: new Date(deps.now()) }),
    from,
    to,
  }));
}

export async function suspendEmailProcess(
  deps: CaseHandlerDeps,
  details: { reason: string | null; expectedResumption: string | null },
): Promise<ContinuityItem> {
  const current = await deps.cases.getContinuity();
  if (isEmailSuspended(current)) return current;
  const state: ContinuityItem = { ...suspendEmail(current, new Date(deps.now())), ...details };
  await saveContinuity(deps, state);
  await notify(
    deps,
    `continuity-suspended:${state.suspendedSince}`,
    noticeTo(deps),
    emailSuspendedNotice({ suspendedSince: state.suspendedSince as string, wpdEmailDueAt: wpdNoticeDueAt(state) }),
  );
  return state;
}

export async function resumeEmailProcess(deps: CaseHandlerDeps): Promise<ContinuityItem> {
  const current = await deps.cases.getContinuity();
  if (!isEmailSuspended(current)) return current;
  const state: ContinuityItem = { ...resumeEmail(), reason: null, expectedResumption: null };
  await saveContinuity(deps, state);
  const resumedAt = new Date(deps.now()).toISOString();
  await notify(deps, `continuity-resumed:${current.suspendedSince}`, noticeTo(deps), emailResumedNotice({ resumedAt }));
  return state;
}

/** Run regularly (the scheduled status run; hourly locally): the Work Programme Division email after 48 hours. */
export async function checkContinuity(deps: CaseHandlerDeps): Promise<{ wpdNotified: boolean }> {
  const state = await deps.cases.getContinuity();
  const now = new Date(deps.now());
  if (!shouldNotifyWpd(state, now)) return { wpdNotified: false };
  const notice = wpdSuspensionNotice(state, now, {
    providerName: deps.config.provider.name,
    reason: state.reason,
    expectedResumption: state.expectedResumption,
  });
  await notify(
    deps,
    `continuity-wpd:${state.suspendedSince}`,
    [deps.config.provider.workProgrammeDivisionAddress],
    notice,
  );
  await saveContinuity(deps, { ...state, ...markWpdNotified(state, now) });
  return { wpdNotified: true };
}

/** The line every staff notice carries while email is suspended. */
export const CLERICAL_ROUTE_BANNER =
  'EMAIL TO JOBCENTRE PLUS IS SUSPENDED (business continuity): send Exit Reports by first class post or courier to the Jobcentre Plus District SPoC, at most 49 per package, and confirm each with `wp case confirm-sent` (or the staff-action function). Deadlines are unchanged.';
