/**
 * How handlers start and wake workflow executions: Step Functions in AWS (adapters/workflow/sfn-signaller.ts),
 * the in-process engine locally (local/runtime/step-functions.ts).
 */
export interface WorkflowSignaller {
  /** Starts an execution; a repeat with the same name and input is a no-op (AWS semantics). */
  startExecution(workflowId: string, name: string, input: Record<string, unknown>): Promise<void>;
  /** Wakes a waiting execution. 'stale' when the token already ended (timed out, or used): harmless. */
  wake(taskToken: string): Promise<'woken' | 'stale'>;
}
