import { SendTaskSuccessCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { WorkflowSignaller } from '../../ports/workflow.ts';

/** Signals workflows in AWS. A token that already ended (TaskTimedOut, used) is harmless: the record has the event. */
export class SfnSignaller implements WorkflowSignaller {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArns: Record<string, string>,
  ) {}

  async startExecution(workflowId: string, name: string, input: Record<string, unknown>): Promise<void> {
    const stateMachineArn = this.stateMachineArns[workflowId];
    if (!stateMachineArn) throw new Error(`No state machine configured for workflow ${workflowId}`);
    try {
      await this.client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    } catch (err) {
      // Same name, same input: AWS treats it as the same start; a different input is a real conflict.
      if ((err as Error).name !== 'ExecutionAlreadyExists') throw err;
    }
  }

  async wake(taskToken: string): Promise<'woken' | 'stale'> {
    try {
      await this.client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
      return 'woken';
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TaskTimedOut' || name === 'InvalidToken' || name === 'TaskDoesNotExist') return 'stale';
      throw err;
    }
  }
}
