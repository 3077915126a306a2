import type { MetricIntent, NoticeIntentOf, Plan, PlannableTimer, TransitionOf } from '../../domain/lifecycle/plan.ts';

/** A lifecycle's pure functions, as a driver calls them. */
export interface PureLifecycle<Case, Event extends { id: string }, Config, Notice, Timer extends PlannableTimer> {
  plan(c: Case, now: number, executionStartedAt: number, config: Config): Plan<unknown, Event, unknown, Timer, unknown>;
  applyEvent(c: Case, event: Event, now: number, config: Config): TransitionOf<Case, Notice>;
  applyTimer(c: Case, timer: Timer, now: number, config: Config): TransitionOf<Case, Notice>;
  enqueue(c: Case, event: Event): { case: Case };
}

export interface Sent<Notice> {
  at: string;
  notice: Notice;
}

/**
 * Drives a case the way its state machine does: plan, apply, await, in virtual time, from the pure functions
 * alone (no runtime, no storage). Each process's test driver extends it with how it opens a case.
 */
export class LifecycleDriver<
  Case extends { version: number },
  Event extends { id: string },
  Config,
  Notice extends NoticeIntentOf<string>,
  Timer extends PlannableTimer,
> {
  startedAt: number;
  sent: Array<Sent<Notice>> = [];
  metrics: Array<MetricIntent & { at: string }> = [];
  plans: Array<Plan<unknown, Event, unknown, Timer, unknown>> = [];

  constructor(
    private readonly lifecycle: PureLifecycle<Case, Event, Config, Notice, Timer>,
    public c: Case,
    public now: number,
    readonly cfg: Config,
  ) {
    this.startedAt = now;
  }

  /** Records what a transition asked for; a notice asked for twice is a test failure (sent at most once). */
  protected take(t: { notices: Notice[]; metrics: MetricIntent[] }): void {
    const at = new Date(this.now).toISOString();
    for (const notice of t.notices) {
      if (this.sent.some((s) => s.notice.intentId === notice.intentId)) {
        throw new Error(`sent twice: ${notice.intentId}`);
      }
      this.sent.push({ at, notice });
    }
    for (const metric of t.metrics) this.metrics.push({ ...metric, at });
  }

  /** A transition saved, as the store does (a new version). */
  protected step(t: TransitionOf<Case, Notice>): void {
    this.c = { ...t.case, version: t.case.version + 1 };
    this.take(t);
  }

  /** A due timer: applied by default; a process whose step does I/O overrides this. */
  protected timerDue(timer: Timer): void {
    this.step(this.lifecycle.applyTimer(this.c, timer, this.now, this.cfg));
  }

  /** Runs every step due up to `iso` and leaves the clock there. */
  runUntil(iso: string): this {
    const until = Date.parse(iso);
    for (let guard = 0; guard < 10_000; guard++) {
      const plan = this.lifecycle.plan(this.c, this.now, this.startedAt, this.cfg);
      this.plans.push(plan);
      switch (plan.next) {
        case 'record-event':
          this.step(this.lifecycle.applyEvent(this.c, plan.event, this.now, this.cfg));
          continue;
        case 'timer-due':
          this.timerDue(plan.timer);
          continue;
        case 'continue-as-new':
          this.startedAt = this.now;
          continue;
        case 'end':
          this.now = Math.max(this.now, until);
          return this;
        case 'await': {
          const wake = Date.parse(plan.until);
          if (wake > until) {
            this.now = Math.max(this.now, until);
            return this;
          }
          this.now = wake;
          continue;
        }
      }
    }
    throw new Error('runaway');
  }

  /** Delivers an event at a time (the steps due before it run first). */
  deliver(iso: string, event: Event): this {
    this.runUntil(iso);
    this.c = this.lifecycle.enqueue(this.c, event).case;
    return this.runUntil(iso);
  }

  kinds(): string[] {
    return this.sent.map((s) => s.notice.kind);
  }

  /** The notices of one kind sent so far, typed as that kind's (so a test reads the facts it has). */
  sentOf<Kind extends Notice['kind']>(kind: Kind): Array<Sent<Extract<Notice, { kind: Kind }>>> {
    return this.sent.filter((s): s is Sent<Extract<Notice, { kind: Kind }>> => s.notice.kind === kind);
  }

  metricCount(name: string, dimensions?: Record<string, string>): number {
    return this.metrics
      .filter((m) => m.name === name && (!dimensions || JSON.stringify(m.dimensions) === JSON.stringify(dimensions)))
      .reduce((sum, m) => sum + m.value, 0);
  }
}
