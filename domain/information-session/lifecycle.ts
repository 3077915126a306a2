import { londonDateOf } from '../calendar/london.ts';
import { computeDeadline } from '../deadlines/rules.ts';
import { enqueueInboxEvent, type MetricIntent } from '../lifecycle/plan.ts';
import { plannerOf } from '../lifecycle/planner.ts';
import { appendAudit, freshRecordFields, isoInstant } from '../lifecycle/record.ts';
import { maskNino } from '../nino.ts';
import type { AuditEntry, InformationSessionCase, InformationSessionEvent, InformationSessionStage } from './case.ts';
import { INFORMATION_SESSION_METRICS, type InformationSessionConfig } from './config.ts';
import { checkMandation } from './eligibility.ts';
import { participantNotice } from './record.ts';
import type { InformationSessionReferral } from './referral.ts';
import { describeStage, routeEvent } from './routing.ts';
import { pendingTimers } from './timers.ts';
import type { Awaiting, DueTimer, EventRoute, InformationSessionNoticeIntent, Transition } from './types.ts';

/**
 * The Information Session lifecycle (ch.19) as pure functions over the case record, in the shape of the Exit
 * Report lifecycle: `planNextStep` says what to do next, `applyEvent` / `applyTimer` return the new record with
 * the notices (intents: a kind and facts) and the dashboard figures. Nothing here reads a clock or touches PRaP:
 * where the guidance asks for a PRaP action, the provider's staff get a task, confirm it, and are chased.
 *
 * This module is the process's one entry; the pieces live beside it, laid out as in compliance and MI return:
 * `config`, `types`, `record` (what every step does to the record), `routing` (where an event goes; the flags),
 * `events` (one step per route), `session-outcome`, `timers` (when each falls due; one step per timer kind).
 */

export type { MetricIntent } from '../lifecycle/plan.ts';
export { EXECUTION_LIFETIME_MS } from '../lifecycle/plan.ts';
export { INFORMATION_SESSION_METRICS, type InformationSessionConfig, informationSessionConfigFrom } from './config.ts';
export { applyEvent } from './events.ts';
export { flagEvent, routeEvent, whyNotActedOn } from './routing.ts';
export { applyTimer, pendingTimers, reminderDay } from './timers.ts';
export type {
  Awaiting,
  DueTimer,
  EventRoute,
  InformationSessionNoticeIntent,
  InformationSessionNoticeKind,
  Plan,
  TimerKind,
  Transition,
} from './types.ts';

/** Adds an event to the inbox unless it is already there or was applied: one effect per event. */
export function enqueueEvent(
  c: InformationSessionCase,
  event: InformationSessionEvent,
): { case: InformationSessionCase; duplicate: boolean } {
  return enqueueInboxEvent(c, event);
}

/**
 * A new case for an Information Session referral: the three dates counted from the referral date, the Annex A
 * check (a failed one is flagged to the SPoC lead, never silently accepted), and the caseworker told.
 */
export function openInformationSessionCase(
  caseId: string,
  referral: InformationSessionReferral,
  now: number,
  config: InformationSessionConfig,
): Transition {
  const { referralDate, division } = referral;
  const session = computeDeadline('info-session', referralDate, division);
  const wp11Window = computeDeadline('info-session-cancel', referralDate, division);
  const attachment = computeDeadline('attachment', referralDate, division);
  const mandationCheck = checkMandation(referral);
  const caseworkerEmail = referral.caseworkerEmail ?? config.teamAddress;
  const entries: Omit<AuditEntry, 'at'>[] = [
    {
      what: 'case opened',
      detail: `${referral.mandation === 'mandatory' ? 'Mandatory' : 'Voluntary'} Information Session referral of ${referralDate}${referral.scr ? ' (SCR, referred clerically)' : ''}; session due by ${session.due}; WP11 awaited until ${wp11Window.due}; attachment (if a WP11 comes) by ${attachment.due}.`,
    },
  ];
  const notices: InformationSessionNoticeIntent[] = [];
  const metrics: MetricIntent[] = [{ name: INFORMATION_SESSION_METRICS.sessionsDue, value: 1 }];
  const c: InformationSessionCase = {
    caseId,
    referral,
    caseworkerEmail,
    stage: 'session-due',
    closedReason: null,
    mandationCheck,
    deadlines: { session, wp11Window, attachment },
    sessions: [],
    dnaNotices: [],
    wp11: null,
    cancellation: null,
    attachment: null,
    wrongAttachments: [],
    ...freshRecordFields(now),
  };
  // The day it is sent: a referral imported late is told which dates have already passed.
  const sentOn = londonDateOf(isoInstant(now));
  const dates = { referralDate, session, wp11Window, attachment, sentOn };
  notices.push(
    participantNotice(c, 'session-referral-received', 'session-referral-received', [caseworkerEmail], dates),
  );
  if (!mandationCheck.ok) {
    entries.push({ what: 'mandation flagged', detail: mandationCheck.message, flag: true });
    notices.push(
      participantNotice(c, 'mandation-flagged', 'mandation-flagged', [config.spocLeadAddress], {
        code: mandationCheck.code,
        message: mandationCheck.message,
        esaGroup: mandationCheck.row?.participant ?? referral.esaGroupText,
      }),
    );
    metrics.push({ name: INFORMATION_SESSION_METRICS.mandationFlagged, value: 1 });
  }
  return { case: appendAudit(c, now, entries), notices, metrics };
}

/**
 * What the workflow does next, given the record, the time and when this execution started: the first event in the
 * inbox, else the earliest timer due, else a wait for what the stage awaits. A closed case ends once no DNA chase
 * is pending.
 */
export const planNextStep = plannerOf<
  InformationSessionCase,
  InformationSessionConfig,
  InformationSessionStage,
  InformationSessionEvent,
  EventRoute,
  DueTimer,
  Awaiting
>({
  route: routeEvent,
  timers: pendingTimers,
  awaiting: {
    'session-due': 'session-outcome',
    attended: 'wp11',
    'did-not-attend': 'wp11',
    'attachment-due': 'attachment',
    'cancel-due': 'prap-cancellation',
    // Staff have still to confirm they told Jobcentre Plus of a DNA.
    closed: 'dna-confirmation',
  },
  finished: (c, timer) => c.stage === 'closed' && !timer,
});

/** For logs: the case in one line, NINO masked. */
export function describeCase(c: InformationSessionCase): string {
  return `${c.caseId} ${maskNino(c.referral.nino)} ${c.referral.mandation} referred ${c.referral.referralDate}: ${describeStage(c)}`;
}
