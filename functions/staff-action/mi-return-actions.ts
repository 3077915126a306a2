import * as z from 'zod';
import { csvToGrid } from '../../adapters/mail-reading/csv-grid.ts';
import { londonDateOf } from '../../domain/calendar/london.ts';
import { emailAddress } from '../../domain/email-address.ts';
import type { MiReturnCase, MiReturnEvent } from '../../domain/mi-return/case.ts';
import { parseJobEntriesCsv } from '../../domain/mi-return/job-entry.ts';
import { openMiReturnCase, whyNotActedOn } from '../../domain/mi-return/lifecycle.ts';
import { deliverToRecord } from '../commons/deliver.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { type OpenedCase, openProcessCase, type ProcessDeps, processDeps } from '../commons/process.ts';
import {
  miReturnConfigFrom,
  miReturnIndexKey,
  miReturnPlanningProcess,
  miReturnReferenceKey,
} from '../commons/processes/mi-return.ts';
import { refuseWhollyRejected } from './import-outcome.ts';

/**
 * Staff actions on the monthly Job Entry MI return (memo 176): job entries recorded (CSV or API), the month's case
 * opened by the schedule, and staff asking for a return to be sent now or a past month refreshed.
 */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

export const MiReturnActions = [
  /** Job entries (NINO, start date, payment group) as CSV: repeats and corrections are told apart. */
  z.object({ action: z.literal('record-job-entries'), csv: z.string().min(1).max(20_000_000) }),
  /** The monthly schedule (EventBridge, or the local runtime's): opens the month's case; a repeat is harmless. */
  z.object({ action: z.literal('open-mi-return'), month: month.optional() }),
  z.object({
    action: z.literal('mi-return'),
    month,
    request: z.enum(['send', 'refresh']),
    by: emailAddress,
    /** Why a past month is sent again (required for a refresh). */
    reason: z.string().trim().min(1).max(500).optional(),
  }),
] as const;

type ActionInput = z.infer<(typeof MiReturnActions)[number]>;

export class InvalidMiReturnAction extends Error {
  override name = 'InvalidStaffAction';
}

export function miReturnDeps(deps: CaseHandlerDeps): ProcessDeps<MiReturnCase, MiReturnEvent> {
  return processDeps(deps, miReturnPlanningProcess);
}

/** Opens the case for a contract's reporting month once and starts its workflow. */
export function openMiReturnMonth(
  deps: ProcessDeps<MiReturnCase, MiReturnEvent>,
  reportingMonth: string,
): Promise<OpenedCase> {
  const reference = miReturnReferenceKey(miReturnConfigFrom(deps.config).contractNumber, reportingMonth);
  return openProcessCase(miReturnPlanningProcess, deps, reference, (caseId, config, now) =>
    openMiReturnCase(caseId, reportingMonth, now, config),
  );
}

export async function miReturnAction(base: CaseHandlerDeps, input: ActionInput): Promise<Record<string, unknown>> {
  const deps = miReturnDeps(base);
  const config = miReturnConfigFrom(deps.config);
  const recordedAt = new Date(deps.now()).toISOString();
  switch (input.action) {
    case 'record-job-entries': {
      const read = parseJobEntriesCsv(input.csv, csvToGrid, { today: londonDateOf(new Date(deps.now())) });
      refuseWhollyRejected('job entries', read.entries.length, read.rejected);
      const stored = await deps.cases.jobEntries().record(config.contractNumber, read.entries, recordedAt);
      return { ...stored, rejected: read.rejected, flagged: read.flagged };
    }
    case 'open-mi-return': {
      const reportingMonth = input.month ?? londonDateOf(new Date(deps.now())).slice(0, 7);
      return { reportingMonth, ...(await openMiReturnMonth(deps, reportingMonth)) };
    }
    case 'mi-return': {
      const found = (await deps.records.findByIndex(miReturnIndexKey(config.contractNumber))).find(
        (c) => c.reportingMonth === input.month,
      );
      // A month the schedule never opened (before the system ran) is opened now, for the request to act on.
      const caseId = found?.caseId ?? (await openMiReturnMonth(deps, input.month)).caseId;
      if (input.request === 'refresh' && !input.reason) {
        throw new InvalidMiReturnAction('A refresh needs a reason (which job entries were corrected).');
      }
      // The same request on the same day is one event (a double click, a retried call).
      const today = londonDateOf(new Date(deps.now()));
      const event: MiReturnEvent =
        input.request === 'send'
          ? { id: `send-requested:${today}:${input.by}`, type: 'send-requested', requestedBy: input.by, recordedAt }
          : {
              id: `refresh-requested:${today}:${input.by}:${(input.reason as string).slice(0, 40)}`,
              type: 'refresh-requested',
              requestedBy: input.by,
              reason: input.reason as string,
              recordedAt,
            };
      const { record } = await deps.records.get(caseId);
      // Kept and flagged, never dropped; the person asking is told at once, too.
      const notActedOn = record.appliedEventIds.includes(event.id) ? null : whyNotActedOn(record, event);
      const { duplicate } = await deliverToRecord(deps, deps.records, miReturnPlanningProcess.id, caseId, event);
      return { caseId, eventId: event.id, duplicate, ...(notActedOn ? { notActedOn } : {}) };
    }
  }
}
