import type { Plan as GenericPlan, TransitionOf } from '../lifecycle/plan.ts';
import type { MiReturnCase, MiReturnEvent, MiReturnStage } from './case.ts';
import type { MiReturnNoticeIntent } from './notice-intents.ts';

export type { MiReturnNoticeIntent, MiReturnNoticeKind } from './notice-intents.ts';

/** The MI return lifecycle's vocabulary: its timers, what it awaits, where events go, its notices. */

export type TimerKind =
  /** The reporting month ended: the return can be sent. */
  | 'month-ended'
  /** To the lead contact and deputy, N working days before the due date, while not sent. */
  | 'reminder'
  /** The send time on the due day: opens a send attempt (it does not send). */
  | 'send-due'
  /** A send attempt is open: the handler builds, checks and emails the workbook. Never applied by applyTimer. */
  | 'build-and-send'
  /** The end of the due day and never sent: alert once. */
  | 'not-sent-alert'
  /** Some days after the (last) send: close. */
  | 'close';

export interface DueTimer {
  kind: TimerKind;
  at: string;
  /** Key in `case.done` once acted on. */
  key: string;
  workingDaysBefore?: number;
  /** build-and-send: the attempt, its outbound intent id, and whether it re-sends a month already sent. */
  attempt?: number;
  intentId?: string;
  refresh?: boolean;
}

export type Awaiting =
  /** The reporting month is running. */
  | 'month-end'
  /** The month ended: a send request, or the send time on the due day. */
  | 'send'
  /** A send attempt is open (only seen if a step is stuck: the plan is 'build-and-send'). */
  | 'send-outcome'
  /** Sent: only a refresh request changes anything. */
  | 'refresh';

export type EventRoute =
  /** send-requested / refresh-requested (as the 'send-due' timer): open a send attempt. */
  | 'send-now'
  /** return-sent for the open attempt. */
  | 'record-sent'
  /** send-failed for the open attempt. */
  | 'record-send-failed'
  /**
   * send-requested while the month's return is being sent, or once it was sent after the request was made (a
   * month the request itself opened, already past its send time, is sent at once): the send answers the request.
   * Recorded in the audit; the sent notice is the one outcome staff are told.
   */
  | 'answered-by-send'
  | 'flag';

export type Plan = GenericPlan<MiReturnStage, MiReturnEvent, EventRoute, DueTimer, Awaiting>;

export type Transition = TransitionOf<MiReturnCase, MiReturnNoticeIntent>;
