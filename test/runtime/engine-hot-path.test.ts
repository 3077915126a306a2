import { describe, expect, it } from 'vitest';
import { definitionValidations } from '../../local/runtime/definitions.ts';
import { engineProbe, PROBE_START, probeWorkflow } from '../support/engine-probe.ts';

// The engine's hot path (issue 17 item 2): paths evaluated without jsonpath-plus's throw-per-scalar, one
// validation per definition, a stopped execution's callbacks found by execution rather than by a scan.

const awaitTask = (next: { Next: string } | { End: true }) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName: '${AwaitFunctionArn}', Payload: { 'taskToken.$': '$$.Task.Token' } },
  ...next,
});

describe('the local engine hot path', () => {
  const probe = engineProbe();
  const runtime = probe.runtime.bind(probe);

  it('evaluates paths to scalars, objects, arrays and context values as AWS does', async () => {
    const sfn = runtime(
      probeWorkflow(
        {
          Pick: {
            Type: 'Pass',
            Parameters: {
              'n.$': '$.n',
              'zero.$': '$.zero',
              's.$': '$.s',
              'empty.$': '$.empty',
              'yes.$': '$.yes',
              'no.$': '$.no',
              'nothing.$': '$.nothing',
              'nested.$': '$.nested',
              'deep.$': '$.nested.a',
              'deeper.$': '$.nested.b.c',
              'second.$': '$.list[1]',
              'list.$': '$.list',
              'name.$': '$$.Execution.Name',
            },
            Next: 'Decide',
          },
          Decide: {
            Type: 'Choice',
            Choices: [{ Variable: '$.n', NumericEquals: 7, Next: 'Seven' }],
            Default: 'Other',
          },
          Seven: { Type: 'Pass', Result: 'seven', ResultPath: '$.branch', End: true },
          Other: { Type: 'Pass', Result: 'other', ResultPath: '$.branch', End: true },
        },
        'Pick',
      ),
    );
    const input = {
      n: 7,
      zero: 0,
      s: 'text',
      empty: '',
      yes: true,
      no: false,
      nothing: null,
      nested: { a: 1, b: { c: false } },
      list: [1, 2, 3],
    };
    const { executionArn } = sfn.startExecution({ stateMachineArn: sfn.stateMachineArn('probe'), name: 'x1', input });
    await sfn.whenAllStopped();
    const { list, ...rest } = input;
    expect(sfn.describeExecution(executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      output: { ...rest, deep: 1, deeper: false, second: 2, list, name: 'x1', branch: 'seven' },
    });
  });

  it('fails an execution whose path points to nothing (States.Runtime), as before', async () => {
    const sfn = runtime(
      probeWorkflow({ Pick: { Type: 'Pass', Parameters: { 'v.$': '$.absent' }, End: true } }, 'Pick'),
    );
    const { executionArn } = sfn.startExecution({ stateMachineArn: sfn.stateMachineArn('probe'), input: { n: 1 } });
    await sfn.whenAllStopped();
    expect(sfn.describeExecution(executionArn)).toMatchObject({ status: 'FAILED' });
    expect(sfn.describeExecution(executionArn).cause).toMatch(/\$\.absent/);
    // Through a value that has no such property (a number, null), as through a missing one.
    const through = runtime(
      probeWorkflow({ Pick: { Type: 'Pass', Parameters: { 'v.$': '$.n.inner' }, End: true } }, 'Pick'),
    );
    for (const n of [1, null]) {
      const run = through.startExecution({ stateMachineArn: through.stateMachineArn('probe'), input: { n } });
      await through.whenAllStopped();
      expect(through.describeExecution(run.executionArn)).toMatchObject({ status: 'FAILED' });
      expect(through.describeExecution(run.executionArn).cause).toMatch(/\$\.n\.inner/);
    }
  });

  it('validates a definition once in a process, however many runtimes load it; an invalid one is refused every time', () => {
    const wf = probeWorkflow({ Only: { Type: 'Pass', Result: { unique: 'validate-once' }, End: true } }, 'Only');
    const before = definitionValidations();
    runtime(wf);
    runtime(wf);
    runtime(wf);
    expect(definitionValidations() - before).toBe(1);
    const invalid = probeWorkflow({ Only: { Type: 'Pass', Next: 'Nowhere' } }, 'Only');
    expect(() => runtime(invalid)).toThrow(/invalid/);
    expect(() => runtime(invalid)).toThrow(/invalid/);
  });

  it("drops a stopped execution's waiting callbacks and no other execution's", async () => {
    // Two callbacks in parallel; the other branch fails, so the execution stops with one callback unanswered.
    const states = {
      Both: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Wait1', States: { Wait1: awaitTask({ End: true }) } },
          {
            StartAt: 'Work',
            States: {
              Work: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: '${WorkFunctionArn}', 'Payload.$': '$' },
                End: true,
              },
            },
          },
        ],
        End: true,
      },
    };
    const sfn = runtime(probeWorkflow(states, 'Both'), (p) => {
      if ((p as { fail?: boolean }).fail) throw new Error('refused');
      return p;
    });
    const arn = sfn.stateMachineArn('probe');
    const kept = sfn.startExecution({ stateMachineArn: arn, name: 'kept', input: {} });
    const failing = sfn.startExecution({ stateMachineArn: arn, name: 'failing', input: { fail: true } });
    await probe.clock.advanceTo(PROBE_START + 1000);
    expect(sfn.describeExecution(failing.executionArn).status).toBe('FAILED');
    expect(sfn.describeExecution(kept.executionArn).status).toBe('RUNNING');
    expect(sfn.pendingCount).toEqual({ tokens: 1, executions: 1 });
    // The failed execution's token is dead (TaskTimedOut, as AWS answers); the running one's still works.
    const [keptToken, failedToken] = probe.tokens;
    expect(() => sfn.sendTaskSuccess(failedToken as string, {})).toThrowError(
      expect.objectContaining({ name: 'TaskTimedOut' }),
    );
    sfn.sendTaskSuccess(keptToken as string, {});
    await sfn.whenAllStopped();
    expect(sfn.describeExecution(kept.executionArn).status).toBe('SUCCEEDED');
    expect(sfn.pendingCount).toEqual({ tokens: 0, executions: 0 });
  });
});
