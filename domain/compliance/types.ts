import type { Plan as GenericPlan, TransitionOf } from '../lifecycle/plan.ts';
import type { ComplianceCase, ComplianceEvent, ComplianceStage } from './case.ts';
import type { ComplianceConfig } from './config.ts';
import type { ComplianceNoticeIntent } from './notice-intents.ts';

export type { ComplianceNoticeIntent, ComplianceNoticeIntentOf, ComplianceNoticeKind } from './notice-intents.ts';

/** The compliance lifecycle's vocabulary: its timers, what it awaits, where events go, its notices. */

export type TimerKind =
  | 'evidence-reminder'
  | 'evidence-window-closed'
  | 'esf3-due'
  | 'month-reminder'
  | 'provider-action-ended';

export interface DueTimer {
  kind: TimerKind;
  at: string;
  key: string;
  hoursBefore?: number;
  workingDaysBefore?: number;
}

export type Awaiting = 'evidence' | 'handover-or-progress' | 'pm-review' | 'esf3-report';

export type EventRoute =
  | 'record-evidence'
  | 'record-progress-note'
  | 'record-provider-resolved'
  | 'record-cmo-handover'
  | 'record-esf3'
  | 'record-pm-visit'
  | 'record-pm-review'
  | 'flag';

export type Plan = GenericPlan<ComplianceStage, ComplianceEvent, EventRoute, DueTimer, Awaiting>;

export type Transition = TransitionOf<ComplianceCase, ComplianceNoticeIntent>;

/** An action as notices show it: reference, masked NINO, issue. */
export interface ActionFacts {
  reference: string;
  maskedNino: string | null;
  issue: string;
  selected: boolean | null;
  providerResolved: boolean;
  progressNotes: number;
}

export type EventType = ComplianceEvent['type'];
export type EventOf<K extends EventType> = Extract<ComplianceEvent, { type: K }>;

/** What an event handler is given: the case as it was, the case with the event consumed, the time, the configuration. */
export interface EventStep {
  c: ComplianceCase;
  base: ComplianceCase;
  now: number;
  config: ComplianceConfig;
}
