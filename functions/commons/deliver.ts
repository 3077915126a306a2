import type { CaseEvent } from '../../domain/lifecycle/exit-report-case.ts';
import type { CaseHandlerDeps } from './ports.ts';

/**
 * The generation a fresh execution of a case starts from when it is not the case's first: the time in seconds.
 * Hand-overs count on from it (`<case>-g<n+1>`), so they can never take a name the case's earlier executions
 * used (a name reused with another input is refused by Step Functions, and the case would be left with none).
 */
export function freshGeneration(now: number): number {
  return Math.floor(now / 1000);
}

/**
 * Delivers an event to a case: into the record's inbox (one effect per event id, however often it comes),
 * then wakes the execution if it is waiting, or starts one if the case had closed. A token that already
 * ended is harmless: the event waits in the inbox for the next plan.
 */
export async function deliverEvent(
  deps: Pick<CaseHandlerDeps, 'cases' | 'signaller' | 'now'>,
  caseId: string,
  event: CaseEvent,
): Promise<{ duplicate: boolean }> {
  const { duplicate, stored } = await deps.cases.enqueue(caseId, event);
  if (duplicate) return { duplicate };
  if (stored.record.stage === 'closed') {
    const name = `${caseId}-e-${event.id.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 80);
    await deps.signaller.startExecution('exit-report', name, { caseId, generation: freshGeneration(deps.now()) });
  } else if (stored.wakeToken) {
    await deps.signaller.wake(stored.wakeToken.token);
  }
  return { duplicate };
}
