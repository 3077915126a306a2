import type { CaseEvent, ExitReportCase } from '../../domain/exit-report/case.ts';
import { enqueueEvent } from '../../domain/exit-report/lifecycle.ts';
import type { RecordKind } from './record-store.ts';
import { participantPk } from './table.ts';

/**
 * Exit Report case records in the shared table (`table.recordsOf(exitReportRecordKind)`): the first process,
 * whose records were written before the `process` attribute existed, so it owns the unlabelled ones. Found by
 * NINO under `NINO#<nino>`; created once per referral under `PARTICIPANT#<nino>#<referral date>`.
 */
export const exitReportRecordKind: RecordKind<ExitReportCase, CaseEvent> = {
  process: 'exit-report',
  idPrefix: 'er-',
  ownsUnlabelled: true,
  index: (record) => ({
    gsi1pk: exitReportIndexKey(record.participant.nino),
    gsi1sk: `CASE#${record.participant.referralDate}`,
  }),
  enqueue: enqueueEvent,
};

export function exitReportIndexKey(nino: string): string {
  return `NINO#${nino}`;
}

/** The reference a referral's case is created once under: a repeated import finds the same case. */
export function exitReportReferenceKey(nino: string, referralDate: string): string {
  return participantPk(nino, referralDate);
}
