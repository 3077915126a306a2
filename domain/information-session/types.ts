import type { Plan as GenericPlan, NoticeIntentOf, TransitionOf } from '../lifecycle/plan.ts';
import type { InformationSessionCase, InformationSessionEvent, InformationSessionStage } from './case.ts';

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

export type InformationSessionNoticeKind =
  /** To the caseworker at opening: the session date, the WP11 window, how each was counted. */
  | 'session-referral-received'
  /** To the SPoC lead: marked mandatory for a group Annex A says cannot be mandated (or an unknown group). */
  | 'mandation-flagged'
  | 'session-reminder'
  | 'session-overdue'
  /** Task: tell Jobcentre Plus through the locally agreed route that a mandated participant did not attend. */
  | 'dna-notify-jcp'
  | 'dna-notify-jcp-chase'
  /** Task: cancel the referral on PRaP with reason 'Did Not Start'. */
  | 'cancel-did-not-start'
  | 'cancel-did-not-start-chase'
  /** A WP11 arrived: attachment activity due by day 28. */
  | 'attachment-due'
  | 'attachment-reminder'
  | 'attachment-overdue'
  /** An attachment to an Information Session referral: back it out (PRaP16); DWP recovers fees paid on it. */
  | 'wrong-attachment'
  /** A WP11 arrived after day 21. */
  | 'wp11-late'
  | 'event-flagged';

export type InformationSessionNoticeIntent = NoticeIntentOf<InformationSessionNoticeKind>;

export type Transition = TransitionOf<InformationSessionCase, InformationSessionNoticeIntent>;
