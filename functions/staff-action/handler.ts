import * as z from 'zod';
import { londonDateOf } from '../../domain/calendar/london.ts';
import { emailAddress } from '../../domain/email-address.ts';
import { EARLY_COMPLETION_REASONS, type Participant } from '../../domain/exit-report/case.ts';
import { resumeEmailProcess, suspendEmailProcess, updateEmailSuspension } from '../commons/continuity.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { restartOpenCases } from '../commons/restart.ts';
import { ComplianceActions, complianceAction } from './compliance-actions.ts';
import {
  deliverToExitReport,
  ExitReportActions,
  exitReportAction,
  exitReportDeps,
  recomputeOpenCases,
  referExitReport,
  resolveExitReportCase,
} from './exit-report-actions.ts';
import { removeRequestRow, WithdrawalActions } from './exit-report-withdrawal.ts';
import { isoDate, nino } from './fields.ts';
import { InboundMailActions, inboundMailAction } from './inbound-mail-actions.ts';
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

/** How long an email outage is expected to last, in hours (para 87): 48 or more switches to clerical at once. */
const expectedHours = z
  .number()
  .positive()
  .max(24 * 366)
  .nullable()
  .default(null);

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
    /** Who switched email off, as signed in (the console) or as given (`wp email suspend --by`). */
    by: emailAddress,
    reason: z.string().max(500).nullable().default(null),
    expectedResumption: z.string().max(100).nullable().default(null),
    expectedHours,
  }),
  /** Keep Work Programme Division informed (para 87): a new expectation of how long the outage lasts. */
  z.object({
    action: z.literal('update-email-suspension'),
    by: emailAddress,
    expectedResumption: z.string().max(100).nullable().default(null),
    expectedHours,
  }),
  z.object({ action: z.literal('resume-email'), by: emailAddress }),
  /** After a bank-holiday refresh (and a restart or redeploy that loads it): count every open case's dates again. */
  z.object({ action: z.literal('recompute-deadlines') }),
  ...ExitReportActions,
  ...WithdrawalActions,
  ...InformationSessionActions,
  ...ComplianceActions,
  ...MiReturnActions,
  ...InboundMailActions,
]);
export type StaffActionInput = z.input<typeof StaffActionInput>;

export { UnknownCase } from './exit-report-actions.ts';

export class InvalidStaffAction extends Error {
  override name = 'InvalidStaffAction';
}

export function makeStaffActionHandler(deps: CaseHandlerDeps) {
  const exitReports = exitReportDeps(deps);

  return async function staffAction(rawInput: unknown): Promise<Record<string, unknown>> {
    const input = StaffActionInput.parse(rawInput);
    const now = deps.now();
    switch (input.action) {
      case 'refer': {
        const participant: Participant = input.participant;
        return referExitReport(exitReports, participant);
      }
      case 'confirm-sent': {
        // A report cannot have been sent after today: a date in the future would count as on time.
        const today = londonDateOf(new Date(now));
        if (input.sentDate > today)
          throw new InvalidStaffAction(`The sent date ${input.sentDate} is after today (${today}).`);
        const caseId = await resolveExitReportCase(exitReports, input.case);
        const { duplicate } = await deliverToExitReport(exitReports, caseId, {
          id: `confirmed:${input.sentDate}`,
          type: 'report-confirmed-sent',
          sentDate: input.sentDate,
          confirmedBy: input.confirmedBy,
          recordedAt: new Date(now).toISOString(),
        });
        return { caseId, duplicate };
      }
      case 'early-completion': {
        const caseId = await resolveExitReportCase(exitReports, input.case);
        const { duplicate } = await deliverToExitReport(exitReports, caseId, {
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
      case 'update-email-suspension':
        return { continuity: await updateEmailSuspension(deps, input) };
      case 'resume-email':
        return { continuity: await resumeEmailProcess(deps, input.by) };
      case 'recompute-deadlines':
        return recomputeOpenCases(exitReports);
      case 'clerical-request':
      case 'post-package':
      case 'record-receipt':
      case 'sub-contractor-misdirected':
      case 'district-call':
      case 'wrong-district':
      case 'participant-copy':
        return exitReportAction(exitReports, input);
      case 'remove-request-row':
        return removeRequestRow(exitReports, input);
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
      case 'destroy-inbound-message':
        return inboundMailAction(deps, input);
    }
  };
}
