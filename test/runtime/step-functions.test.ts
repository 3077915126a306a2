import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installEngineClock, VirtualClock } from '../../local/runtime/clock.ts';
import { LocalStepFunctions, type LocalWorkflow, StepFunctionsError } from '../../local/runtime/step-functions.ts';

const DAY = 86_400_000;
const START = Date.parse('2024-01-01T09:00:00Z');

function workflow(states: Record<string, unknown>, startAt: string): LocalWorkflow {
  return {
    id: 'probe',
    stateMachineName: 'wp-probe',
    definition: { StartAt: startAt, States: states },
    substitutions: { WorkFunctionArn: 'work', AwaitFunctionArn: 'await' },
  };
}

describe('local Step Functions runtime (patched aws-local-stepfunctions)', () => {
  let clock: VirtualClock;
  let uninstall: () => void;
  const tokens: string[] = [];

  beforeEach(() => {
    clock = new VirtualClock(START);
    uninstall = installEngineClock(clock);
    tokens.length = 0;
  });
  afterEach(() => uninstall());

  function runtime(wf: LocalWorkflow, work: (payload: unknown) => unknown = (p) => p) {
    return new LocalStepFunctions({
      clock,
      workflows: [wf],
      functions: {
        work: async (p) => work(p),
        await: async (p) => {
          tokens.push((p as { taskToken: string }).taskToken);
          return null;
        },
      },
    });
  }

  it('runs a lambda:invoke Task and unwraps Payload (a plain Task succeeds on this Node)', async () => {
    const sfn = runtime(
      workflow(
        {
          Work: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: '${WorkFunctionArn}', 'Payload.$': '$' },
            ResultSelector: { 'value.$': '$.Payload.n' },
            End: true,
          },
        },
        'Work',
      ),
      (p) => ({ n: (p as { n: number }).n + 1 }),
    );
    const { executionArn } = sfn.startExecution({ stateMachineArn: sfn.stateMachineArn('probe'), input: { n: 41 } });
    await sfn.whenAllStopped();
    expect(sfn.describeExecution(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: { value: 42 } });
  });

  it('waits 714 days when told to, instead of firing after 1 ms (delays over 2^31-1 ms)', async () => {
    const sfn = runtime(workflow({ Hold: { Type: 'Wait', SecondsPath: '$.seconds', End: true } }, 'Hold'));
    const { executionArn } = sfn.startExecution({
      stateMachineArn: sfn.stateMachineArn('probe'),
      input: { seconds: 714 * 86_400 },
    });
    await clock.advanceTo(START + 713 * DAY);
    expect(sfn.describeExecution(executionArn).status).toBe('RUNNING');
    await clock.advanceTo(START + 715 * DAY);
    await sfn.whenAllStopped();
    const record = sfn.describeExecution(executionArn);
    expect(record.status).toBe('SUCCEEDED');
    expect(record.stoppedAt).toBe(START + 714 * DAY);
  });

  const callbackStates = {
    Await: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: '${AwaitFunctionArn}', Payload: { 'taskToken.$': '$$.Task.Token' } },
      TimeoutSecondsPath: '$.timeoutSeconds',
      ResultPath: '$.event',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'TimedOut' }],
      Next: 'Done',
    },
    TimedOut: { Type: 'Pass', Result: 'timed out', ResultPath: '$.outcome', End: true },
    Done: { Type: 'Pass', Result: 'event', ResultPath: '$.outcome', End: true },
  };

  it('sets $$.Task.Token and resolves TimeoutSecondsPath against the state input, as AWS does', async () => {
    const sfn = runtime(workflow(callbackStates, 'Await'));
    const { executionArn } = sfn.startExecution({
      stateMachineArn: sfn.stateMachineArn('probe'),
      input: { timeoutSeconds: 30 * 86_400 },
    });
    await clock.advanceTo(START + 29 * DAY);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatch(/^local-task-token-/);
    expect(sfn.describeExecution(executionArn).status).toBe('RUNNING');
    await clock.advanceTo(START + 31 * DAY);
    await sfn.whenAllStopped();
    const record = sfn.describeExecution(executionArn);
    expect(record).toMatchObject({ status: 'SUCCEEDED', output: { outcome: 'timed out' } });
    expect(record.stoppedAt).toBe(START + 30 * DAY);
    // The token died with the timeout: AWS answers TaskTimedOut.
    expect(() => sfn.sendTaskSuccess(tokens[0] as string, {})).toThrowError(
      expect.objectContaining({ name: 'TaskTimedOut' }),
    );
  });

  it('completes a callback task on SendTaskSuccess and refuses the token a second time', async () => {
    const sfn = runtime(workflow(callbackStates, 'Await'));
    const { executionArn } = sfn.startExecution({
      stateMachineArn: sfn.stateMachineArn('probe'),
      input: { timeoutSeconds: 30 * 86_400 },
    });
    await clock.advanceTo(START + 3 * DAY);
    sfn.sendTaskSuccess(tokens[0] as string, { kind: 'reply' });
    await sfn.whenAllStopped();
    expect(sfn.describeExecution(executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      output: { event: { kind: 'reply' }, outcome: 'event' },
    });
    expect(() => sfn.sendTaskSuccess(tokens[0] as string, {})).toThrow(StepFunctionsError);
    expect(() => sfn.sendTaskSuccess('never-issued', {})).toThrowError(
      expect.objectContaining({ name: 'InvalidToken' }),
    );
  });

  it('gives a Task with no timeout no timeout (AWS), not 60 seconds', async () => {
    const sfn = runtime(
      workflow(
        {
          Await: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Parameters: { FunctionName: '${AwaitFunctionArn}', Payload: { 'taskToken.$': '$$.Task.Token' } },
            End: true,
          },
        },
        'Await',
      ),
    );
    const { executionArn } = sfn.startExecution({ stateMachineArn: sfn.stateMachineArn('probe'), input: {} });
    await clock.advanceTo(START + 10 * 60_000);
    expect(sfn.describeExecution(executionArn).status).toBe('RUNNING');
    sfn.sendTaskSuccess(tokens[0] as string, { ok: true });
    await sfn.whenAllStopped();
    expect(sfn.describeExecution(executionArn).status).toBe('SUCCEEDED');
  });

  it('starts a fresh execution of itself from $$.StateMachine.Id (continue-as-new)', async () => {
    const sfn = runtime(
      workflow(
        {
          Decide: {
            Type: 'Choice',
            Choices: [{ Variable: '$.generation', NumericGreaterThanEquals: 2, Next: 'Finished' }],
            Default: 'Hold',
          },
          Hold: { Type: 'Wait', Seconds: 300 * 86_400, Next: 'Increment' },
          Increment: {
            Type: 'Pass',
            Parameters: { 'generation.$': 'States.MathAdd($.generation, 1)' },
            Next: 'ContinueAsNew',
          },
          ContinueAsNew: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution',
            Parameters: { 'StateMachineArn.$': '$$.StateMachine.Id', 'Input.$': '$' },
            End: true,
          },
          Finished: { Type: 'Succeed' },
        },
        'Decide',
      ),
    );
    sfn.startExecution({ stateMachineArn: sfn.stateMachineArn('probe'), input: { generation: 0 } });
    await clock.advanceTo(START + 700 * DAY);
    await sfn.whenAllStopped();
    const records = [...sfn.executions.values()];
    expect(records.map((r) => r.input)).toEqual([{ generation: 0 }, { generation: 1 }, { generation: 2 }]);
    expect(records.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    expect(records[2]?.startedAt).toBe(START + 600 * DAY);
  });
});
