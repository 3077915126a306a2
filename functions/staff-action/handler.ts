import * as z from 'zod';
import { EARLY_COMPLETION_REASONS, type Participant } from '../../domain/lifecycle/exit-report-case.ts';
import { openExitReportCase } from '../../domain/lifecycle/exit-report-lifecycle.ts';
import { parseNino } from '../../domain/nino.ts';
import { resumeEmailProcess, suspendEmailProcess } from '../commons/continuity.ts';
import { deliverEvent } from '../commons/deliver.ts';
import type { CaseHandlerDeps } from '../commons/ports.ts';

/**
 * What staff (or an import) tell the system: a referral, a clerical "report sent" confirmation, an early
 * completion, or "restart every open case from its record" (after a definition upgrade). Each repeat has one
 * effect: event ids are built from what was said, not from when.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const nino = z.string().transform((value, ctx) => {
  const result = parseNino(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.reason });
    return z.NEVER;
  }
  return result.nino as string;
});
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
      caseworkerEmail: z.email(),
    }),
  }),
  z.object({
    action: z.literal('confirm-sent'),
    case: caseRef,
    sentDate: isoDate,
    confirmedBy: z.email(),
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
]);
export type StaffActionInput = z.input<typeof StaffActionInput>;

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
      case 'restart-open-cases': {
        // After a definition upgrade: every open case gets a fresh execution planned from its record. Old
        // executions' tokens go stale harmlessly; operators stop them (DEPLOY.md) once the new ones run.
        let restarted = 0;
        for await (const { record } of deps.cases.allCases()) {
          if (record.stage === 'closed' && record.inbox.length === 0) continue;
          await deps.signaller.startExecution('exit-report', `${record.caseId}-${input.tag}`.slice(0, 80), {
            caseId: record.caseId,
            generation: 0,
          });
          restarted++;
        }
        return { restarted };
      }
      case 'suspend-email':
        return { continuity: await suspendEmailProcess(deps, input) };
      case 'resume-email':
        return { continuity: await resumeEmailProcess(deps) };
    }
  };
}
