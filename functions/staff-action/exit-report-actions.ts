import * as z from 'zod';
import { exitReportIndexKey, exitReportReferenceKey } from '../../adapters/store/exit-report-records.ts';
import { CaseVersionConflict } from '../../adapters/store/table.ts';
import { londonDateOf } from '../../domain/calendar/london.ts';
import { emailAddress } from '../../domain/email-address.ts';
import type { CaseEvent, ExitReportCase, Participant } from '../../domain/exit-report/case.ts';
import { clericalRequestEvent, clericalRequestRefusal } from '../../domain/exit-report/clerical.ts';
import { openExitReportCase, recomputeDeadlines } from '../../domain/exit-report/lifecycle.ts';
import { isEmailSuspended } from '../../domain/mail/business-continuity.ts';
import { deliverToRecord } from '../commons/deliver.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { sendNotices } from '../commons/outbox.ts';
import { openProcessCase, type ProcessDeps } from '../commons/process.ts';
import { exitReportProcess } from '../commons/processes/exit-report.ts';
import { isoDate, nino } from './fields.ts';

const caseRef = z
  .object({ caseId: z.string().min(1).optional(), nino: nino.optional() })
  .refine((r) => r.caseId || r.nino, { message: 'caseId or nino is required' });

/** Exit Report staff actions beyond the referral and the clerical "sent" (handler.ts has those). */
export const ExitReportActions = [
  /**
   * A clerical WPER2 (paras 31–33, 66–67, 87): every SCR participant's request, and anyone's while email is
   * suspended. Starts the same 10-working-day cycle as a WPER2E.
   */
  z.object({
    action: z.literal('clerical-request'),
    case: caseRef,
    requestDate: isoDate,
    /** The report return deadline printed on the WPER2. */
    printedDeadline: isoDate,
    district: z.string().trim().min(1).max(200),
    returnAddress: z.string().trim().min(1).max(500),
    recordedBy: emailAddress,
  }),
] as const;

type ActionInput = z.infer<(typeof ExitReportActions)[number]>;

export class ExitReportActionRefused extends Error {
  override name = 'ExitReportActionRefused';
}

/**
 * Staff actions on Exit Report cases: a referral, an event staff record (a clerical "report sent", an early
 * completion), the dates counted again after a bank-holiday refresh. The same seam as the later processes: the
 * records are `recordsOf` the Exit Report kind, events go in by `deliverToRecord`.
 */
export type ExitReportDeps = ProcessDeps<ExitReportCase, CaseEvent> & Pick<CaseHandlerDeps, 'renderNotice'>;

export function exitReportDeps(deps: CaseHandlerDeps): ExitReportDeps {
  return { ...deps, records: deps.cases.recordsOf(exitReportProcess.kind) };
}

export class UnknownCase extends Error {
  override name = 'UnknownCase';
}

/** Opens the Exit Report case for a referral once and starts its workflow. */
export function referExitReport(
  deps: ExitReportDeps,
  participant: Participant,
): Promise<{ caseId: string; created: boolean }> {
  const now = deps.now();
  return openProcessCase(
    exitReportProcess,
    deps,
    exitReportReferenceKey(participant.nino, participant.referralDate),
    (caseId, config) => ({ case: openExitReportCase(caseId, participant, now, config), notices: [], metrics: [] }),
  );
}

/** Delivers an event to an Exit Report case (the one delivery path every process takes). */
export function deliverToExitReport(
  deps: ExitReportDeps,
  caseId: string,
  event: CaseEvent,
): Promise<{ duplicate: boolean }> {
  return deliverToRecord(deps, deps.records, exitReportProcess.id, caseId, event);
}

/** The case a staff action names: by id, or the participant's latest referral. */
export async function resolveExitReportCase(
  deps: ExitReportDeps,
  ref: { caseId?: string; nino?: string },
): Promise<string> {
  if (ref.caseId) return ref.caseId;
  const cases = await deps.records.findByIndex(exitReportIndexKey(ref.nino as string));
  const latest = cases.sort((a, b) => b.participant.referralDate.localeCompare(a.participant.referralDate))[0];
  if (!latest) throw new UnknownCase('No case for that NINO');
  return latest.caseId;
}

/** One of ExitReportActions, through the one delivery path. */
export async function exitReportAction(deps: ExitReportDeps, input: ActionInput): Promise<Record<string, unknown>> {
  const now = deps.now();
  const caseId = await resolveExitReportCase(deps, input.case);
  const { record } = await deps.records.get(caseId);
  const today = londonDateOf(new Date(now));
  const refusal = clericalRequestRefusal(
    record.participant,
    isEmailSuspended(await deps.cases.getContinuity()),
    input,
    today,
  );
  if (refusal) throw new ExitReportActionRefused(refusal);
  const event = clericalRequestEvent({ ...input, recordedAt: new Date(now).toISOString() });
  const { duplicate } = await deliverToExitReport(deps, caseId, event);
  return { caseId, duplicate, eventId: event.id };
}

/** Counts every open case's dates again; saves, tells the SPoC lead and wakes the execution where a date moved. */
export async function recomputeOpenCases(deps: ExitReportDeps): Promise<{ checked: number; changed: number }> {
  let checked = 0;
  let changed = 0;
  for await (const { record } of deps.records.all()) {
    if (record.stage === 'closed') continue;
    checked++;
    for (let attempt = 0; ; attempt++) {
      const { record: current, wakeToken } = await deps.records.get(record.caseId);
      const { case: next, moved } = recomputeDeadlines(current, deps.now(), deps.config);
      if (moved.length === 0) break;
      try {
        const saved = await deps.records.save(next, current.version);
        await sendNotices(
          deps,
          [
            {
              intentId: `${current.caseId}:deadlines-recomputed:${saved.version}`,
              kind: 'deadlines-recomputed',
              to: [deps.config.provider.spocLeadAddress, current.participant.caseworkerEmail],
              facts: { moved },
            },
          ],
          saved,
        );
        if (wakeToken) await deps.signaller.wake(wakeToken.token);
        changed++;
        break;
      } catch (err) {
        if (err instanceof CaseVersionConflict && attempt < 10) continue;
        throw err;
      }
    }
  }
  return { checked, changed };
}
