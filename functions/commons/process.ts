import * as z from 'zod';
import type { LifecycleRecord, RecordKind, RecordStore } from '../../adapters/store/record-store.ts';
import type { ProviderConfig } from '../../domain/config.ts';
import type { MetricIntent, NoticeIntentOf, TransitionOf } from '../../domain/lifecycle/plan.ts';
import type { RenderedNotice } from '../../ports/mail.ts';
import type { CaseHandlerDeps } from './deps.ts';
import { sendRenderedNotices } from './outbox.ts';

/**
 * A case lifecycle other than the Exit Report (Information Sessions, compliance visits, MI returns), as the
 * workflows and handlers see it. The rules are the process's pure domain functions; this is only the seam that
 * lets one handler factory drive any of them: plan from the record, apply the planned step, save under the
 * optimistic lock, send the notices the step asked for (each at most once), count the figures, plan again.
 */
export interface PlannedStep {
  next: string;
  event?: { id: string };
  timer?: { kind: string; key?: string };
  route?: string;
  [key: string]: unknown;
}

export interface ProcessRecord extends LifecycleRecord {
  appliedEventIds: string[];
  lastNotices?: NoticeIntentOf<string>[];
}

export interface LifecycleProcess<
  R extends ProcessRecord,
  E extends { id: string },
  Config,
  Notice extends NoticeIntentOf<string>,
> {
  /** The workflow's id (workflows/index.ts) and the records' `process` attribute. */
  id: string;
  kind: RecordKind<R, E>;
  /** The process's configuration, from the provider's. */
  configFrom(provider: ProviderConfig): Config;
  plan(record: R, now: number, executionStartedAt: number, config: Config): PlannedStep;
  /** The planned step ('record-event' or 'timer-due') as a pure transition; may do I/O through `deps`. */
  step(
    record: R,
    plan: PlannedStep,
    now: number,
    config: Config,
    deps: ProcessDeps<R, E>,
  ): Promise<TransitionOf<R, Notice>> | TransitionOf<R, Notice>;
  render(intent: Notice, provider: ProviderConfig, record: R): RenderedNotice;
  /** Figures of state rather than events (the daily status run emits them), from every record of the process. */
  gauges?(records: R[], now: number, config: Config): MetricIntent[];
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds processes of every record and event type.
export type AnyProcess = LifecycleProcess<any, any, any, any>;

/** What a process handler needs: the shared deps, and the process's own records. */
export type ProcessDeps<R extends ProcessRecord, E extends { id: string }> = Omit<CaseHandlerDeps, 'renderNotice'> & {
  records: RecordStore<R, E>;
};

const ProcessStepInput = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('plan'),
    caseId: z.string().min(1),
    generation: z.number().int().nonnegative().default(0),
    executionStartedAt: z.iso.datetime({ offset: true }),
  }),
  z.object({
    action: z.literal('step'),
    caseId: z.string().min(1),
    generation: z.number().int().nonnegative().default(0),
    plan: z.looseObject({ next: z.enum(['record-event', 'timer-due']) }),
    executionStartedAt: z.iso.datetime({ offset: true }),
  }),
  /** The callback task: store the token that wakes the execution (see functions/await-event). */
  z.object({
    action: z.literal('await'),
    caseId: z.string().min(1),
    awaiting: z.string().min(1),
    until: z.iso.datetime({ offset: true }),
    taskToken: z.string().min(1),
  }),
]);
export type ProcessStepInput = z.input<typeof ProcessStepInput>;

/** The execution that carries the case on before this one's year runs out: <case>-g<generation + 1>. */
export function handOver(caseId: string, generation: number): { name: string; generation: number } {
  return { name: `${caseId}-g${generation + 1}`, generation: generation + 1 };
}

/**
 * The one Lambda of a process's workflow: planning, every business step, and the callback task. Thin: validate,
 * load the record, apply the pure transition, save, send, count, answer with the next plan.
 */
export function makeProcessStepHandler<
  R extends ProcessRecord,
  E extends { id: string },
  Config,
  Notice extends NoticeIntentOf<string>,
>(process: LifecycleProcess<R, E, Config, Notice>, deps: ProcessDeps<R, E>) {
  return async function processStep(rawInput: unknown): Promise<unknown> {
    const input = ProcessStepInput.parse(rawInput);
    const config = process.configFrom(deps.config);
    if (input.action === 'await') {
      const now = deps.now();
      const stored = await deps.records.storeWakeToken(input.caseId, {
        token: input.taskToken,
        awaiting: input.awaiting,
        storedAt: new Date(now).toISOString(),
      });
      // An event that arrived between planning and now: wake at once, never wait on it.
      if (process.plan(stored.record, now, now, config).next === 'record-event') {
        await deps.signaller.wake(input.taskToken);
        return { stored: true, wokeAtOnce: true };
      }
      return { stored: true, wokeAtOnce: false };
    }
    const startedAt = Date.parse(input.executionStartedAt);
    let { record } = await deps.records.get(input.caseId);
    if (input.action === 'step') {
      const plan = input.plan as PlannedStep;
      const applied = plan.next === 'record-event' && plan.event && record.appliedEventIds.includes(plan.event.id);
      const transition = applied
        ? { case: record, notices: [], metrics: [] }
        : await process.step(record, plan, deps.now(), config, deps);
      // Notices first, then the record: a step that dies between the two is re-run from the unchanged record and
      // asks for the same notices, which the outbox has claimed (sent once). Saved first, a crash would lose them.
      await sendRenderedNotices(deps, transition.notices, (intent) =>
        process.render(intent, deps.config, transition.case),
      );
      const saved = transition.case === record ? record : await deps.records.save(transition.case, record.version);
      for (const m of transition.metrics) deps.figures.count(m.name as never, m.value, m.dimensions);
      record = saved;
    }
    return {
      caseId: input.caseId,
      generation: input.generation,
      handOver: handOver(input.caseId, input.generation),
      plan: process.plan(record, deps.now(), startedAt, config),
    };
  };
}

/** The shared deps with the process's own records. */
export function processDeps<R extends ProcessRecord, E extends { id: string }>(
  deps: CaseHandlerDeps,
  process: { kind: RecordKind<R, E> },
): ProcessDeps<R, E> {
  return { ...deps, records: deps.cases.recordsOf(process.kind) };
}

/**
 * The case a staff action names: its id if given, else the latest (by `dateOf`, an ISO date) of the records under
 * the index key (a participant's, a visit's); null when there is none.
 */
export async function latestCaseId<R extends ProcessRecord, E extends { id: string }>(
  records: RecordStore<R, E>,
  caseId: string | undefined,
  indexKey: string,
  dateOf: (record: R) => string,
): Promise<string | null> {
  if (caseId) return caseId;
  const found = await records.findByIndex(indexKey);
  return found.sort((a, b) => dateOf(b).localeCompare(dateOf(a)))[0]?.caseId ?? null;
}

/** A case opened for a reference, or found there from before (`created: false`). */
export type OpenedCase = { caseId: string; created: boolean };

/**
 * Opens a process's case for a reference (a referral, a visit, a month) once, sends what opening it asked for
 * and starts its first execution. A repeat finds the record and, if no execution has reached it yet, sends the
 * opening notices again (each claimed before it is sent: at most once).
 */
export async function openProcessCase<
  R extends ProcessRecord,
  E extends { id: string },
  Config,
  Notice extends NoticeIntentOf<string>,
>(
  process: LifecycleProcess<R, E, Config, Notice>,
  deps: ProcessDeps<R, E>,
  referenceKey: string,
  /** The opening transition, at `now` (the moment the case is asked for). */
  open: (caseId: string, config: Config, now: number) => TransitionOf<R, Notice>,
): Promise<OpenedCase> {
  const now = deps.now();
  const config = process.configFrom(deps.config);
  let metrics: TransitionOf<R, Notice>['metrics'] = [];
  const opened = await deps.records.createOnceFor(referenceKey, (caseId) => {
    const t = open(caseId, config, now);
    metrics = t.metrics;
    return { ...t.case, lastNotices: t.notices };
  });
  const { record, wakeToken } = await deps.records.get(opened.caseId);
  if (record.version === 0 && wakeToken === null) {
    const notices = (record.lastNotices ?? []) as Notice[];
    await sendRenderedNotices(deps, notices, (intent) => process.render(intent, deps.config, record));
  }
  for (const m of metrics) deps.figures.count(m.name as never, m.value, m.dimensions);
  // Started when made, as Exit Report referrals are: a crash between the two writes leaves a case with no
  // execution, which restart-open-cases (DEPLOY.md) and a local restart pick up from the record.
  if (opened.created) {
    await deps.signaller.startExecution(process.id, `${opened.caseId}-g0`, { caseId: opened.caseId, generation: 0 });
  }
  return opened;
}
