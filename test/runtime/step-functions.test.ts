import { describe, expect, it } from 'vitest';
import { StepFunctionsError } from '../../local/runtime/step-functions.ts';
import { engineProbe, PROBE_START, probeWorkflow } from '../support/engine-probe.ts';

const DAY = 86_400_000;

describe('local Step Functions runtime (patched aws-local-stepfunctions)', () => {
  const probe = engineProbe();
  const runtime = probe.runtime.bind(probe);

  it('runs a lambda:invoke Task and unwraps Payload (a plain Task succeeds on this Node)', async () => {
    const sfn = runtime(
      probeWorkflow(
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
    const sfn = runtime(probeWorkflow({ Hold: { Type: 'Wait', SecondsPath: '$.seconds', End: true } }, 'Hold'));
    const { executionArn } = sfn.startExecution({
      stateMachineArn: sfn.stateMachineArn('probe'),
      input: { seconds: 714 * 86_400 },
    });
    await probe.clock.advanceTo(PROBE_START + 713 * DAY);
    expect(sfn.describeExecution(executionArn).status).toBe('RUNNING');
    await probe.clock.advanceTo(PROBE_START + 715 * DAY);
    await sfn.whenAllStopped();
    const record = sfn.describeExecution(executionArn);
    expect(record.status).toBe('SUCCEEDED');
    expect(record.stoppedAt).toBe(PROBE_START + 714 * DAY);
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
    const sfn = runtime(probeWorkflow(callbackStates, 'Await'));
    const { executionArn } = sfn.startExecution({
      stateMachineArn: sfn.stateMachineArn('probe'),
      input: { timeoutSeconds: 30 * 86_400 },
    });
    await probe.clock.advanceTo(PROBE_START + 29 * DAY);
    expect(probe.tokens).toHaveLength(1);
    expect(probe.tokens[0]).toMatch(/^local-task-token-/);
    expect(sfn.describeExecution(executionArn).status).toBe('RUNNING');
    await probe.clock.advanceTo(PROBE_START + 31 * DAY);
    await sfn.whenAllStopped();
    const record = sfn.describeExecution(executionArn);
    expect(record).toMatchObject({ status: 'SUCCEEDED', output: { outcome: 'timed out' } });
    expect(record.stoppedAt).toBe(PROBE_START + 30 * DAY);
    // The token died with the timeout: AWS answers TaskTimedOut.
    expect(() => sfn.sendTaskSuccess(probe.tokens[0] as string, {})).toThrowError(
      expect.objectContaining({ name: 'TaskTimedOut' }),
    );
  });

  it('completes a callback task on SendTaskSuccess and refuses the token a second time', async () => {
    const sfn = runtime(probeWorkflow(callbackStates, 'Await'));
    const { executionArn } = sfn.startExecution({
      stateMachineArn: sfn.stateMachineArn('probe'),
      input: { timeoutSeconds: 30 * 86_400 },
    });
    await probe.clock.advanceTo(PROBE_START + 3 * DAY);
    sfn.sendTaskSuccess(probe.tokens[0] as string, { kind: 'reply' });
    await sfn.whenAllStopped();
    expect(sfn.describeExecution(executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      output: { event: { kind: 'reply' }, outcome: 'event' },
    });
    expect(() => sfn.sendTaskSuccess(probe.tokens[0] as string, {})).toThrow(StepFunctionsError);
    expect(() => sfn.sendTaskSuccess('never-issued', {})).toThrowError(
      expect.objectContaining({ name: 'InvalidToken' }),
    );
  });

  it('gives a Task with no timeout no timeout (AWS), not 60 seconds', async () => {
    const sfn = runtime(
      probeWorkflow(
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
    await probe.clock.advanceTo(PROBE_START + 10 * 60_000);
    expect(sfn.describeExecution(executionArn).status).toBe('RUNNING');
    sfn.sendTaskSuccess(probe.tokens[0] as string, { ok: true });
    await sfn.whenAllStopped();
    expect(sfn.describeExecution(executionArn).status).toBe('SUCCEEDED');
  });

  it('starts a fresh execution of itself from $$.StateMachine.Id (continue-as-new)', async () => {
    const sfn = runtime(
      probeWorkflow(
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
    await probe.clock.advanceTo(PROBE_START + 700 * DAY);
    await sfn.whenAllStopped();
    const records = [...sfn.executions.values()];
    expect(records.map((r) => r.input)).toEqual([{ generation: 0 }, { generation: 1 }, { generation: 2 }]);
    expect(records.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    expect(records[2]?.startedAt).toBe(PROBE_START + 600 * DAY);
  });
});
