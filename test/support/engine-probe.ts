import { afterEach, beforeEach } from 'vitest';
import { installEngineClock, VirtualClock } from '../../local/runtime/clock.ts';
import { LocalStepFunctions, type LocalWorkflow } from '../../local/runtime/step-functions.ts';

/** The instant every probe of the local engine starts at. */
export const PROBE_START = Date.parse('2024-01-01T09:00:00Z');

/** A one-machine workflow for probing the engine: `work` and `await` are the two functions it may name. */
export function probeWorkflow(states: Record<string, unknown>, startAt: string, name = 'wp-probe'): LocalWorkflow {
  return {
    id: 'probe',
    stateMachineName: name,
    definition: { StartAt: startAt, States: states },
    substitutions: { WorkFunctionArn: 'work', AwaitFunctionArn: 'await' },
  };
}

export interface EngineProbe {
  /** A fresh virtual clock per test, installed as the engine's clock. */
  readonly clock: VirtualClock;
  /** The task tokens the `await` function was handed, in order (emptied per test). */
  readonly tokens: string[];
  /** The local engine over one workflow: `work` answers with `work(payload)`, `await` keeps the token. */
  runtime(wf: LocalWorkflow, work?: (payload: unknown) => unknown): LocalStepFunctions;
}

/** Registers the per-test clock and token list of a describe block that probes the local engine. */
export function engineProbe(): EngineProbe {
  let clock: VirtualClock | undefined;
  let uninstall = () => {};
  const tokens: string[] = [];
  beforeEach(() => {
    clock = new VirtualClock(PROBE_START);
    uninstall = installEngineClock(clock);
    tokens.length = 0;
  });
  afterEach(() => uninstall());
  return {
    get clock() {
      if (!clock) throw new Error('engineProbe: the clock exists inside a test only');
      return clock;
    },
    tokens,
    runtime(wf, work = (p) => p) {
      return new LocalStepFunctions({
        clock: this.clock,
        workflows: [wf],
        functions: {
          work: async (p) => work(p),
          await: async (p) => {
            tokens.push((p as { taskToken: string }).taskToken);
            return null;
          },
        },
      });
    },
  };
}
