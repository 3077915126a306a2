import { computeDeadline } from '../deadlines/rules.ts';
import { enqueueInboxEvent } from '../lifecycle/plan.ts';
import { plannerOf } from '../lifecycle/planner.ts';
import { freshRecordFields } from '../lifecycle/record.ts';
import type { MiReturnCase, MiReturnEvent, MiReturnStage } from './case.ts';
import { MI_RETURN_METRICS, type MiReturnLifecycleConfig } from './lifecycle-config.ts';
import { describeStage, monthEndOf, withAudit } from './record.ts';
import { miReturnFileName, monthLabel } from './return.ts';
import { routeEvent } from './routing.ts';
import { pendingTimers } from './timers.ts';
import type { Awaiting, Plan, Transition } from './types.ts';

/**
 * The monthly job entry MI return (memo 176) as pure functions over the case record, in the shape of the other
 * lifecycles: `planNextStep` says what to do next, `applyEvent` / `applyTimer` return the new record with the
 * notices (intents: a kind and facts) and the dashboard figures. Nothing here reads a clock, reads job entries,
 * builds a workbook or sends mail.
 *
 * Sending is a step of its own. The send time on the due day (timer 'send-due'), a staff 'send-requested' or a
 * 'refresh-requested' do not send: applying them opens a numbered send attempt and moves the case to 'sending'.
 * While it is 'sending' the plan answers with the timer 'build-and-send' (due at once), which the workflow routes
 * to the handler: it builds the return from the job entries as they stand, checks the workbook, and emails it
 * under the outbound intent `<caseId>:send:<attempt>`, claimed before sending (functions/commons/outbox.ts
 * `sendOnce`). It then applies 'return-sent' or 'send-failed' for that attempt (ids from `returnSentEvent` /
 * `sendFailedEvent`, one per attempt). A retried step finds the plan unchanged and the intent already claimed:
 * it records the outcome and sends nothing. Only a new attempt, from a new request, has a new intent id and can
 * send again.
 */

export { EXECUTION_LIFETIME_MS, type MetricIntent } from '../lifecycle/plan.ts';
export { applyEvent } from './events.ts';
export {
  MI_RETURN_METRICS,
  type MiReturnLifecycleConfig,
  type MiReturnLifecycleOptions,
  MiReturnLifecycleOptionsSchema,
  miReturnLifecycleConfig,
} from './lifecycle-config.ts';
export { miReturnCaseId, monthEndOf, openAttempt, sendIntentId } from './record.ts';
export { flagEvent, routeEvent, whyNotActedOn } from './routing.ts';
export { returnSentEvent, type SendStep, sendFailedEvent, sendStepOf } from './send-step.ts';
export { applyTimer, pendingTimers } from './timers.ts';
export type {
  Awaiting,
  DueTimer,
  EventRoute,
  MiReturnNoticeIntent,
  MiReturnNoticeKind,
  Plan,
  TimerKind,
  Transition,
} from './types.ts';

/** Adds an event to the inbox unless it is already there or was applied: one effect per event. */
export function enqueueEvent(c: MiReturnCase, event: MiReturnEvent): { case: MiReturnCase; duplicate: boolean } {
  return enqueueInboxEvent(c, event);
}

/**
 * A new case for a contract's reporting month: the due date counted (5th working day of the next month, the
 * configured division's bank holidays), 'collecting' while the month runs, 'due' once it has ended.
 */
export function openMiReturnCase(
  caseId: string,
  reportingMonth: string,
  now: number,
  config: MiReturnLifecycleConfig,
): Transition {
  const due = computeDeadline('mi-return', reportingMonth, config.division);
  const fileName = miReturnFileName(config.contractNumber, config.providerName, reportingMonth);
  const monthEnded = now >= Date.parse(monthEndOf(reportingMonth));
  const c: MiReturnCase = {
    caseId,
    contractNumber: config.contractNumber.trim(),
    providerName: config.providerName.trim(),
    reportingMonth,
    division: config.division,
    stage: monthEnded ? 'due' : 'collecting',
    due,
    fileName,
    attempts: [],
    sends: [],
    ...freshRecordFields(now),
  };
  return {
    case: withAudit(c, now, [
      {
        what: 'case opened',
        detail: `Job entry MI return for ${monthLabel(reportingMonth)}, contract ${c.contractNumber}: ${fileName}, due by the end of ${due.due} (the 5th working day of the next month); sent automatically at ${config.sendTime} that day unless sent before.${monthEnded ? '' : ' The month is still running: nothing can be sent before it ends.'}`,
      },
    ]),
    notices: [],
    metrics: [{ name: MI_RETURN_METRICS.due, value: 1 }],
  };
}

/** What the case awaits in each stage. */
const AWAITING: Readonly<Record<MiReturnStage, Awaiting>> = {
  collecting: 'month-end',
  due: 'send',
  failed: 'send',
  sending: 'send-outcome',
  sent: 'refresh',
  closed: 'refresh',
};

/**
 * What the workflow does next, given the record, the time and when this execution started. A plan
 * `{ next: 'timer-due', timer: { kind: 'build-and-send' } }` is the send step (see `sendStepOf`); every other
 * timer is applied by `applyTimer`, every event by `applyEvent`.
 */
export const planNextStep: (
  c: MiReturnCase,
  now: number,
  executionStartedAt: number,
  config: MiReturnLifecycleConfig,
) => Plan = plannerOf({
  route: routeEvent,
  timers: pendingTimers,
  awaiting: AWAITING,
  finished: (c, timer) => c.stage === 'closed' && !timer,
});

/** For logs: the case in one line. */
export function describeCase(c: MiReturnCase): string {
  return `${c.caseId} ${c.fileName} due ${c.due.due}: ${describeStage(c)}`;
}
