import { createHash } from 'node:crypto';
import * as z from 'zod';
import { exitReportIndexKey, exitReportReferenceKey } from '../../adapters/store/exit-report-records.ts';
import { CaseVersionConflict } from '../../adapters/store/table.ts';
import { londonDateOf } from '../../domain/calendar/london.ts';
import { computeDeadline } from '../../domain/deadlines/rules.ts';
import { emailAddress } from '../../domain/email-address.ts';
import type { CaseEvent, ExitReportCase, Participant } from '../../domain/exit-report/case.ts';
import { DISTRICT_CALL_REASONS, hasOpenRequest } from '../../domain/exit-report/case.ts';
import { clericalRequestEvent, clericalRequestRefusal } from '../../domain/exit-report/clerical.ts';
import { openExitReportCase, recomputeDeadlines } from '../../domain/exit-report/lifecycle.ts';
import {
  checkPackageSize,
  expectedArrival,
  packageManifest,
  type ReportPackage,
} from '../../domain/exit-report/package.ts';
import { participantCopyRefusal } from '../../domain/exit-report/participant-copy.ts';
import { isEmailSuspended } from '../../domain/mail/business-continuity.ts';
import { caseRef as caseRefOf } from '../../domain/notices/exit-report-notices.ts';
import { deliverToRecord } from '../commons/deliver.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { sendNotices } from '../commons/outbox.ts';
import { openProcessCase, type ProcessDeps } from '../commons/process.ts';
import { exitReportProcess } from '../commons/processes/exit-report.ts';
import { epochSecondsOfEndOf } from '../commons/processes/exit-report-sender.ts';
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
  /**
   * Reports posted together to one District (paras 66–67, memo 115): first class or by courier, at most 49 per
   * package; each case is judged on the package's expected arrival. Answers with the printable manifest.
   */
  z.object({
    action: z.literal('post-package'),
    district: z.string().trim().min(1).max(200),
    returnAddress: z.string().trim().min(1).max(500),
    method: z.enum(['first-class', 'courier']),
    postedDate: isoDate,
    /** By courier: the delivery date the courier gives. */
    courierDelivery: isoDate.nullable().default(null),
    postedBy: emailAddress,
    cases: z.array(caseRef).min(1),
  }),
  /** A request row sent to the wrong sub-contractor (para 44): it is emailed to delete the record. */
  z.object({
    action: z.literal('sub-contractor-misdirected'),
    case: caseRef,
    subContractor: z.string().trim().min(1),
    recordedBy: emailAddress,
  }),
  /** The outcome of a call to the District SPoC (paras 39, 45, 50), recorded on the case it concerns. */
  z.object({
    action: z.literal('district-call'),
    case: caseRef,
    reason: z.enum(DISTRICT_CALL_REASONS),
    calledOn: isoDate,
    outcome: z.string().trim().min(1).max(1000),
    recordedBy: emailAddress,
  }),
  /** A report sent to the wrong District (paras 74–75): sent to the correct one, the incident reported. */
  z.object({
    action: z.literal('wrong-district'),
    case: caseRef,
    correctDistrict: z.string().trim().min(1).max(200),
    /** The correct District SPoC's designated inbox (an emailed report is re-sent there); null: by post. */
    correctReturnEmail: emailAddress.nullable().default(null),
    recordedBy: emailAddress,
  }),
  /** The participant's copy (paras 63–64): given (and how), or told of the right; for email or post, the risks. */
  z.object({
    action: z.literal('participant-copy'),
    case: caseRef,
    offer: z.enum(['copy-given', 'told-of-right']),
    how: z.enum(['face-to-face', 'collected', 'emailed', 'posted']).nullable().default(null),
    toldOfRisks: z.boolean().default(false),
    recordedBy: emailAddress,
  }),
  /** Jobcentre Plus's receipt of a posted report, when known (a recorded delivery, or the District says). */
  z.object({
    action: z.literal('record-receipt'),
    case: caseRef,
    receivedDate: isoDate,
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
  const { subContractor } = participant;
  if (subContractor !== null && !deps.config.subContractors.some((s) => s.id === subContractor)) {
    throw new ExitReportActionRefused(
      `Sub-contractor ${subContractor} is not configured (subContractors in the provider configuration): its designated inbox is needed to forward its participants' requests (para 43).`,
    );
  }
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
  switch (input.action) {
    case 'clerical-request':
      return clericalRequest(deps, input);
    case 'post-package':
      return postPackage(deps, input);
    case 'participant-copy': {
      const refusal = participantCopyRefusal(input);
      if (refusal) throw new ExitReportActionRefused(refusal);
      const now = deps.now();
      const caseId = await resolveExitReportCase(deps, input.case);
      const { record } = await deps.records.get(caseId);
      const { offer, how, toldOfRisks, recordedBy } = input;
      const { duplicate } = await deliverToExitReport(deps, caseId, {
        id: `copy:${offer}:${how ?? 'none'}@${record.cycle}`,
        type: 'participant-copy-recorded',
        offer,
        how,
        toldOfRisks,
        recordedBy,
        recordedAt: new Date(now).toISOString(),
      });
      return { caseId, duplicate };
    }
    case 'district-call':
    case 'wrong-district': {
      const now = deps.now();
      const caseId = await resolveExitReportCase(deps, input.case);
      const recordedAt = new Date(now).toISOString();
      const event: CaseEvent =
        input.action === 'district-call'
          ? {
              id: `call:${input.reason}:${input.calledOn}`,
              type: 'district-call',
              reason: input.reason,
              calledOn: input.calledOn,
              outcome: input.outcome,
              recordedBy: input.recordedBy,
              recordedAt,
            }
          : {
              id: `wrong-district:${input.correctDistrict}`,
              type: 'wrong-district',
              correctDistrict: input.correctDistrict,
              correctReturnEmail: input.correctReturnEmail,
              recordedBy: input.recordedBy,
              recordedAt,
            };
      const { duplicate } = await deliverToExitReport(deps, caseId, event);
      return { caseId, duplicate, eventId: event.id };
    }
    case 'sub-contractor-misdirected': {
      if (!deps.config.subContractors.some((s) => s.id === input.subContractor)) {
        throw new ExitReportActionRefused(
          `${input.subContractor} is not a configured sub-contractor (${deps.config.subContractors.map((s) => s.id).join(', ') || 'none configured'}).`,
        );
      }
      const now = deps.now();
      const caseId = await resolveExitReportCase(deps, input.case);
      const { record } = await deps.records.get(caseId);
      const { duplicate } = await deliverToExitReport(deps, caseId, {
        id: `misdirected:${input.subContractor}@${record.cycle}`,
        type: 'sub-contractor-misdirected',
        subContractor: input.subContractor,
        recordedBy: input.recordedBy,
        recordedAt: new Date(now).toISOString(),
      });
      return { caseId, duplicate };
    }
    case 'record-receipt': {
      const now = deps.now();
      const today = londonDateOf(new Date(now));
      if (input.receivedDate > today) {
        throw new ExitReportActionRefused(`The received date ${input.receivedDate} is after today (${today}).`);
      }
      const caseId = await resolveExitReportCase(deps, input.case);
      const { record } = await deps.records.get(caseId);
      const posting = record.report?.posting;
      if (!posting) throw new ExitReportActionRefused('This case has no posted Exit Report to record a receipt for.');
      if (input.receivedDate < (record.report?.sentDate ?? input.receivedDate)) {
        throw new ExitReportActionRefused(
          `The received date ${input.receivedDate} is before the report was posted (${record.report?.sentDate}).`,
        );
      }
      const { duplicate } = await deliverToExitReport(deps, caseId, {
        id: `received:${input.receivedDate}`,
        type: 'report-receipt-recorded',
        receivedDate: input.receivedDate,
        recordedBy: input.recordedBy,
        recordedAt: new Date(now).toISOString(),
      });
      return { caseId, duplicate };
    }
  }
}

async function postPackage(
  deps: ExitReportDeps,
  input: Extract<ActionInput, { action: 'post-package' }>,
): Promise<Record<string, unknown>> {
  const now = deps.now();
  checkPackageSize(input.cases.length);
  const today = londonDateOf(new Date(now));
  if (input.postedDate > today) {
    throw new ExitReportActionRefused(`The posting date ${input.postedDate} is after today (${today}).`);
  }
  // Every report is checked before any is recorded: a package is recorded whole or not at all.
  const records: ExitReportCase[] = [];
  for (const ref of input.cases) {
    const { record } = await deps.records.get(await resolveExitReportCase(deps, ref));
    if (records.some((r) => r.caseId === record.caseId)) {
      throw new ExitReportActionRefused(`${caseRefOf(record.caseId)} is listed twice in the package.`);
    }
    if (!hasOpenRequest(record)) {
      throw new ExitReportActionRefused(
        `${caseRefOf(record.caseId)} has no open Exit Report request (${record.stage}).`,
      );
    }
    const district = record.request?.clerical?.district;
    if (district && district !== input.district) {
      throw new ExitReportActionRefused(
        `${caseRefOf(record.caseId)} was requested by ${district}: its report goes in a package to that District, not ${input.district}.`,
      );
    }
    records.push(record);
  }
  const arrivals = records.map((r) =>
    expectedArrival(input.method, input.postedDate, input.courierDelivery, r.participant.division),
  );
  const packageId = `PKG-${input.postedDate}-${createHash('sha256')
    .update([input.district, input.method, ...records.map((r) => r.caseId).sort()].join('\n'))
    .digest('hex')
    .slice(0, 8)
    .toUpperCase()}`;
  const pkg: ReportPackage = {
    packageId,
    district: input.district,
    returnAddress: input.returnAddress,
    method: input.method,
    postedDate: input.postedDate,
    expectedArrival: arrivals.reduce((a, b) => (a > b ? a : b)),
    postedBy: input.postedBy,
    reports: records.map((r) => ({ caseRef: caseRefOf(r.caseId), nino: r.participant.nino, scr: r.participant.scr })),
  };
  const retention = computeDeadline('retention', input.postedDate);
  const expiresAt = epochSecondsOfEndOf(retention.due);
  await deps.cases.putCaseAttachment(`package-${packageId}`, 'MANIFEST', { ...pkg }, expiresAt);
  const recordedAt = new Date(now).toISOString();
  for (const [i, record] of records.entries()) {
    const posting = { method: input.method, expectedArrival: arrivals[i] as string, packageId };
    // The copy record kept three months from sending, like an emailed report's (para 65).
    await deps.cases.putCaseAttachment(
      record.caseId,
      `REPORT#${record.cycle}`,
      { route: 'clerical', ...posting, postedDate: input.postedDate, postedBy: input.postedBy, sentAt: recordedAt },
      expiresAt,
    );
    await deliverToExitReport(deps, record.caseId, {
      id: `posted:${packageId}`,
      type: 'report-confirmed-sent',
      sentDate: input.postedDate,
      confirmedBy: input.postedBy,
      recordedAt,
      posting,
    });
  }
  return { packageId, reports: records.length, expectedArrival: pkg.expectedArrival, manifest: packageManifest(pkg) };
}

async function clericalRequest(
  deps: ExitReportDeps,
  input: Extract<ActionInput, { action: 'clerical-request' }>,
): Promise<Record<string, unknown>> {
  const now = deps.now();
  const caseId = await resolveExitReportCase(deps, input.case);
  const { record } = await deps.records.get(caseId);
  const today = londonDateOf(new Date(now));
  const refusal = clericalRequestRefusal(
    record.participant,
    isEmailSuspended(await deps.cases.getContinuity()),
    input,
    today,
    deps.config.emailRequestsFrom ?? null,
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
