import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CaseStore } from '../../adapters/store/case-store.ts';
import type { RecordKind } from '../../adapters/store/record-store.ts';
import type { ProviderConfig } from '../../domain/config.ts';
import type { CaseEvent, Participant } from '../../domain/lifecycle/exit-report-case.ts';
import { openExitReportCase } from '../../domain/lifecycle/exit-report-lifecycle.ts';
import { makeAwaitEventHandler } from '../../functions/await-event/handler.ts';
import {
  type CheckExitReport,
  type ComposeExitReport,
  makeExitReportSender,
} from '../../functions/case-step/exit-report-sender.ts';
import { makeCaseStepHandler } from '../../functions/case-step/handler.ts';
import { continuityReader } from '../../functions/commons/continuity.ts';
import { deliverEvent, deliverToRecord } from '../../functions/commons/deliver.ts';
import type { CaseHandlerDeps, NoticeRenderer } from '../../functions/commons/deps.ts';
import { makeProcessStepHandler, type ProcessDeps, type ProcessRecord } from '../../functions/commons/process.ts';
import { restartOpenCases } from '../../functions/commons/restart.ts';
import {
  type ComposeReadReceipt,
  type InboundMailInput,
  type InboundOutcome,
  makeInboundMailHandler,
} from '../../functions/inbound-mail/handler.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import type { ComposeNotice, Mailer, RawMailStore } from '../../ports/mail.ts';
import type { WorkflowSignaller } from '../../ports/workflow.ts';
import { workflows } from '../../workflows/index.ts';
import { type Clock, installEngineClock, type TimerHandle, type VirtualClock } from './clock.ts';
import { LocalFigures } from './figures.ts';
import { Meter, meteredMailer } from './metering.ts';
import { type ExecutionRecord, type LocalFunction, LocalStepFunctions, StepFunctionsError } from './step-functions.ts';
import { stepProcesses } from './step-processes.ts';
import { type LocalStorage, meterStorage, startLocalStorage } from './storage.ts';

export interface LocalSystemOptions {
  clock: Clock;
  config: ProviderConfig;
  mailer: Mailer;
  renderNotice: NoticeRenderer;
  composeNotice: ComposeNotice;
  checkReport: CheckExitReport;
  composeExitReport: ComposeExitReport;
  /** Inbound mail: where raw messages are kept, and the read receipt builder. Omitted: no inbound mail. */
  rawMail?: RawMailStore;
  composeReadReceipt?: ComposeReadReceipt;
  /** Folder for dynalite's data; omitted: in memory. */
  storagePath?: string;
  onExecutionStopped?: (record: ExecutionRecord) => void;
  keepFinishedExecutions?: boolean;
  /** Counts the run's billable AWS units (bench/aws-cost.ts); a fresh meter if omitted. */
  meter?: Meter;
  /**
   * Test seams for fault injection (test/faults): wrap each function as the workflows invoke it, and reach the
   * storage client (to add a failing middleware). Never set outside tests.
   */
  wrapFunction?: (functionId: string, fn: LocalFunction) => LocalFunction;
  onStorageClient?: (db: DynamoDBDocumentClient) => void;
}

/**
 * The whole system on one machine: storage, the real state machine definitions, the same handler code, local
 * adapters. Started again on the same storage, it resumes every open case from its record.
 */
export class LocalSystem {
  readonly figures = new LocalFigures();
  readonly cases: CaseStore;
  readonly sfn: LocalStepFunctions;
  readonly meter: Meter;
  private readonly uninstallClock: () => void;

  private constructor(
    readonly options: LocalSystemOptions,
    private readonly storage: LocalStorage,
  ) {
    this.uninstallClock = installEngineClock(options.clock);
    this.meter = options.meter ?? new Meter();
    meterStorage(storage, this.meter);
    options.onStorageClient?.(storage.db);
    this.cases = new CaseStore(storage.db, storage.tableName);
    const clock = options.clock;
    const signaller: WorkflowSignaller = {
      startExecution: async (workflowId, name, input) => {
        try {
          this.sfn.startExecution({ stateMachineArn: this.sfn.stateMachineArn(workflowId), name, input });
        } catch (err) {
          // As the AWS adapter: a start repeated under the same name (a retried delivery) is the same start.
          if (!(err instanceof StepFunctionsError && err.name === 'ExecutionAlreadyExists')) throw err;
        }
      },
      wake: async (token) => {
        try {
          this.sfn.sendTaskSuccess(token, {});
          return 'woken';
        } catch (err) {
          if (err instanceof StepFunctionsError && (err.name === 'TaskTimedOut' || err.name === 'InvalidToken')) {
            return 'stale';
          }
          throw err;
        }
      },
    };
    const deps: CaseHandlerDeps = {
      cases: this.cases,
      mailer: meteredMailer(options.mailer, this.meter),
      signaller,
      figures: this.figures,
      config: options.config,
      now: () => clock.now(),
      renderNotice: options.renderNotice,
      composeNotice: options.composeNotice,
      continuity: continuityReader({ cases: this.cases }),
    };
    this.deps = deps;
    const exitReports = makeExitReportSender({
      ...deps,
      checkReport: options.checkReport,
      composeExitReport: options.composeExitReport,
    });
    this.sfn = new LocalStepFunctions({
      clock,
      workflows,
      functions: wrapAll(options.wrapFunction, {
        'case-step': makeCaseStepHandler({ ...deps, exitReports }),
        'await-event': makeAwaitEventHandler(deps),
        ...Object.fromEntries(
          stepProcesses.map((p) => [
            `${p.id}-step`,
            makeProcessStepHandler(p, { ...deps, records: this.cases.recordsOf(p.kind) }),
          ]),
        ),
      }),
      onExecutionStopped: options.onExecutionStopped,
      keepFinished: options.keepFinishedExecutions,
      meter: this.meter,
    });
  }

  readonly deps: CaseHandlerDeps;

  /** Handles one stored inbound message (the SMTP server and `wp mail inject` call this). */
  async handleInboundMail(input: InboundMailInput): Promise<InboundOutcome> {
    const { rawMail, composeReadReceipt } = this.options;
    if (!rawMail || !composeReadReceipt) throw new Error('This local system was started without inbound mail');
    this.inbound ??= makeInboundMailHandler({ ...this.deps, rawMail, composeReadReceipt });
    const clock = this.options.clock;
    const work = this.inbound(input);
    return 'track' in clock ? (clock as VirtualClock).track(work) : work;
  }

  private inbound?: (input: unknown) => Promise<InboundOutcome>;

  static async start(options: LocalSystemOptions): Promise<LocalSystem> {
    const storage = await startLocalStorage({ path: options.storagePath });
    const system = new LocalSystem(options, storage);
    await system.resumeOpenCases();
    return system;
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** Opens the Exit Report case for a referral (once) and starts its workflow. */
  async refer(participant: Participant): Promise<string> {
    const now = this.clock.now();
    const { caseId, created } = await this.cases.createOnce(participant.nino, participant.referralDate, (id) =>
      openExitReportCase(id, participant, now, this.options.config),
    );
    if (created) await this.deps.signaller.startExecution('exit-report', `${caseId}-g0`, { caseId, generation: 0 });
    return caseId;
  }

  /** Delivers an event to a case (the same path inbound mail and staff actions take). */
  async deliver(caseId: string, event: CaseEvent): Promise<{ duplicate: boolean }> {
    return deliverEvent(this.deps, caseId, event);
  }

  /** After a restart: one fresh execution per open case of every process, planned from its record. */
  async resumeOpenCases(): Promise<number> {
    const tag = new Date(this.clock.now())
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 14);
    return restartOpenCases(this.deps, `r${tag}`);
  }

  /** The records and handler deps of a process (Information Sessions, compliance visits, MI returns). */
  processDeps<R extends ProcessRecord, E extends { id: string }>(kind: RecordKind<R, E>): ProcessDeps<R, E> {
    return { ...this.deps, records: this.cases.recordsOf(kind) };
  }

  /** Delivers an event to a process's case (the path inbound mail and staff actions take). */
  async deliverTo<R extends ProcessRecord, E extends { id: string }>(
    process: { id: string; kind: RecordKind<R, E> },
    caseId: string,
    event: E,
  ): Promise<{ duplicate: boolean }> {
    return deliverToRecord(this.deps, this.cases.recordsOf(process.kind), process.id, caseId, event);
  }

  /**
   * The schedules EventBridge runs in AWS, on this system's clock: the monthly MI return case opened at 00:05 UTC
   * on the 1st (and the current month's at once, so a system started mid-month has it). Nothing without a
   * miReturn configuration. Returns how to stop them; stop() stops them too.
   */
  startSchedules(onError: (err: Error) => void = () => {}): () => void {
    if (!this.options.config.miReturn) return () => {};
    const clock = this.options.clock;
    const staff = makeStaffActionHandler(this.deps);
    const run = () => {
      const work = staff({ action: 'open-mi-return' }).then(
        () => undefined,
        (err: Error) => onError(err),
      );
      if ('track' in clock) (clock as VirtualClock).track(work);
    };
    let timer: TimerHandle | undefined;
    const next = () => {
      const d = new Date(clock.now());
      const at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 0, 5);
      timer = clock.setTimeout(() => {
        run();
        next();
      }, at - clock.now());
    };
    run();
    next();
    const stop = () => clock.clearTimeout(timer);
    this.stopSchedules.push(stop);
    return stop;
  }

  private readonly stopSchedules: Array<() => void> = [];

  async stop(): Promise<void> {
    for (const stop of this.stopSchedules) stop();
    await this.sfn.shutdown();
    // Let handler calls already in flight finish their storage writes before the storage goes away.
    const clock = this.options.clock;
    if ('settle' in clock) await (clock as VirtualClock).settle();
    await this.storage.close();
    this.uninstallClock();
  }
}

function wrapAll(
  wrap: LocalSystemOptions['wrapFunction'],
  functions: Record<string, LocalFunction>,
): Record<string, LocalFunction> {
  if (!wrap) return functions;
  return Object.fromEntries(Object.entries(functions).map(([id, fn]) => [id, wrap(id, fn)]));
}
