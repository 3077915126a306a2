import { randomUUID } from 'node:crypto';
import type { StateMachine } from 'aws-local-stepfunctions';
import type { Clock, VirtualClock } from './clock.ts';
import {
  type ExecutionRecord,
  engineMachine,
  LOCAL_ACCOUNT,
  type LocalWorkflow,
  localFunctionArn,
  localStateMachineArn,
  StepFunctionsError,
  substituteDefinition,
  type TaskState,
  taskStatesOf,
} from './definitions.ts';
import type { Meter } from './metering.ts';

type JSONValue = null | boolean | number | string | JSONValue[] | { [key: string]: JSONValue };

/**
 * Step Functions, emulated in-process over the patched aws-local-stepfunctions engine. The definition it runs is
 * the one CDK deploys (workflows/), with its ${...} placeholders replaced by local ARNs; every Task is bound to
 * the same handler code the Lambda functions run. Emulated here because the engine has no notion of them:
 * `lambda:invoke` (the Payload/StatusCode envelope), `.waitForTaskToken` callbacks with SendTaskSuccess/Failure,
 * `states:startExecution` (continue-as-new), and the context object ($$.Task.Token, $$.Execution.Id, ...).
 */

export type { ExecutionRecord, LocalWorkflow } from './definitions.ts';
export { StepFunctionsError };

export type LocalFunction = (payload: unknown) => Promise<unknown>;

/** A task's failure as a state machine sees it: `name` is what Retry/Catch `ErrorEquals` match. */
class TaskFailure extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

interface PendingCallback {
  executionArn: string;
  resolve(output: JSONValue): void;
  reject(error: Error): void;
}

export interface LocalStepFunctionsOptions {
  clock: Clock;
  workflows: readonly LocalWorkflow[];
  /** Function id (the substitution value, e.g. 'case-step') → the handler, already wired with local adapters. */
  functions: Record<string, LocalFunction>;
  /** Called when an execution stops (for reports and the 365-day check). */
  onExecutionStopped?: (record: ExecutionRecord) => void;
  /** Keep finished execution records in memory (tests); a long simulation may turn this off. */
  keepFinished?: boolean;
  /** Counts state transitions and function invocations with their duration (see metering.ts). */
  meter?: Meter;
}

export class LocalStepFunctions {
  readonly executions = new Map<string, ExecutionRecord>();
  private readonly machines = new Map<
    string,
    {
      workflow: LocalWorkflow;
      machine: StateMachine;
      definition: Record<string, unknown>;
      tasks: ReadonlyMap<string, TaskState>;
    }
  >();
  private readonly functionsByArn = new Map<string, LocalFunction>();
  /** Callbacks waiting for SendTaskSuccess/Failure, by token; and the tokens of each execution, to drop them. */
  private readonly pending = new Map<string, PendingCallback>();
  private readonly pendingByExecution = new Map<string, Set<string>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly clock: Clock;
  private stopped = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.clock = options.clock;
    for (const [id, fn] of Object.entries(options.functions)) this.functionsByArn.set(localFunctionArn(id), fn);
    for (const workflow of options.workflows) {
      const definition = this.localDefinition(workflow);
      const machine = engineMachine(definition);
      const tasks = taskStatesOf(definition);
      this.machines.set(localStateMachineArn(workflow.stateMachineName), { workflow, machine, definition, tasks });
    }
  }

  /** The definition as executed here: the workflows/ module's, with the placeholders set to local ARNs. */
  localDefinition(workflow: LocalWorkflow): Record<string, unknown> {
    const values = Object.fromEntries(
      Object.entries(workflow.substitutions).map(([placeholder, functionId]) => [
        placeholder,
        localFunctionArn(functionId),
      ]),
    );
    return substituteDefinition(workflow.definition, values);
  }

  executedDefinition(stateMachineName: string): Record<string, unknown> | undefined {
    return this.machines.get(localStateMachineArn(stateMachineName))?.definition;
  }

  stateMachineArn(workflowId: string): string {
    for (const [arn, m] of this.machines) if (m.workflow.id === workflowId) return arn;
    throw new StepFunctionsError('StateMachineDoesNotExist', `No local workflow ${workflowId}`);
  }

  get runningCount(): number {
    return this.running.size;
  }

  startExecution(params: { stateMachineArn: string; name?: string; input?: unknown }): {
    executionArn: string;
    startDate: string;
  } {
    if (this.stopped) throw new StepFunctionsError('ServiceUnavailable', 'The local runtime is stopping');
    const entry = this.machines.get(params.stateMachineArn);
    if (!entry) throw new StepFunctionsError('StateMachineDoesNotExist', `No state machine ${params.stateMachineArn}`);
    const name = params.name ?? randomUUID();
    const executionArn = `${params.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // AWS: the same name with the same input is idempotent; a different input is refused.
      if (JSON.stringify(existing.input) === JSON.stringify(params.input ?? {})) {
        return { executionArn, startDate: new Date(existing.startedAt).toISOString() };
      }
      throw new StepFunctionsError('ExecutionAlreadyExists', `Execution ${name} already exists`);
    }
    const startedAt = this.clock.now();
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: params.stateMachineArn,
      name,
      input: params.input ?? {},
      status: 'RUNNING',
      startedAt,
      transitions: 0,
    };
    this.executions.set(executionArn, record);
    this.options.meter?.stepFunctionsEvent(entry.workflow.id, 'ExecutionStarted');
    const context = this.contextFor(record, entry.workflow.stateMachineName);
    const meter = this.options.meter;
    const workflowId = entry.workflow.id;
    const run = entry.machine.run((params.input ?? {}) as JSONValue, {
      overrides: { taskResourceLocalHandlers: this.taskHandlers(entry.tasks, record, context) },
      context: context as never,
      // Each event as it happens (the patched engine's hook), counted here: nothing is queued to be read later.
      wpOnEvent: (event) => {
        if (event.type === 'StateEntered') {
          record.transitions++;
          meter?.stepFunctionsEvent(workflowId, 'StateEntered');
        } else if (event.type === 'StateRetried') {
          meter?.stepFunctionsEvent(workflowId, 'StateRetried');
        }
      },
    });
    const done = this.follow(record, run);
    this.running.set(executionArn, done);
    return { executionArn, startDate: new Date(startedAt).toISOString() };
  }

  sendTaskSuccess(taskToken: string, output: unknown): void {
    const pending = this.takePending(taskToken);
    pending.resolve((output ?? {}) as JSONValue);
  }

  sendTaskFailure(taskToken: string, error: string, cause: string): void {
    const pending = this.takePending(taskToken);
    pending.reject(new TaskFailure(error, cause));
  }

  describeExecution(executionArn: string): ExecutionRecord {
    const record = this.executions.get(executionArn);
    if (!record) throw new StepFunctionsError('ExecutionDoesNotExist', `No execution ${executionArn}`);
    return record;
  }

  /** Stops every running execution (a restart of the local runtime): the case records keep the truth. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    for (const [arn, m] of this.aborts) {
      m();
      this.aborts.delete(arn);
    }
    for (const [token, pending] of this.pending) {
      this.removePending(token);
      pending.reject(new TaskFailure('States.Runtime', 'local runtime stopped'));
    }
    await Promise.allSettled([...this.running.values()]);
  }

  /** Resolves when no execution is running (used by tests and the simulator together with the clock). */
  async whenAllStopped(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private readonly aborts = new Map<string, () => void>();

  private takePending(taskToken: string): PendingCallback {
    const pending = this.pending.get(taskToken);
    if (!pending) {
      // AWS answers TaskTimedOut for a token whose task already ended, InvalidToken for one it never issued.
      throw new StepFunctionsError(
        this.issuedTokens.has(taskToken) ? 'TaskTimedOut' : 'InvalidToken',
        'Task token is no longer valid',
      );
    }
    this.removePending(taskToken);
    return pending;
  }

  private addPending(token: string, callback: PendingCallback): void {
    this.pending.set(token, callback);
    const tokens = this.pendingByExecution.get(callback.executionArn);
    if (tokens) tokens.add(token);
    else this.pendingByExecution.set(callback.executionArn, new Set([token]));
  }

  private removePending(token: string): void {
    const callback = this.pending.get(token);
    if (!callback) return;
    this.pending.delete(token);
    const tokens = this.pendingByExecution.get(callback.executionArn);
    tokens?.delete(token);
    if (tokens?.size === 0) this.pendingByExecution.delete(callback.executionArn);
  }

  /** An execution stopped: its callbacks can never be answered (only its own tokens are looked at). */
  private dropPendingOf(executionArn: string): void {
    const tokens = this.pendingByExecution.get(executionArn);
    if (!tokens) return;
    this.pendingByExecution.delete(executionArn);
    for (const token of tokens) this.pending.delete(token);
  }

  /** Callbacks waiting now, and executions with one (tests: none is left behind when executions stop). */
  get pendingCount(): { tokens: number; executions: number } {
    return { tokens: this.pending.size, executions: this.pendingByExecution.size };
  }

  /**
   * Tokens issued, so a late SendTaskSuccess gets AWS's answer (TaskTimedOut, not InvalidToken). Bounded: a
   * live system runs for months; the oldest are forgotten first (a Set keeps insertion order).
   */
  private readonly issuedTokens = new Set<string>();
  private static readonly REMEMBERED_TOKENS = 100_000;

  private contextFor(record: ExecutionRecord, stateMachineName: string) {
    const clock = this.clock;
    const issue = () => {
      const token = `local-task-token-${randomUUID()}`;
      this.issuedTokens.add(token);
      if (this.issuedTokens.size > LocalStepFunctions.REMEMBERED_TOKENS) {
        const oldest = this.issuedTokens.values().next().value;
        if (oldest !== undefined) this.issuedTokens.delete(oldest);
      }
      currentToken.value = token;
      return token;
    };
    const currentToken: { value?: string } = {};
    return {
      Execution: {
        Id: record.executionArn,
        Name: record.name,
        StartTime: new Date(record.startedAt).toISOString(),
        RoleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/local-step-functions`,
      },
      StateMachine: { Id: record.stateMachineArn, Name: stateMachineName },
      State: {
        get EnteredTime() {
          return new Date(clock.now()).toISOString();
        },
      },
      Task: {
        get Token() {
          return issue();
        },
      },
      currentToken,
    };
  }

  private taskHandlers(
    tasks: ReadonlyMap<string, TaskState>,
    record: ExecutionRecord,
    context: { currentToken: { value?: string } },
  ): Record<string, (input: JSONValue) => Promise<JSONValue>> {
    const handlers: Record<string, (input: JSONValue) => Promise<JSONValue>> = {};
    for (const [stateName, state] of tasks) {
      handlers[stateName] = (input) => this.runTask(state, input, record, context);
    }
    return handlers;
  }

  private runTask(
    state: TaskState,
    input: JSONValue,
    record: ExecutionRecord,
    context: { currentToken: { value?: string } },
  ): Promise<JSONValue> {
    const params = (input ?? {}) as Record<string, unknown>;
    switch (state.Resource) {
      case 'arn:aws:states:::lambda:invoke':
        return this.invoke(String(params.FunctionName), params.Payload).then(
          (payload) => ({ ExecutedVersion: '$LATEST', Payload: payload as JSONValue, StatusCode: 200 }) as JSONValue,
        );
      case 'arn:aws:states:::lambda:invoke.waitForTaskToken': {
        const token = context.currentToken.value;
        if (!token) throw new TaskFailure('States.Runtime', 'waitForTaskToken task without $$.Task.Token');
        context.currentToken.value = undefined;
        const callback = new Promise<JSONValue>((resolve, reject) => {
          this.addPending(token, { executionArn: record.executionArn, resolve, reject });
        });
        // The handler may complete the task itself (an event already waiting): register first, then invoke.
        const task = (async () => {
          await this.invoke(String(params.FunctionName), params.Payload);
          return callback;
        })() as Promise<JSONValue> & { cancel?: () => void };
        // Called by the (patched) engine when the task times out: the token is dead from then on.
        task.cancel = () => this.removePending(token);
        return task;
      }
      case 'arn:aws:states:::states:startExecution': {
        try {
          const started = this.startExecution({
            stateMachineArn: String(params.StateMachineArn),
            name: typeof params.Name === 'string' ? params.Name : undefined,
            input: typeof params.Input === 'string' ? JSON.parse(params.Input) : params.Input,
          });
          return Promise.resolve({ ExecutionArn: started.executionArn, StartDate: started.startDate });
        } catch (err) {
          const e = err as Error;
          // As the service integration names them: StepFunctions.ExecutionAlreadyExistsException, …
          const name = e.name.endsWith('Exception') ? e.name : `${e.name}Exception`;
          return Promise.reject(new TaskFailure(`StepFunctions.${name}`, e.message));
        }
      }
      default:
        return Promise.reject(
          new TaskFailure('States.Runtime', `The local runtime cannot run Resource ${state.Resource}`),
        );
    }
  }

  private async invoke(functionArn: string, payload: unknown): Promise<unknown> {
    const fn = this.functionsByArn.get(functionArn);
    if (!fn) throw new TaskFailure('Lambda.ResourceNotFoundException', `No local function ${functionArn}`);
    const meter = this.options.meter;
    const call = meter?.lambdaStarted();
    const functionId = functionArn.slice(functionArn.lastIndexOf(':') + 1);
    let work: Promise<unknown>;
    try {
      work = fn(payload);
    } catch (err) {
      if (call) meter?.lambdaFinished(functionId, call);
      throw err;
    }
    const tracked = 'track' in this.clock ? (this.clock as VirtualClock).track(work) : work;
    try {
      return await tracked;
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      throw new TaskFailure(e.name === 'Error' ? 'Error' : e.name, e.message);
    } finally {
      // On this machine's wall clock, from the call until its answer is seen (a failed call is billed too).
      if (call) meter?.lambdaFinished(functionId, call);
    }
  }

  private async follow(record: ExecutionRecord, run: { abort(): void; result: Promise<JSONValue> }): Promise<void> {
    this.aborts.set(record.executionArn, run.abort);
    try {
      record.output = await run.result;
      record.status = 'SUCCEEDED';
    } catch (err) {
      const e = err as Error & { cause?: unknown };
      record.status = e.name === 'ExecutionAbortedError' ? 'ABORTED' : 'FAILED';
      const inner = (e as { cause?: Error }).cause;
      record.error = inner?.name ?? e.name;
      record.cause = inner?.message ?? e.message;
    }
    record.stoppedAt = this.clock.now();
    this.aborts.delete(record.executionArn);
    this.dropPendingOf(record.executionArn);
    this.running.delete(record.executionArn);
    this.options.onExecutionStopped?.(record);
    if (this.options.keepFinished === false) this.executions.delete(record.executionArn);
  }
}
