import { createHash } from 'node:crypto';
import * as z from 'zod';
import { csvToGrid } from '../../adapters/mail-reading/csv-grid.ts';
import type { RecordStore } from '../../adapters/store/record-store.ts';
import { isWeekend, parseIsoDate, weekdayOf } from '../../domain/calendar/dates.ts';
import { formatLongDate, londonDateOf } from '../../domain/calendar/london.ts';
import type { ComplianceCase, ComplianceEvent } from '../../domain/compliance/case.ts';
import { openComplianceVisit, whyNotActedOn } from '../../domain/compliance/lifecycle.ts';
import { type CmoVisit, parseVisitsCsv } from '../../domain/compliance/visit.ts';
import { emailAddress } from '../../domain/email-address.ts';
import { afterToday, beforeStart } from '../../domain/person-date.ts';
import { deliverToRecord } from '../commons/deliver.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { latestCaseId, type OpenedCase, openProcessCase, type ProcessDeps, processDeps } from '../commons/process.ts';
import { complianceIndexKey, complianceProcess, complianceReferenceKey } from '../commons/processes/compliance.ts';
import { isoDate } from './fields.ts';
import { refuseWhollyRejected } from './import-outcome.ts';

/**
 * Staff actions on the compliance handover (memo 147): import CMO visits with their ESF2a actions, and record
 * what happens to them (evidence, progress notes, the provider's own resolution, the CMO's handover with the
 * actual selection, the ESF3 report, the PM visit and its review). Event ids come from what was said, so a
 * repeat has one effect.
 */
const text = z.string().trim().min(1).max(2000);
const visitRef = z
  .object({ caseId: z.string().startsWith('cv-').optional(), visitRef: z.string().min(1).max(100).optional() })
  .refine((r) => r.caseId || r.visitRef, { message: 'caseId or visitRef is required' });

export const ComplianceFact = z.discriminatedUnion('type', [
  z.object({ type: z.literal('evidence-recorded'), reference: z.string().min(1), note: text }),
  z.object({ type: z.literal('progress-note'), reference: z.string().min(1), by: emailAddress, note: text }),
  z.object({ type: z.literal('provider-resolved'), reference: z.string().min(1), note: text }),
  z.object({ type: z.literal('cmo-handover'), selected: z.array(z.string().min(1)).max(200) }),
  z.object({ type: z.literal('esf3-received'), receivedDate: isoDate }),
  z.object({ type: z.literal('pm-visit-arranged'), visitDate: isoDate }),
  z.object({
    type: z.literal('pm-review'),
    visitDate: isoDate,
    outcomes: z
      .array(
        z.object({
          reference: z.string().min(1),
          outcome: z.enum(['resolved', 'unresolved']),
          note: z.string().max(2000).optional(),
        }),
      )
      .min(1),
  }),
]);
export type ComplianceFact = z.infer<typeof ComplianceFact>;

export const ComplianceActions = [
  /** CMO visits as CSV (one row per ESF2a): every visit opened once; unreadable rows reported, not guessed. */
  z.object({ action: z.literal('import-cmo-visits'), csv: z.string().min(1).max(5_000_000) }),
  z.object({ action: z.literal('compliance'), visit: visitRef, fact: ComplianceFact }),
] as const;

type ActionInput = z.infer<(typeof ComplianceActions)[number]>;

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** The event a fact becomes; its id is built from what was said (the same fact twice is one event). */
export function complianceEventOf(fact: ComplianceFact, at: string): ComplianceEvent {
  switch (fact.type) {
    case 'evidence-recorded':
      return { id: `evidence:${fact.reference}:${digest(fact.note)}`, ...fact, recordedAt: at };
    case 'progress-note':
      return { id: `note:${fact.reference}:${digest([fact.by, fact.note])}`, ...fact, at };
    case 'provider-resolved':
      return { id: `provider-resolved:${fact.reference}`, ...fact, at };
    case 'cmo-handover':
      return { id: `handover:${digest([...fact.selected].sort())}`, ...fact, receivedAt: at };
    case 'esf3-received':
      return { id: `esf3:${fact.receivedDate}`, ...fact, receivedAt: at };
    case 'pm-visit-arranged':
      return { id: `pm-visit:${fact.visitDate}`, ...fact, recordedAt: at };
    case 'pm-review':
      return {
        id: `pm-review:${fact.visitDate}:${digest(fact.outcomes)}`,
        type: 'pm-review',
        visitDate: fact.visitDate,
        recordedAt: at,
        outcomes: fact.outcomes.map((o) => ({
          reference: o.reference,
          outcome: o.outcome,
          ...(o.note ? { note: o.note } : {}),
        })),
      };
  }
}

export function complianceDeps(deps: CaseHandlerDeps): ProcessDeps<ComplianceCase, ComplianceEvent> {
  return processDeps(deps, complianceProcess);
}

/** Opens the case for a CMO visit once and starts its workflow. */
export function recordCmoVisit(
  deps: ProcessDeps<ComplianceCase, ComplianceEvent>,
  visit: CmoVisit,
): Promise<OpenedCase> {
  const reference = complianceReferenceKey(visit.contract, visit.visitRef);
  return openProcessCase(complianceProcess, deps, reference, (caseId, config, now) =>
    openComplianceVisit(caseId, visit, now, config),
  );
}

const weekdayName = (date: string) => (weekdayOf(parseIsoDate(date)) === 6 ? 'Saturday' : 'Sunday');

export class InvalidComplianceFact extends Error {
  override name = 'InvalidStaffAction';
}

/**
 * Why a fact's date cannot be right: an ESF3 received, or a PM visit held, before the CMO visit it follows; an
 * ESF3 received or a PM review held after today (a PM visit can be arranged ahead).
 */
function dateRefusal(fact: ComplianceFact, visitDate: string, today: string): string | null {
  switch (fact.type) {
    case 'esf3-received':
      return (
        afterToday(fact.receivedDate, today, 'ESF3 received date') ??
        beforeStart(fact.receivedDate, visitDate, 'ESF3 received date', 'CMO visit')
      );
    case 'pm-visit-arranged':
      return beforeStart(fact.visitDate, visitDate, 'PM visit date', 'CMO visit');
    case 'pm-review':
      return (
        afterToday(fact.visitDate, today, 'PM review date') ??
        beforeStart(fact.visitDate, visitDate, 'PM review date', 'CMO visit')
      );
    default:
      return null;
  }
}

export class UnknownVisit extends Error {
  override name = 'UnknownCase';
}

export async function findVisit(
  records: RecordStore<ComplianceCase, ComplianceEvent>,
  ref: { caseId?: string; visitRef?: string },
): Promise<string> {
  const key = complianceIndexKey(ref.visitRef as string);
  const caseId = await latestCaseId(records, ref.caseId, key, (c) => c.visit.visitDate);
  if (caseId === null) throw new UnknownVisit('No CMO visit with that reference');
  return caseId;
}

export async function complianceAction(base: CaseHandlerDeps, input: ActionInput): Promise<Record<string, unknown>> {
  const deps = complianceDeps(base);
  switch (input.action) {
    case 'import-cmo-visits': {
      const read = parseVisitsCsv(input.csv, csvToGrid, { today: londonDateOf(new Date(deps.now())) });
      refuseWhollyRejected('CMO visits', read.visits.length, read.rejected);
      const visits: Array<{ visitRef: string; caseId: string; created: boolean; actions: number }> = [];
      for (const visit of read.visits) {
        const { caseId, created } = await recordCmoVisit(deps, visit);
        visits.push({ visitRef: visit.visitRef, caseId, created, actions: visit.actions.length });
      }
      // CMO visits happen on working days: a visit dated on a weekend is most likely a slip in the file.
      const warnings = read.visits
        .filter((v) => isWeekend(parseIsoDate(v.visitDate)))
        .map(
          (v) =>
            `Visit ${v.visitRef} is dated ${formatLongDate(v.visitDate)}, a ${weekdayName(v.visitDate)}: check the date with the CMO. It is recorded as given.`,
        );
      return {
        ...(warnings.length > 0 ? { warnings } : {}),
        opened: visits.filter((v) => v.created).length,
        repeated: visits.filter((v) => !v.created).length,
        visits,
        rejected: read.rejected,
        flagged: read.flagged,
      };
    }
    case 'compliance': {
      const caseId = await findVisit(deps.records, input.visit);
      const { record } = await deps.records.get(caseId);
      const refusal = dateRefusal(input.fact, record.visit.visitDate, londonDateOf(new Date(deps.now())));
      if (refusal) throw new InvalidComplianceFact(`${refusal.charAt(0).toUpperCase()}${refusal.slice(1)}.`);
      const event = complianceEventOf(input.fact, new Date(deps.now()).toISOString());
      // Kept and flagged, never dropped; the person recording it is told at once, too.
      const notActedOn = record.appliedEventIds.includes(event.id) ? null : whyNotActedOn(record, event);
      const { duplicate } = await deliverToRecord(deps, deps.records, complianceProcess.id, caseId, event);
      const known = new Set(record.actions.map((a) => a.reference));
      const unknown = input.fact.type === 'cmo-handover' ? input.fact.selected.filter((r) => !known.has(r)) : [];
      const warnings =
        unknown.length > 0
          ? [
              `The handover names ${unknown.join(', ')}, which visit ${record.visit.visitRef} does not have: only its own ESF2a are selected. Check the references with the CMO.`,
            ]
          : [];
      return {
        caseId,
        eventId: event.id,
        duplicate,
        ...(notActedOn ? { notActedOn } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    }
  }
}
