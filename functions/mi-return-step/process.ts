import { createHash } from 'node:crypto';
import {
  buildMiReturnWorkbook,
  checkMiReturnWorkbook,
  composeMiReturnEmail,
} from '../../adapters/mi-return/workbook.ts';
import type { MiReturnCase, MiReturnEvent } from '../../domain/mi-return/case.ts';
import {
  applyEvent,
  type DueTimer,
  type MiReturnLifecycleConfig,
  type MiReturnNoticeIntent,
  returnSentEvent,
  sendFailedEvent,
  sendStepOf,
  type Transition,
} from '../../domain/mi-return/lifecycle.ts';
import { buildMiReturn } from '../../domain/mi-return/return.ts';
import { MailUnavailable, sendOnce } from '../commons/outbox.ts';
import type { LifecycleProcess, ProcessDeps } from '../commons/process.ts';
import { miReturnPlanningProcess } from '../commons/processes/mi-return.ts';

/**
 * The build-and-send step: the return built from the job entries as they stand, the workbook checked on
 * read-back, then emailed under the attempt's intent id (claimed before sending: a retried step sends nothing).
 * A check that fails, or a mail service that refuses for good, is a failed attempt: staff are alerted. A
 * transient mail failure throws, and the workflow retries the step with backoff.
 */
async function buildAndSend(
  c: MiReturnCase,
  now: number,
  config: MiReturnLifecycleConfig,
  deps: ProcessDeps<MiReturnCase, MiReturnEvent>,
): Promise<Transition> {
  const step = sendStepOf(c);
  if (!step) return { case: c, notices: [], metrics: [] };
  const at = new Date(now).toISOString();
  const entries = await deps.cases.jobEntries().list(c.contractNumber);
  const miReturn = buildMiReturn({
    entries,
    reportingMonth: c.reportingMonth,
    contractNumber: c.contractNumber,
    providerName: c.providerName,
    firstMonth: config.firstMonth,
    division: config.division,
  });
  const workbook = await buildMiReturnWorkbook(miReturn);
  const problems = await checkMiReturnWorkbook(workbook, miReturn);
  const outcome = (event: MiReturnEvent) => applyEvent(c, event, now, config);
  if (problems.length > 0) {
    return outcome(sendFailedEvent(step, { at, reason: `The workbook failed its check: ${problems.join('; ')}` }));
  }
  const digest = createHash('sha256').update(JSON.stringify(miReturn.sheets)).digest('hex').slice(0, 16);
  let result: { sent: boolean; messageId: string | null };
  try {
    result = await sendOnce(deps, step.intentId, async () => ({
      raw: await composeMiReturnEmail({ miReturn, config, workbook, date: new Date(now) }),
      from: config.fromAddress,
      to: [config.miReturnsAddress, config.performanceManagerAddress],
    }));
  } catch (err) {
    if (err instanceof MailUnavailable) throw err;
    return outcome(
      sendFailedEvent(step, { at, reason: `The mail service refused the return: ${(err as Error).message}` }),
    );
  }
  const messageId = result.messageId ?? (await deps.cases.sentMessageId(step.intentId));
  if (messageId === null) {
    // Claimed before, with no message id after: the step died between the two. Nobody knows if it went.
    return outcome(
      sendFailedEvent(step, {
        at,
        reason:
          'An earlier try stopped between claiming the send and recording it: check the sent items before asking for it again.',
      }),
    );
  }
  return outcome(
    returnSentEvent(step, {
      sentAt: at,
      messageId,
      fileName: miReturn.fileName,
      // The month's own job entries: the workbook carries every month, the notice speaks of this one.
      entriesCount: entries.filter((e) => e.startDate.startsWith(`${c.reportingMonth}-`)).length,
      digest,
    }),
  );
}

/** The monthly Job Entry MI return (memo 176) as the workflow's step function drives it, build-and-send included. */
export const miReturnProcess: LifecycleProcess<
  MiReturnCase,
  MiReturnEvent,
  MiReturnLifecycleConfig,
  MiReturnNoticeIntent
> = {
  ...miReturnPlanningProcess,
  step(record, plan, now, config, deps) {
    if (plan.next === 'timer-due' && (plan.timer as DueTimer).kind === 'build-and-send') {
      return buildAndSend(record, now, config, deps);
    }
    return miReturnPlanningProcess.step(record, plan, now, config, deps);
  },
};
