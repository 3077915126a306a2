import type { CaseEvent } from '../../domain/lifecycle/exit-report-case.ts';
import type { CaseHandlerDeps } from './ports.ts';

/**
 * Delivers an event to a case: into the record's inbox (one effect per event id, however often it comes),
 * then wakes the execution if it is waiting, or starts one if the case had closed. A token that already
 * ended is harmless: the event waits in the inbox for the next plan.
 */
export async function deliverEvent(
  deps: Pick<CaseHandlerDeps, 'cases' | 'signaller'>,
  caseId: string,
  event: CaseEvent,
): Promise<{ duplicate: boolean }> {
  const { duplicate, stored } = await deps.cases.enqueue(caseId, event);
  if (duplicate) return { duplicate };
  if (stored.record.stage === 'closed') {
    const name = `${caseId}-e-${event.id.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 80);
    await deps.signaller.startExecution('exit-report', name, { caseId, generation: 0 });
  } else if (stored.wakeToken) {
    await deps.signaller.wake(stored.wakeToken.token);
  }
  return { duplicate };
}
