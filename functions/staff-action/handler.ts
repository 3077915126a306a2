import * as z from 'zod';
import { CaseVersionConflict } from '../../adapters/store/table.ts';
import { londonDateOf } from '../../domain/calendar/london.ts';
import { emailAddress } from '../../domain/email-address.ts';
import { EARLY_COMPLETION_REASONS, type Participant } from '../../domain/lifecycle/exit-report-case.ts';
import { openExitReportCase, recomputeDeadlines } from '../../domain/lifecycle/exit-report-lifecycle.ts';
import { resumeEmailProcess, suspendEmailProcess } from '../commons/continuity.ts';
import { deliverEvent } from '../commons/deliver.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { sendNotices } from '../commons/outbox.ts';
import { restartOpenCases } from '../commons/restart.ts';
import { ComplianceActions, complianceAction } from './compliance-actions.ts';
import { isoDate, nino } from './fields.ts';
import { InformationSessionActions, informationSessionAction } from './information-session-actions.ts';
import { MiReturnActions, miReturnAction } from './mi-return-actions.ts';

/**
 * What staff (or an import) tell the system: a referral, a clerical "report sent" confirmation, an early
 * completion, or "restart every open case from its record" (after a definition upgrade). Each repeat has one
 * effect: event ids are built from what was said, not from when.
 */
const caseRef = z
  .object({ caseId: z.string().min(1).optional(), nino: nino.optional() })
  .refine((r) => r.caseId || r.nino, {
    message: 'caseId or nino is required',
  });

export const StaffActionInput = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('refer'),
    participant: z.object({
      nino,
      referralDate: isoDate,
      division: z.enum(['england-and-wales', 'scotland']),
      contract: z.string().min(1),
      scr: z.boolean().default(false),
      subContractor: z.string().nullable().default(null),
      caseworkerEmail: emailAddress,
    }),
  }),
  z.object({
    action: z.literal('confirm-sent'),
    case: caseRef,
    sentDate: isoDate,
    confirmedBy: emailAddress,
  }),
  z.object({
    action: z.literal('early-completion'),
    case: caseRef,
    reason: z.enum(EARLY_COMPLETION_REASONS),
    /** The completion date; for a deceased participant, the date of death (para 11). */
    date: isoDate,
  }),
  z.object({ action: z.literal('restart-open-cases'), tag: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/) }),
  /** Business continuity (paras 85–89): stop using email with Jobcentre Plus, and start again. */
  z.object({
    action: z.literal('suspend-email'),
    reason: z.string().max(500).nullable().default(null),
    expectedResumption: z.string().max(100).nullable().default(null),
  }),
  z.object({ action: z.literal('resume-email') }),
  /** After a bank-holiday refresh (and a restart or redeploy that loads it): count every open case's dates again. */
  z.object({ action: z.literal('recompute-deadlines') }),
  ...InformationSessionActions,
  ...ComplianceActions,
  ...MiReturnActions,
]);
export type StaffActionInput = z.input<typeof StaffActionInput>;

/** Counts every open case's dates again; saves, tells the SPoC lead and wakes the execution where a date moved. */
async function recomputeOpenCases(deps: CaseHandlerDeps): Promise<{ checked: number; changed: number }> {
  let checked = 0;
  let changed = 0;
  for await (const { record } of deps.cases.allCases()) {
    if (record.stage === 'closed') continue;
    checked++;
    for (let attempt = 0; ; attempt++) {
      const { record: current, wakeToken } = await deps.cases.get(record.caseId);
      const { case: next, moved } = recomputeDeadlines(current, deps.now(), deps.config);
      if (moved.length === 0) break;
      try {
        const saved = await deps.cases.save(next, current.version);
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

export class InvalidStaffAction extends Error {
  override name = 'InvalidStaffAction';
}

export class UnknownCase extends Error {
  override name = 'UnknownCase';
}

export function makeStaffActionHandler(deps: CaseHandlerDeps) {
  async function resolveCase(ref: { caseId?: string; nino?: string }): Promise<string> {
    if (ref.caseId) return ref.caseId;
    const cases = await deps.cases.findByNino(ref.nino as string);
    const latest = cases.sort((a, b) => b.participant.referralDate.localeCompare(a.participant.referralDate))[0];
    if (!latest) throw new UnknownCase('No case for that NINO');
    return latest.caseId;
  }

  return async function staffAction(rawInput: unknown): Promise<Record<string, unknown>> {
    const input = StaffActionInput.parse(rawInput);
    const now = deps.now();
    switch (input.action) {
      case 'refer': {
        const participant: Participant = input.participant;
        const { caseId, created } = await deps.cases.createOnce(participant.nino, participant.referralDate, (id) =>
          openExitReportCase(id, participant, now, deps.config),
        );
        if (created) await deps.signaller.startExecution('exit-report', `${caseId}-g0`, { caseId, generation: 0 });
        return { caseId, created };
      }
      case 'confirm-sent': {
        // A report cannot have been sent after today: a date in the future would count as on time.
        const today = londonDateOf(new Date(now));
        if (input.sentDate > today)
          throw new InvalidStaffAction(`The sent date ${input.sentDate} is after today (${today}).`);
        const caseId = await resolveCase(input.case);
        const { duplicate } = await deliverEvent(deps, caseId, {
          id: `confirmed:${input.sentDate}`,
          type: 'report-confirmed-sent',
          sentDate: input.sentDate,
          confirmedBy: input.confirmedBy,
          recordedAt: new Date(now).toISOString(),
        });
        return { caseId, duplicate };
      }
      case 'early-completion': {
        const caseId = await resolveCase(input.case);
        const { duplicate } = await deliverEvent(deps, caseId, {
          id: `early:${input.reason}:${input.date}`,
          type: 'early-completion',
          reason: input.reason,
          date: input.date,
          recordedAt: new Date(now).toISOString(),
        });
        return { caseId, duplicate };
      }
      case 'restart-open-cases':
        // After a definition upgrade: every open case gets a fresh execution planned from its record. Old
        // executions' tokens go stale harmlessly; operators stop them (DEPLOY.md) once the new ones run.
        return { restarted: await restartOpenCases(deps, input.tag) };
      case 'suspend-email':
        return { continuity: await suspendEmailProcess(deps, input) };
      case 'resume-email':
        return { continuity: await resumeEmailProcess(deps) };
      case 'recompute-deadlines':
        return recomputeOpenCases(deps);
      case 'import-information-session-referrals':
      case 'refer-information-session':
      case 'information-session':
        return informationSessionAction(deps, input);
      case 'import-cmo-visits':
      case 'compliance':
        return complianceAction(deps, input);
      case 'record-job-entries':
      case 'open-mi-return':
      case 'mi-return':
        return miReturnAction(deps, input);
    }
  };
}
