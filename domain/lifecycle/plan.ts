/**
 * The planning rule every lifecycle uses, whatever its process: the state machines all loop on a planning step
 * that reads the case record and answers with one of these. Pure: the caller passes the time.
 */

/** A Standard execution lives at most a year: hand over to a fresh execution before ~360 days. */
export const EXECUTION_LIFETIME_MS = 360 * 86_400_000;

export interface PlannableTimer {
  kind: string;
  /** UTC ISO instant the timer is due. */
  at: string;
}

export type Plan<Stage, Event, Route, Timer extends PlannableTimer, Awaiting> =
  | { next: 'record-event'; stage: Stage; event: Event; route: Route }
  | { next: 'timer-due'; stage: Stage; timer: Timer }
  | {
      next: 'await';
      stage: Stage;
      awaiting: Awaiting;
      /** Seconds until the next timer or the execution's hand-over, at least 1. */
      timeoutSeconds: number;
      until: string;
      afterwards: Timer['kind'] | 'continue-as-new';
    }
  | { next: 'continue-as-new'; stage: Stage }
  | { next: 'end'; stage: Stage };

/**
 * An event waiting in the inbox is recorded first; a finished case ends; a timer that is due is acted on; an
 * execution near its year hands over; otherwise it awaits an event until the next timer (or the hand-over).
 */
export function planStep<Stage, Event, Route, Timer extends PlannableTimer, Awaiting>(input: {
  stage: Stage;
  pending: { event: Event; route: Route } | undefined;
  finished: boolean;
  /** The earliest timer not yet acted on. */
  timer: Timer | undefined;
  awaiting: Awaiting;
  now: number;
  executionStartedAt: number;
}): Plan<Stage, Event, Route, Timer, Awaiting> {
  const { stage, pending, timer, now } = input;
  if (pending) return { next: 'record-event', stage, event: pending.event, route: pending.route };
  if (input.finished) return { next: 'end', stage };
  if (timer && Date.parse(timer.at) <= now) return { next: 'timer-due', stage, timer };
  const handOverAt = input.executionStartedAt + EXECUTION_LIFETIME_MS;
  if (now >= handOverAt) return { next: 'continue-as-new', stage };
  const timerAt = timer ? Date.parse(timer.at) : Number.POSITIVE_INFINITY;
  const until = Math.min(timerAt, handOverAt);
  return {
    next: 'await',
    stage,
    awaiting: input.awaiting,
    timeoutSeconds: Math.max(1, Math.ceil((until - now) / 1000)),
    until: new Date(until).toISOString(),
    afterwards: timerAt <= handOverAt && timer ? timer.kind : 'continue-as-new',
  };
}

/**
 * planStep from a case record: the first event in its inbox (routed by the process), the earliest pending timer,
 * what it awaits in its stage. `finished` is asked only when nothing else is pending.
 */
export function planFromRecord<Stage, Event extends { id: string }, Route, Timer extends PlannableTimer, Awaiting>(
  c: { stage: Stage; inbox: Event[] },
  o: {
    route: (event: Event) => Route;
    timers: Timer[];
    awaiting: Awaiting;
    finished: (timer: Timer | undefined) => boolean;
    now: number;
    executionStartedAt: number;
  },
): Plan<Stage, Event, Route, Timer, Awaiting> {
  const event = c.inbox[0];
  const timer = o.timers[0];
  return planStep({
    stage: c.stage,
    pending: event ? { event, route: o.route(event) } : undefined,
    finished: o.finished(timer),
    timer,
    awaiting: o.awaiting,
    now: o.now,
    executionStartedAt: o.executionStartedAt,
  });
}

/** What a transition asks to be counted on the dashboard. */
export interface MetricIntent {
  name: string;
  value: number;
  dimensions?: Record<string, string>;
}

/** A notice a transition asks for; the outbox sends each intent at most once. */
export interface NoticeIntentOf<Kind extends string> {
  /** Unique per case and purpose. */
  intentId: string;
  kind: Kind;
  to: string[];
  facts: Record<string, unknown>;
}

/** One kind's notice intent: its facts those `FactsOf` gives that kind, and the `Common` facts every kind carries. */
export interface NoticeIntentOfKind<FactsOf, Kind extends keyof FactsOf & string, Common = unknown> {
  intentId: string;
  kind: Kind;
  to: string[];
  facts: Common & FactsOf[Kind];
}

/**
 * The notice intents of a process whose facts differ by kind (`FactsOf` maps each kind to its facts, each a type
 * literal so it is a record): one member per kind, so a builder that gives a kind the wrong facts, or a renderer
 * that reads a fact its kind does not have, fails to compile. (The Exit Report's are written out the same way in
 * domain/exit-report/notice-intents.ts.)
 */
export type NoticeIntentsOf<FactsOf, Common = unknown> = {
  [Kind in keyof FactsOf & string]: NoticeIntentOfKind<FactsOf, Kind, Common>;
}[keyof FactsOf & string];

/** A case after a step, with the notices to send and the figures to count. */
export interface TransitionOf<Case, Notice> {
  case: Case;
  notices: Notice[];
  metrics: MetricIntent[];
}

/** The part of every case record that takes events: the inbox, and the ids already applied. */
export interface EventInbox<Event extends { id: string }> {
  inbox: Event[];
  appliedEventIds: string[];
}

/** Adds an event to the inbox unless it is already there or was applied: one effect per event, however often delivered. */
export function enqueueInboxEvent<Event extends { id: string }, Case extends EventInbox<Event>>(
  c: Case,
  event: Event,
): { case: Case; duplicate: boolean } {
  if (c.appliedEventIds.includes(event.id) || c.inbox.some((e) => e.id === event.id)) {
    return { case: c, duplicate: true };
  }
  return { case: { ...c, inbox: [...c.inbox, event] }, duplicate: false };
}

/** Takes an event out of the inbox and remembers its id (the last `memory` ids) so a repeat is recognised. */
export function consumeInboxEvent<Event extends { id: string }, Case extends EventInbox<Event>>(
  c: Case,
  event: Event,
  memory: number,
): Case {
  return {
    ...c,
    inbox: c.inbox.filter((e) => e.id !== event.id),
    appliedEventIds: [...c.appliedEventIds, event.id].slice(-memory),
  };
}
