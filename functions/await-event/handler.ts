import * as z from 'zod';
import { planNextStep } from '../../domain/lifecycle/exit-report-lifecycle.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';

/**
 * Invoked by the workflow's callback tasks (`.waitForTaskToken`): stores the task token on the case record so an
 * event can wake the execution. If something is already waiting in the case's inbox (it arrived between planning
 * and now), it wakes the execution at once. A failure to store the token fails the task: the execution never
 * waits for ever on a token nobody knows.
 */
export const AwaitEventInput = z.object({
  caseId: z.string().min(1),
  awaiting: z.string().min(1),
  until: z.iso.datetime({ offset: true }),
  taskToken: z.string().min(1),
});

export function makeAwaitEventHandler(deps: Pick<CaseHandlerDeps, 'cases' | 'signaller' | 'now' | 'config'>) {
  return async function awaitEvent(rawInput: unknown): Promise<{ stored: true; wokeAtOnce: boolean }> {
    const input = AwaitEventInput.parse(rawInput);
    const now = deps.now();
    const stored = await deps.cases.storeWakeToken(input.caseId, {
      token: input.taskToken,
      awaiting: input.awaiting,
      storedAt: new Date(now).toISOString(),
    });
    const plan = planNextStep(stored.record, now, now, deps.config);
    if (plan.next === 'record-event') {
      await deps.signaller.wake(input.taskToken);
      return { stored: true, wokeAtOnce: true };
    }
    return { stored: true, wokeAtOnce: false };
  };
}
