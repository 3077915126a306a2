import type { CaseTable } from '../../adapters/store/case-table.ts';
import type { RecordKind, RecordStore } from '../../adapters/store/record-store.ts';
import { TableStore } from '../../adapters/store/table-store.ts';
import type { ProviderConfig } from '../../domain/config.ts';
import type { CaseEvent, ExitReportCase, Participant } from '../../domain/exit-report/case.ts';
import { continuityReader } from '../../functions/commons/continuity.ts';
import { deliverToRecord } from '../../functions/commons/deliver.ts';
import type { CaseHandlerDeps, NoticeRenderer } from '../../functions/commons/deps.ts';
import { makeProcessStepHandler, type ProcessDeps, type ProcessRecord } from '../../functions/commons/process.ts';
import { makeExitReportProcess } from '../../functions/commons/processes/exit-report.ts';
import type { CheckExitReport, ComposeExitReport } from '../../functions/commons/processes/exit-report-sender.ts';
import { restartOpenCases } from '../../functions/commons/restart.ts';
import {
  type ComposeReadReceipt,
  type InboundMailInput,
  type InboundOutcome,
  makeInboundMailHandler,
} from '../../functions/inbound-mail/handler.ts';
import {
  deliverToExitReport,
  exitReportDeps,
  referExitReport,
} from '../../functions/staff-action/exit-report-actions.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import type { ComposeNotice, Mailer, RawMailStore } from '../../ports/mail.ts';
import type { WorkflowSignaller } from '../../ports/workflow.ts';
import { workflows } from '../../workflows/index.ts';
import { LmdbCaseTable } from '../store/lmdb-table.ts';
import { meteredTable } from '../store/metered-table.ts';
import { type Clock, installEngineClock, type TimerHandle, type VirtualClock } from './clock.ts';
import { LocalFigures } from './figures.ts';
import { Meter, meteredMailer } from './metering.ts';
import { type ExecutionRecord, type LocalFunction, LocalStepFunctions, StepFunctionsError } from './step-functions.ts';
import { stepProcesses } from './step-processes.ts';

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
  /** Folder for the embedded store's data (local/store/lmdb-table.ts); omitted: a temporary one, gone on stop. */
  storagePath?: string;
  onExecutionStopped?: (record: ExecutionRecord) => void;
  keepFinishedExecutions?: boolean;
  /** Counts the run's billable AWS units (bench/aws-cost.ts); a fresh meter if omitted. */
  meter?: Meter;
  /**
   * Test seams for fault injection (test/faults): wrap each function as the workflows invoke it, and wrap the
   * store port (to refuse calls as an outage would). Never set outside tests.
   */
  wrapFunction?: (functionId: string, fn: LocalFunction) => LocalFunction;
  wrapStorage?: (table: CaseTable) => CaseTable;
}

/**
 * The whole system on one machine: storage, the real state machine definitions, the same handler code, local
 * adapters. Started again on the same storage, it resumes every open case from its record.
 */
export class LocalSystem {
  readonly figures = new LocalFigures();
  /** The table: every process's records (`recordsOf`), claims, messages, attachments, the continuity switch. */
  readonly cases: TableStore;
  /** The Exit Report case records. */
  readonly exitReports: RecordStore<ExitReportCase, CaseEvent>;
  readonly sfn: LocalStepFunctions;
  readonly meter: Meter;
  private readonly uninstallClock: () => void;

  private constructor(
    readonly options: LocalSystemOptions,
    private readonly storage: LmdbCaseTable,
  ) {
    this.uninstallClock = installEngineClock(options.clock);
    this.meter = options.meter ?? new Meter();
    const metered = meteredTable(storage, this.meter);
    this.cases = new TableStore(options.wrapStorage ? options.wrapStorage(metered) : metered);
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
      ...(options.rawMail ? { rawMail: options.rawMail } : {}),
    };
    this.deps = deps;
    const exitReportWhole = makeExitReportProcess({
      checkReport: options.checkReport,
      composeExitReport: options.composeExitReport,
      renderNotice: options.renderNotice,
    });
    this.exitReports = this.cases.recordsOf(exitReportWhole.kind);
    this.sfn = new LocalStepFunctions({
      clock,
      workflows,
      functions: wrapAll(options.wrapFunction, {
        ...Object.fromEntries(
          stepProcesses.map((p) => [
            `${p.id}-step`,
            p.id === exitReportWhole.id
              ? makeProcessStepHandler(exitReportWhole, { ...deps, records: this.exitReports })
              : makeProcessStepHandler(p, { ...deps, records: this.cases.recordsOf(p.kind) }),
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
    const storage = new LmdbCaseTable({ path: options.storagePath });
    // DynamoDB deletes expired items (TTL) in the background; the local store does it when the system starts.
    storage.sweepExpired(Math.floor(options.clock.now() / 1000));
    const system = new LocalSystem(options, storage);
    await system.resumeOpenCases();
    return system;
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** Opens the Exit Report case for a referral (once) and starts its workflow. */
  async refer(participant: Participant): Promise<string> {
    return (await referExitReport(exitReportDeps(this.deps), participant)).caseId;
  }

  /** Delivers an event to a case (the same path inbound mail and staff actions take). */
  async deliver(caseId: string, event: CaseEvent): Promise<{ duplicate: boolean }> {
    return deliverToExitReport(exitReportDeps(this.deps), caseId, event);
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
