import { freshGeneration } from './deliver.ts';
import type { CaseHandlerDeps } from './deps.ts';
import { processes } from './processes/index.ts';

/**
 * One fresh execution per open case of every process, planned from its record: after a restart of the local
 * system, or after a definition upgrade in AWS. Old executions' tokens go stale harmlessly.
 */
export async function restartOpenCases(
  deps: Pick<CaseHandlerDeps, 'cases' | 'signaller' | 'now' | 'config'>,
  suffix: string,
): Promise<number> {
  let restarted = 0;
  const start = async (workflowId: string, caseId: string) => {
    await deps.signaller.startExecution(workflowId, `${caseId}-${suffix}`.slice(0, 80), {
      caseId,
      generation: freshGeneration(deps.now()),
    });
    restarted++;
  };
  for (const process of processes) {
    for await (const { record } of deps.cases.recordsOf(process.kind).all()) {
      // A closed case may still have a task to chase: its plan says so; one execution finds out and ends.
      const config = process.configFrom(deps.config);
      if (process.plan(record, deps.now(), deps.now(), config).next === 'end') continue;
      await start(process.id, record.caseId);
    }
  }
  return restarted;
}
