import type { Plan as GenericPlan, TransitionOf } from '../lifecycle/plan.ts';
import type { InformationSessionCase, InformationSessionEvent, InformationSessionStage } from './case.ts';
import type { InformationSessionNoticeIntent } from './notice-intents.ts';

export type {
  InformationSessionNoticeIntent,
  InformationSessionNoticeIntentOf,
  InformationSessionNoticeKind,
} from './notice-intents.ts';

/** The Information Session lifecycle's vocabulary: its timers, the routes an event takes, its notices. */

export type TimerKind =
  | 'session-reminder'
  | 'session-overdue'
  | 'wp11-window-closed'
  | 'cancel-chase'
  | 'dna-chase'
  | 'attachment-reminder'
  | 'attachment-overdue';

export interface DueTimer {
  kind: TimerKind;
  at: string;
  /** Key in `case.done` once acted on. */
  key: string;
  daysBefore?: number;
  /** For chases: which chase (1-based); for dna-chase, which DNA record (`index`). */
  chase?: number;
  index?: number;
}

/** 'dna-confirmation': a closed case still waiting for staff to confirm they told Jobcentre Plus of a DNA. */
export type Awaiting = 'session-outcome' | 'wp11' | 'attachment' | 'prap-cancellation' | 'dna-confirmation';

type EventOf<T extends InformationSessionEvent['type']> = Extract<InformationSessionEvent, { type: T }>;

/** Each route an event can take, and the event it carries: a step per route (`events.ts`). */
export interface RoutedEvents {
  'record-session-arranged': EventOf<'session-arranged'>;
  'record-session-outcome': EventOf<'session-outcome'>;
  'record-jcp-dna-notified': EventOf<'jcp-dna-notified'>;
  'record-wp11': EventOf<'wp11-received'>;
  'late-wp11': EventOf<'wp11-received'>;
  'record-prap-cancellation': EventOf<'prap-cancelled'>;
  'record-attachment': EventOf<'attachment-recorded'>;
  'wrong-attachment': EventOf<'attachment-recorded'>;
  'record-back-out': EventOf<'attachment-backed-out'>;
  /** Does not fit the stage: kept in the audit and told to the SPoC lead. */
  flag: InformationSessionEvent;
}

export type EventRoute = keyof RoutedEvents;

export type Plan = GenericPlan<InformationSessionStage, InformationSessionEvent, EventRoute, DueTimer, Awaiting>;

export type Transition = TransitionOf<InformationSessionCase, InformationSessionNoticeIntent>;
