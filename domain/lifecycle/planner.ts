import { type Plan, type PlannableTimer, planFromRecord } from './plan.ts';

/**
 * A lifecycle's `planNextStep` from its parts: how it routes an event, which timers apply, what it awaits in each
 * stage (a table: a stage without an entry does not compile), and when it is finished. Every process plans the
 * same way (`planFromRecord`); only these parts differ.
 */
export function plannerOf<
  Case extends { stage: Stage; inbox: Event[] },
  Config,
  Stage extends string,
  Event extends { id: string },
  Route,
  Timer extends PlannableTimer,
  Awaiting,
>(parts: {
  route: (c: Case, event: Event) => Route;
  timers: (c: Case, config: Config) => Timer[];
  awaiting: Readonly<Record<Stage, Awaiting>>;
  finished: (c: Case, timer: Timer | undefined) => boolean;
}): (c: Case, now: number, executionStartedAt: number, config: Config) => Plan<Stage, Event, Route, Timer, Awaiting> {
  return (c, now, executionStartedAt, config) =>
    planFromRecord(c, {
      route: (event) => parts.route(c, event),
      timers: parts.timers(c, config),
      awaiting: parts.awaiting[c.stage],
      finished: (timer) => parts.finished(c, timer),
      now,
      executionStartedAt,
    });
}
