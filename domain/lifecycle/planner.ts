import { type Plan, type PlannableTimer, planFromRecord } from './plan.ts';

/**
 * A process's `planNextStep` from its rules: where an event goes, the timers pending, what each stage awaits and
 * when the case is finished. Every lifecycle plans the same way (`planFromRecord`); only these rules differ.
 */
export interface PlanningRules<
  Case extends { stage: string; inbox: { id: string }[] },
  Route,
  Timer extends PlannableTimer,
  Awaiting,
  Config,
> {
  route: (c: Case, event: Case['inbox'][number]) => Route;
  timers: (c: Case, config: Config) => Timer[];
  /** What the case awaits in each stage: a stage left out does not compile. */
  awaiting: Record<Case['stage'], Awaiting>;
  /** Asked only when no event is waiting: `timer` is the earliest pending one. */
  finished: (c: Case, timer: Timer | undefined) => boolean;
}

export type PlanNextStep<
  Case extends { stage: string; inbox: { id: string }[] },
  Route,
  Timer extends PlannableTimer,
  Awaiting,
  Config,
> = (
  c: Case,
  now: number,
  executionStartedAt: number,
  config: Config,
) => Plan<Case['stage'], Case['inbox'][number], Route, Timer, Awaiting>;

/** What the workflow does next, given the record, the time and when this execution started. */
export function plannerFrom<
  Case extends { stage: string; inbox: { id: string }[] },
  Route,
  Timer extends PlannableTimer,
  Awaiting,
  Config,
>(rules: PlanningRules<Case, Route, Timer, Awaiting, Config>): PlanNextStep<Case, Route, Timer, Awaiting, Config> {
  return (c, now, executionStartedAt, config) =>
    planFromRecord<Case['stage'], Case['inbox'][number], Route, Timer, Awaiting>(c, {
      route: (event) => rules.route(c, event),
      timers: rules.timers(c, config),
      awaiting: rules.awaiting[c.stage as Case['stage']],
      finished: (timer) => rules.finished(c, timer),
      now,
      executionStartedAt,
    });
}
