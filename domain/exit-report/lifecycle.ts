import { formatLongDate } from '../calendar/london.ts';
import { CalendarRangeError } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import type { ProviderConfig } from '../config.ts';
import { computeDeadline } from '../deadlines/rules.ts';
import { enqueueInboxEvent, type Plan as GenericPlan, planFromRecord } from '../lifecycle/plan.ts';
import { type CaseEvent, type ExitReportCase, type ExitReportStage, iso, type Participant } from './case.ts';
import { noRequestAlertDeadline } from './deadlines.ts';
import { type EventRoute, routeEvent } from './events.ts';
import { type DueTimer, pendingTimers } from './timers.ts';

/**
 * The Exit Report lifecycle (CPA 18 ch.10, memo 115) as pure functions over the case record. The state machine
 * (workflows/exit-report.ts) asks `planNextStep` what to do, waits for an event or a timer, and applies one step:
 * an event's (./events.ts) or a timer's (./timers.ts). Nothing here reads a clock or touches AWS.
 */

export type { MetricIntent } from '../lifecycle/plan.ts';
export { EXECUTION_LIFETIME_MS } from '../lifecycle/plan.ts';
export { hasOpenRequest } from './case.ts';
export { exitReportDeadline, recomputeDeadlines } from './deadlines.ts';
export {
  applyEvent,
  consumeEvent,
  type EventRoute,
  flagEvent,
  recordReportSent,
  returnSubmissionToCaseworker,
  routeEvent,
} from './events.ts';
export type { ExitReportNoticeIntent, NoticeIntent, NoticeKind } from './notice-intents.ts';
export { applyTimer, type DueTimer, pendingTimers, type TimerKind, type Transition } from './timers.ts';

export type Awaiting = 'exit-report-request' | 'exit-report' | 'ad-hoc-request';

export type Plan = GenericPlan<ExitReportStage, CaseEvent, EventRoute, DueTimer, Awaiting>;

/**
 * The referral's own dates. A referral before the programme began is refused with that reason; one whose counts
 * run past the bank-holiday data is refused naming the date typed (not a date derived from it) and how far the
 * data reaches.
 */
function referralDeadlines(participant: Participant, config: ProviderConfig) {
  const { referralDate, division } = participant;
  const requestExpected = computeDeadline('request-expected', referralDate, division);
  const programmeEnd = computeDeadline('programme-end', referralDate, division);
  try {
    return { requestExpected, programmeEnd, noRequestAlert: noRequestAlertDeadline(programmeEnd, config, participant) };
  } catch (err) {
    if (!(err instanceof CalendarRangeError)) throw err;
    const calendar = calendarFor(division);
    throw new CalendarRangeError(
      `The referral date ${referralDate} is too late for the ${calendar.divisionName} bank-holiday data, which covers ${calendar.firstDate} to ${calendar.lastDate}: its 104 weeks end on ${formatLongDate(programmeEnd.due)}, and the working days after that cannot be counted yet (refresh the calendar with wp calendar refresh once GOV.UK lists that year).`,
    );
  }
}

/** A new case for a referred participant. */
export function openExitReportCase(
  caseId: string,
  participant: Participant,
  now: number,
  config: ProviderConfig,
): ExitReportCase {
  const { requestExpected, programmeEnd, noRequestAlert } = referralDeadlines(participant, config);
  return {
    caseId,
    participant,
    stage: 'awaiting-request',
    closedReason: null,
    cycle: 0,
    deadlines: {
      requestExpected,
      programmeEnd,
      noRequestAlert,
      exitReport: null,
      escalation: null,
      adHocWindow: null,
      retention: null,
    },
    request: null,
    wper3: null,
    earlyCompletion: null,
    report: null,
    done: {},
    inbox: [],
    appliedEventIds: [],
    audit: [
      {
        at: iso(now),
        what: 'case opened',
        detail: `Referred ${participant.referralDate}; WPER2E expected from ${requestExpected.due}; programme ends ${programmeEnd.due}.`,
      },
    ],
    version: 0,
  };
}

function awaitingFor(stage: ExitReportStage): Awaiting {
  if (stage === 'awaiting-request') return 'exit-report-request';
  if (stage === 'completed-early') return 'ad-hoc-request';
  return 'exit-report';
}

/** What the workflow does next, given the record, the time and when this execution started. */
export function planNextStep(c: ExitReportCase, now: number, executionStartedAt: number, config: ProviderConfig): Plan {
  return planFromRecord(c, {
    route: (event) => routeEvent(c, event),
    timers: pendingTimers(c, config),
    awaiting: awaitingFor(c.stage),
    finished: () => c.stage === 'closed',
    now,
    executionStartedAt,
  });
}

/** Adds an event to the inbox unless it is already there or was applied: one effect per event. */
export function enqueueEvent(c: ExitReportCase, event: CaseEvent): { case: ExitReportCase; duplicate: boolean } {
  return enqueueInboxEvent(c, event);
}
