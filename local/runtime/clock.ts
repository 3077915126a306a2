/**
 * Time for the local runtime. The state machine engine (patched aws-local-stepfunctions), the handlers and the
 * retention sweep all read one Clock, so the same definitions run in real time (`npm start --real-time`) or on a
 * virtual clock that jumps from timer to timer: two years of a caseload in seconds.
 */
export interface TimerHandle {
  readonly at: number;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** The hook the patched engine reads its timers from (see patches/aws-local-stepfunctions+3.0.0.patch). */
const ENGINE_CLOCK_HOOK = Symbol.for('aws-local-stepfunctions.clock');

export function installEngineClock(clock: Clock): () => void {
  const holder = globalThis as Record<symbol, unknown>;
  const previous = holder[ENGINE_CLOCK_HOOK];
  holder[ENGINE_CLOCK_HOOK] = clock;
  return () => {
    holder[ENGINE_CLOCK_HOOK] = previous;
  };
}

/** Node fires any delay over 2^31-1 ms after 1 ms; chain long delays instead. */
const MAX_NODE_DELAY = 2_147_483_647;

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle: { at: number; id?: NodeJS.Timeout } = { at: Date.now() + ms };
    const arm = (remaining: number) => {
      handle.id =
        remaining > MAX_NODE_DELAY
          ? setTimeout(() => arm(remaining - MAX_NODE_DELAY), MAX_NODE_DELAY)
          : setTimeout(fn, Math.max(0, remaining));
    };
    arm(ms);
    return handle;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    const id = (handle as { id?: NodeJS.Timeout } | undefined)?.id;
    if (id) clearTimeout(id);
  }
}

interface VirtualTimer extends TimerHandle {
  readonly seq: number;
  fn: () => void;
  cancelled: boolean;
}

const noop = () => {};

/**
 * A clock that only moves when told to. Timers are kept in a binary heap ordered by (due time, creation order).
 * `advance` fires timers strictly in order and, between timers, waits until the system is quiescent: no tracked
 * real work (storage calls, handler bodies, inbound mail) in flight and no promise chain still moving. Advancing
 * while a storage call was in flight once made a participant who replied on day 3 escalate instead.
 */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly heap: VirtualTimer[] = [];
  private inFlight = 0;

  constructor(start: Date | string | number) {
    this.current = new Date(start).getTime();
    if (Number.isNaN(this.current)) throw new Error(`Invalid virtual clock start: ${String(start)}`);
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: VirtualTimer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.push(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const timer = handle as VirtualTimer;
    timer.cancelled = true;
    // A cancelled timer waits in the heap until its time; let go of its closure (a task's promise, an
    // execution's state) now, or a wait woken early keeps all of that alive for months of virtual time.
    timer.fn = noop;
    this.cancelledInHeap++;
    if (this.cancelledInHeap > 1024 && this.cancelledInHeap > this.heap.length / 2) this.compact();
  }

  private cancelledInHeap = 0;

  /** Rebuilds the heap without cancelled timers, once they are most of it. */
  private compact(): void {
    const live = this.heap.filter((t) => !t.cancelled);
    this.heap.length = 0;
    this.cancelledInHeap = 0;
    for (const timer of live) this.push(timer);
  }

  /** Marks real work in flight for the duration of a promise, so the clock does not jump past it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight++;
    return work.finally(() => {
      this.inFlight--;
    });
  }

  get pendingTimers(): number {
    return this.heap.filter((t) => !t.cancelled).length;
  }

  /** The due time of the next live timer, or undefined. */
  nextTimerAt(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  /** Resolves once nothing tracked is in flight and several turns of the event loop have passed quietly. */
  async settle(): Promise<void> {
    let quietTurns = 0;
    while (quietTurns < 3) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      quietTurns = this.inFlight === 0 ? quietTurns + 1 : 0;
    }
  }

  /**
   * Fires every timer due up to `until` (inclusive), in order, settling before each. The clock ends at `until`.
   * Returns the number of timers fired.
   */
  async advanceTo(until: number, onTick?: (now: number) => void | Promise<void>): Promise<number> {
    let fired = 0;
    await this.settle();
    for (;;) {
      const next = this.nextTimerAt();
      if (next === undefined || next > until) break;
      if (next > this.current) {
        this.current = next;
        await onTick?.(this.current);
      }
      // Every timer due at this instant fires together, then the system settles once: participants whose
      // deadlines coincide are processed concurrently, as they would be in AWS.
      const due: VirtualTimer[] = [];
      while (this.heap.length > 0 && (this.heap[0] as VirtualTimer).at <= this.current) {
        const timer = this.pop() as VirtualTimer;
        if (!timer.cancelled) due.push(timer);
      }
      for (const timer of due) {
        if (!timer.cancelled) {
          timer.fn();
          fired++;
        }
      }
      await this.settle();
    }
    if (until > this.current) this.current = until;
    return fired;
  }

  /** Advances until no timers remain or `limit` is reached; for scenario runs. */
  async runUntilIdle(limit: number, onTick?: (now: number) => void | Promise<void>): Promise<number> {
    return this.advanceTo(limit, onTick);
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]?.cancelled) {
      this.pop();
      this.cancelledInHeap = Math.max(0, this.cancelledInHeap - 1);
    }
  }

  private less(a: VirtualTimer, b: VirtualTimer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(timer: VirtualTimer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as VirtualTimer;
      if (!this.less(timer, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): VirtualTimer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = last;
        let at = -1;
        const left = heap[l];
        const right = heap[r];
        if (left && this.less(left, smallest)) {
          smallest = left;
          at = l;
        }
        if (right && this.less(right, smallest)) {
          smallest = right;
          at = r;
        }
        if (at < 0) break;
        heap[i] = smallest;
        i = at;
      }
      heap[i] = last;
    }
    return top;
  }
}
