import type { ContinuityItem } from '../../adapters/store/table-store.ts';
import {
  isEmailSuspended,
  markWpdNotified,
  resumeEmail,
  shouldNotifyWpd,
  suspendEmail,
  wpdEmailResumingNotice,
  wpdEmailSuspendedNotice,
  wpdNoticeDueAt,
  wpdSuspensionNotice,
} from '../../domain/mail/business-continuity.ts';
import { emailResumedNotice, emailSuspendedNotice } from '../../domain/notices/continuity-notices.ts';
import type { CaseHandlerDeps } from './deps.ts';
import { sendOnce } from './outbox.ts';

/**
 * Business continuity (CPA 18 ch.10 paras 85–89). Staff suspend the unencrypted email process; while it is
 * suspended, nothing goes to Jobcentre Plus by email (reports go by post or courier and are confirmed by
 * staff) and every notice points to the clerical route. Work Programme Division is emailed when email is
 * suspended (with the expected duration), again when the outage is expected to reach 48 hours (the clerical
 * route), and before email is used again. The state is one item in the table; handlers read it through a short
 * cache.
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

function wpdAddress(deps: CaseHandlerDeps): string[] {
  return [deps.config.provider.workProgrammeDivisionAddress];
}

/**
 * Staff suspend email (para 85): the switch is saved, Work Programme Division is emailed at once with how long the
 * outage is expected to last, staff are told to use the clerical route, and, if it is already expected to last 48
 * hours or more, Work Programme Division gets the clerical-route email too (para 87).
 */
export async function suspendEmailProcess(
  deps: CaseHandlerDeps,
  details: { reason: string | null; expectedResumption: string | null; expectedHours?: number | null; by: string },
): Promise<ContinuityItem> {
  const current = await deps.cases.getContinuity();
  if (isEmailSuspended(current)) return current;
  const state: ContinuityItem = {
    ...suspendEmail(current, new Date(deps.now())),
    reason: details.reason,
    expectedResumption: details.expectedResumption,
    expectedHours: details.expectedHours ?? null,
    changedBy: details.by,
  };
  await saveContinuity(deps, state);
  await notify(
    deps,
    `continuity-wpd-suspended:${state.suspendedSince}`,
    wpdAddress(deps),
    wpdEmailSuspendedNotice(state, {
      providerName: deps.config.provider.name,
      reason: state.reason,
      expectedResumption: state.expectedResumption,
    }),
  );
  await notify(
    deps,
    `continuity-suspended:${state.suspendedSince}`,
    noticeTo(deps),
    emailSuspendedNotice({ suspendedSince: state.suspendedSince as string, wpdEmailDueAt: wpdNoticeDueAt(state) }),
  );
  await checkContinuity(deps);
  return deps.cases.getContinuity();
}

/** Staff keep Work Programme Division informed (para 87): expected to reach 48 hours now, it is emailed at once. */
export async function updateEmailSuspension(
  deps: CaseHandlerDeps,
  details: { expectedResumption: string | null; expectedHours: number | null; by: string },
): Promise<ContinuityItem> {
  const current = await deps.cases.getContinuity();
  if (!isEmailSuspended(current)) return current;
  await saveContinuity(deps, {
    ...current,
    expectedResumption: details.expectedResumption ?? current.expectedResumption,
    expectedHours: details.expectedHours ?? current.expectedHours ?? null,
    changedBy: details.by,
  });
  await checkContinuity(deps);
  return deps.cases.getContinuity();
}

/**
 * Staff resume email: Work Programme Division is emailed first (para 88), and only once that email has gone is the
 * switch turned back (a failed send leaves email suspended, and the action can be asked again).
 */
export async function resumeEmailProcess(deps: CaseHandlerDeps, by: string): Promise<ContinuityItem> {
  const current = await deps.cases.getContinuity();
  if (!isEmailSuspended(current)) return current;
  const now = new Date(deps.now());
  await notify(
    deps,
    `continuity-wpd-resuming:${current.suspendedSince}`,
    wpdAddress(deps),
    wpdEmailResumingNotice(current, now, { providerName: deps.config.provider.name }),
  );
  const state: ContinuityItem = {
    ...resumeEmail(),
    reason: null,
    expectedResumption: null,
    expectedHours: null,
    changedBy: by,
  };
  await saveContinuity(deps, state);
  await notify(
    deps,
    `continuity-resumed:${current.suspendedSince}`,
    noticeTo(deps),
    emailResumedNotice({ resumedAt: now.toISOString() }),
  );
  return state;
}

/**
 * Run regularly (every 15 minutes locally) and after each change: once the outage is expected to reach 48 hours
 * (staff expect it to, or 48 hours have passed), Work Programme Division is emailed that the clerical route is in
 * use (para 87), once per suspension.
 */
export async function checkContinuity(deps: CaseHandlerDeps): Promise<{ wpdNotified: boolean }> {
  const state = await deps.cases.getContinuity();
  const now = new Date(deps.now());
  if (!shouldNotifyWpd(state, now)) return { wpdNotified: false };
  const notice = wpdSuspensionNotice(state, now, {
    providerName: deps.config.provider.name,
    reason: state.reason,
    expectedResumption: state.expectedResumption,
  });
  await notify(deps, `continuity-wpd:${state.suspendedSince}`, wpdAddress(deps), notice);
  await saveContinuity(deps, { ...state, ...markWpdNotified(state, now) });
  return { wpdNotified: true };
}
