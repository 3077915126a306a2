import * as z from 'zod';
import { emailAddress } from '../../domain/email-address.ts';
import {
  type CaseEvent,
  type ExitReportCase,
  hasOpenRequest,
  type WithdrawalGrounds,
} from '../../domain/exit-report/case.ts';
import { caseRef as caseRefOf } from '../../domain/notices/exit-report-notices.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import {
  deliverToExitReport,
  ExitReportActionRefused,
  type ExitReportDeps,
  exitReportDeps,
  resolveExitReportCase,
} from './exit-report-actions.ts';
import { nino } from './fields.ts';

/**
 * Withdrawing what a form delivered (CPA 18 ch.10 paras 46–50): when a form is destroyed, every case whose open
 * request came from it; when one row had wrong details or was another provider's participant, that one case (the
 * rest of the form continues, para 50). Each case gets a `request-withdrawn` event naming who did it and why.
 */
export const WithdrawalActions = [
  /** Para 49: "delete the relevant participant details from the form": this participant's request is withdrawn. */
  z.object({
    action: z.literal('remove-request-row'),
    case: z
      .object({ caseId: z.string().min(1).optional(), nino: nino.optional() })
      .refine((r) => r.caseId || r.nino, { message: 'caseId or nino is required' }),
    grounds: z.enum(['wrong-details', 'other-provider']),
    reason: z.string().trim().min(1, 'Enter what was agreed with the District SPoC').max(1000),
    by: emailAddress,
  }),
] as const;

type RemoveRowInput = z.infer<(typeof WithdrawalActions)[number]>;

/** The request of the case that came from this message: the one open, or one still waiting in the inbox. */
function requestFrom(record: ExitReportCase, messageId: string): { requestDate: string } | null {
  if (record.request?.messageId === messageId && hasOpenRequest(record)) return record.request;
  const waiting = record.inbox.find((e) => e.type === 'exit-report-request' && e.messageId === messageId);
  return waiting?.type === 'exit-report-request' ? waiting : null;
}

function withdrawal(
  id: string,
  request: { messageId: string; requestDate: string },
  why: { grounds: WithdrawalGrounds; reason: string; by: string },
  now: number,
): CaseEvent {
  return {
    id,
    type: 'request-withdrawn',
    messageId: request.messageId,
    requestDate: request.requestDate,
    grounds: why.grounds,
    reason: why.reason,
    recordedBy: why.by,
    recordedAt: new Date(now).toISOString(),
  };
}

/** Para 49: one participant's row removed from a received form; the case's request is withdrawn. */
export async function removeRequestRow(deps: ExitReportDeps, input: RemoveRowInput): Promise<Record<string, unknown>> {
  const caseId = await resolveExitReportCase(deps, input.case);
  const { record } = await deps.records.get(caseId);
  const request = record.request;
  if (!request || !hasOpenRequest(record)) {
    throw new ExitReportActionRefused(
      `${caseRefOf(caseId)} has no open Exit Report request to remove from its form (${record.stage}).`,
    );
  }
  const event = withdrawal(`withdrawn:${request.requestDate}@${record.cycle}`, request, input, deps.now());
  const { duplicate } = await deliverToExitReport(deps, caseId, event);
  return { caseId, duplicate, eventId: event.id };
}

/**
 * Para 46: a destroyed form's requests are withdrawn from every case it delivered one to (the message outcome's
 * `deliveredTo`), where that request is still the open one. A case whose report already went, or which has a
 * later request, is left as it is and named in the answer.
 */
export async function withdrawDestroyedRequests(
  deps: CaseHandlerDeps,
  message: { key: string; messageId: string | null; deliveredTo: string[] },
  why: { grounds: WithdrawalGrounds; reason: string; by: string },
): Promise<{ withdrawn: string[]; notWithdrawn: Array<{ caseRef: string; why: string }> }> {
  const exitReports = exitReportDeps(deps);
  const withdrawn: string[] = [];
  const notWithdrawn: Array<{ caseRef: string; why: string }> = [];
  if (!message.messageId) return { withdrawn, notWithdrawn };
  for (const caseId of message.deliveredTo) {
    const stored = await exitReports.records.tryGet(caseId);
    if (!stored) continue;
    const request = requestFrom(stored.record, message.messageId);
    if (!request) {
      notWithdrawn.push({
        caseRef: caseRefOf(caseId),
        why: `its open request is not this form's (${stored.record.stage}${stored.record.report ? ', report already sent' : ''})`,
      });
      continue;
    }
    const event = withdrawal(
      `withdrawn:${message.key}`,
      { messageId: message.messageId, requestDate: request.requestDate },
      why,
      deps.now(),
    );
    await deliverToExitReport(exitReports, caseId, event);
    withdrawn.push(caseRefOf(caseId));
  }
  return { withdrawn, notWithdrawn };
}
