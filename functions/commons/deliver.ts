import type { LifecycleRecord, RecordStore } from '../../adapters/store/record-store.ts';
import type { CaseHandlerDeps } from './deps.ts';

/**
 * The generation a fresh execution of a case starts from when it is not the case's first: the time in seconds.
 * Hand-overs count on from it (`<case>-g<n+1>`), so they can never take a name the case's earlier executions
 * used (a name reused with another input is refused by Step Functions, and the case would be left with none).
 */
export function freshGeneration(now: number): number {
  return Math.floor(now / 1000);
}

/**
 * Delivers an event to a process's case: into the record's inbox (one effect per event id, however often it
 * comes), then wakes the execution if it is waiting, or starts one if the case had closed. A token that already
 * ended is harmless: the event waits in the inbox for the next plan. A repeat of an event still waiting in the
 * inbox wakes again (the first delivery may have died before it woke anything); a repeat of an applied event
 * changes nothing but the audit.
 */
export async function deliverToRecord<R extends LifecycleRecord, E extends { id: string }>(
  deps: Pick<CaseHandlerDeps, 'signaller' | 'now'>,
  records: RecordStore<R, E>,
  workflowId: string,
  caseId: string,
  event: E,
): Promise<{ duplicate: boolean }> {
  const { duplicate, stored } = await records.enqueue(caseId, event);
  const pending = stored.record.inbox.some((e) => e.id === event.id);
  if (duplicate && !pending) {
    await records.auditRepeat(caseId, event.id, new Date(deps.now()).toISOString());
    return { duplicate };
  }
  if (stored.record.stage === 'closed') {
    const name = `${caseId}-e-${event.id.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 80);
    await deps.signaller.startExecution(workflowId, name, { caseId, generation: freshGeneration(deps.now()) });
  } else if (stored.wakeToken) {
    await deps.signaller.wake(stored.wakeToken.token);
  }
  return { duplicate };
}
