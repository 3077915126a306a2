import type { NoticeIntentOf } from '../../domain/lifecycle/plan.ts';
import { freshGeneration } from './deliver.ts';
import type { CaseHandlerDeps } from './deps.ts';
import { sendRenderedNotices } from './outbox.ts';
import type { ProcessRecord } from './process.ts';
import { processes } from './processes/index.ts';

/**
 * One fresh execution per open case of every process, planned from its record: after a restart of the local
 * system, or after a definition upgrade in AWS. Old executions' tokens go stale harmlessly. A case whose opening
 * was cut short (made, but stopped before its opening notices went and before any execution reached it) has
 * those notices sent first, as a repeat of the opening would (each claimed before it is sent: at most once):
 * the fresh execution's first step would otherwise make the repeat think the opening had finished.
 */
export async function restartOpenCases(
  deps: Pick<CaseHandlerDeps, 'cases' | 'signaller' | 'now' | 'config' | 'mailer' | 'composeNotice' | 'continuity'>,
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
    for await (const { record, wakeToken } of deps.cases.recordsOf(process.kind).all()) {
      // A closed case may still have a task to chase: its plan says so; one execution finds out and ends.
      const config = process.configFrom(deps.config);
      if (process.plan(record, deps.now(), deps.now(), config).next === 'end') continue;
      const opening = (record as ProcessRecord).lastNotices as NoticeIntentOf<string>[] | undefined;
      if (record.version === 0 && wakeToken === null && opening?.length) {
        await sendRenderedNotices(deps, opening, (intent) =>
          (process.render as (i: unknown, c: unknown, r: unknown) => ReturnType<typeof process.render>)(
            intent,
            deps.config,
            record,
          ),
        );
      }
      await start(process.id, record.caseId);
    }
  }
  return restarted;
}
