/**
 * The shape infra deploys, as `workflows/index.ts` exports it (`export const workflows: readonly WorkflowSpec[]`).
 * Declared here structurally so the stacks depend on the contract, not on the module's internals.
 */
export interface WorkflowSpec {
  /** `exit-report`: also names the handlers' environment variable EXIT_REPORT_STATE_MACHINE_ARN. */
  readonly id: string;
  /** Fixed base name, e.g. `wp-exit-report`; the deployed name appends the environment. */
  readonly stateMachineName: string;
  /** Plain ASL (JSONPath) with `${Placeholder}` strings, deployed byte for byte. */
  readonly definition: Record<string, unknown>;
  /** Placeholder name → function id, e.g. `{ ProcessStepFunctionArn: 'exit-report-step' }`. */
  readonly substitutions: Record<string, string>;
}

/** Every `${Name}` placeholder in a definition, in order of first appearance. */
export function placeholdersIn(definition: Record<string, unknown>): string[] {
  const found = new Set<string>();
  for (const match of JSON.stringify(definition).matchAll(/\$\{([A-Za-z0-9_]+)\}/g)) {
    if (match[1] !== undefined) found.add(match[1]);
  }
  return [...found];
}

type AslState = Record<string, unknown>;

/** Every state of a definition, including those inside Parallel branches and Map iterators/processors. */
export function statesOf(definition: Record<string, unknown>): Array<[name: string, state: AslState]> {
  const out: Array<[string, AslState]> = [];
  const walk = (machine: unknown): void => {
    if (typeof machine !== 'object' || machine === null) return;
    const states = (machine as { States?: Record<string, AslState> }).States ?? {};
    for (const [name, state] of Object.entries(states)) {
      out.push([name, state]);
      for (const branch of (state.Branches as unknown[] | undefined) ?? []) walk(branch);
      walk(state.Iterator);
      walk(state.ItemProcessor);
    }
  };
  walk(definition);
  return out;
}

/** True if some Task starts an execution of the machine it runs in (continue-as-new). */
export function startsItself(definition: Record<string, unknown>): boolean {
  return statesOf(definition).some(([, state]) => {
    const resource = state.Resource;
    const parameters = (state.Parameters ?? state.Arguments) as Record<string, unknown> | undefined;
    return (
      typeof resource === 'string' &&
      resource.startsWith('arn:aws:states:::states:startExecution') &&
      parameters?.['StateMachineArn.$'] === '$$.StateMachine.Id'
    );
  });
}
