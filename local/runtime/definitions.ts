import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

/**
 * The state machine definitions as the local engine runs them: ARNs, placeholder substitution, the Task states,
 * and one validation per definition per process (asl-validator compiles its JSON schemas with ajv at every call,
 * about 0.2 s each: a test suite that starts a local system hundreds of times paid it every time).
 */

export const LOCAL_REGION = 'eu-west-2';
export const LOCAL_ACCOUNT = '000000000000';

export interface LocalWorkflow {
  id: string;
  stateMachineName: string;
  definition: Record<string, unknown>;
  substitutions: Record<string, string>;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: unknown;
  status: ExecutionStatus;
  startedAt: number;
  stoppedAt?: number;
  transitions: number;
  error?: string;
  cause?: string;
  output?: unknown;
}

/** Errors shaped like the Step Functions API's, so adapters handle local and AWS failures the same way. */
export class StepFunctionsError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export function localFunctionArn(functionId: string): string {
  return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionId}`;
}

export function localStateMachineArn(name: string): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;
}

/** Replaces ${Placeholder} strings the way CloudFormation's definitionSubstitutions does. */
export function substituteDefinition(
  definition: Record<string, unknown>,
  values: Record<string, string>,
): Record<string, unknown> {
  const json = JSON.stringify(definition).replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`No substitution for ${whole}`);
    return value;
  });
  return JSON.parse(json) as Record<string, unknown>;
}

export interface TaskState {
  Type: 'Task';
  Resource: string;
}

/** Every Task state by name, inside Parallel branches and Map processors too (their names are unique in ASL). */
export function taskStatesOf(definition: Record<string, unknown>): ReadonlyMap<string, TaskState> {
  const into = new Map<string, TaskState>();
  const collect = (states: Record<string, unknown>) => {
    for (const [name, state] of Object.entries(states)) {
      const s = state as {
        Type?: string;
        Branches?: { States: Record<string, unknown> }[];
        ItemProcessor?: { States: Record<string, unknown> };
        Iterator?: { States: Record<string, unknown> };
      };
      if (s.Type === 'Task') into.set(name, state as TaskState);
      for (const branch of s.Branches ?? []) collect(branch.States);
      const inner = s.ItemProcessor ?? s.Iterator;
      if (inner) collect(inner.States);
    }
  };
  collect(definition.States as Record<string, unknown>);
  return into;
}

/** Definitions (as JSON text) that asl-validator has accepted in this process. */
const validated = new Set<string>();
let validations = 0;

/** How many times a definition was validated in this process (tests check it happens once per definition). */
export function definitionValidations(): number {
  return validations;
}

/**
 * The engine's state machine for a definition. The first time a definition is seen it is validated (an invalid
 * one throws, as before); the same definition again is not validated a second time.
 */
export function engineMachine(definition: Record<string, unknown>): StateMachine {
  const key = JSON.stringify(definition);
  const known = validated.has(key);
  const machine = new StateMachine(definition as unknown as StateMachineDefinition, {
    validationOptions: known ? { noValidate: true } : { checkArn: false },
  });
  if (!known) {
    validations++;
    validated.add(key);
  }
  return machine;
}
