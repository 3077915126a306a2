import type { BusinessContinuityState } from '../../domain/mail/business-continuity.ts';
import { type CaseTable, WriteConditionFailed } from './case-table.ts';
import { JobEntryStore } from './job-entry-store.ts';
import { type LifecycleRecord, type RecordKind, RecordStore } from './record-store.ts';
import { casePk, messagePk, sentPk } from './table.ts';

export interface ContinuityItem extends BusinessContinuityState {
  reason: string | null;
  expectedResumption: string | null;
}

export type { WakeToken } from './record-store.ts';

/**
 * The single table, as every process shares it: each process's case records (`recordsOf` its kind), outbound
 * intents claimed before sending, inbound message outcomes, case attachments (submissions, copies of reports
 * sent), job entries, the business continuity switch. The only place that knows the table's item shapes, with
 * record-store.ts.
 */
export class TableStore {
  constructor(protected readonly table: CaseTable) {}

  /** One process's case records. */
  recordsOf<R extends LifecycleRecord, E extends { id: string }>(kind: RecordKind<R, E>): RecordStore<R, E> {
    return new RecordStore(this.table, kind);
  }

  /** Job entries (memo 176) in the same table. */
  jobEntries(): JobEntryStore {
    return new JobEntryStore(this.table);
  }

  /** The message id recorded after an intent was sent, or null (not claimed, or claimed and not known sent). */
  async sentMessageId(intentId: string): Promise<string | null> {
    const item = await this.table.get({ pk: sentPk(intentId), sk: 'SENT' });
    return typeof item?.messageId === 'string' ? item.messageId : null;
  }

  /** Claims an outbound intent before sending: false if it was claimed already (never send twice). */
  async claimIntent(intentId: string, at: string, expiresAt: number): Promise<boolean> {
    return conditional(() =>
      this.table.put({ pk: sentPk(intentId), sk: 'SENT', claimedAt: at, expiresAt }, { kind: 'absent' }),
    );
  }

  /** Releases a claim not yet recorded as sent (the send failed); a claim recorded as sent stays. */
  async releaseIntent(intentId: string): Promise<void> {
    await conditional(() =>
      this.table.delete({ pk: sentPk(intentId), sk: 'SENT' }, { kind: 'without', attribute: 'messageId' }),
    );
  }

  async recordSent(intentId: string, messageId: string): Promise<void> {
    await this.table.update({ pk: sentPk(intentId), sk: 'SENT' }, { messageId });
  }

  async putCaseAttachment(caseId: string, sk: string, body: Record<string, unknown>, expiresAt: number): Promise<void> {
    await this.table.put({ ...body, pk: casePk(caseId), sk, expiresAt });
  }

  getCaseAttachment(caseId: string, sk: string): Promise<Record<string, unknown> | null> {
    return this.table.get({ pk: casePk(caseId), sk });
  }

  /** Records an inbound message once; false when it was seen before (the repeat is audited by the caller). */
  recordMessageOnce(messageKey: string, outcome: Record<string, unknown>): Promise<boolean> {
    return conditional(() => this.table.put({ ...outcome, pk: messagePk(messageKey), sk: 'MSG' }, { kind: 'absent' }));
  }

  getMessage(messageKey: string): Promise<Record<string, unknown> | null> {
    return this.table.get({ pk: messagePk(messageKey), sk: 'MSG' });
  }

  async updateMessage(messageKey: string, outcome: Record<string, unknown>): Promise<void> {
    await this.table.update({ pk: messagePk(messageKey), sk: 'MSG' }, outcome);
  }

  /** The business continuity switch (paras 85–89): one item for the whole provider. */
  async getContinuity(): Promise<ContinuityItem> {
    const item = await this.table.get({ pk: 'CONTINUITY', sk: 'STATE' });
    return {
      suspendedSince: (item?.suspendedSince as string | null | undefined) ?? null,
      wpdNotifiedAt: (item?.wpdNotifiedAt as string | null | undefined) ?? null,
      reason: (item?.reason as string | null | undefined) ?? null,
      expectedResumption: (item?.expectedResumption as string | null | undefined) ?? null,
      expectedHours: (item?.expectedHours as number | null | undefined) ?? null,
    };
  }

  async saveContinuity(state: ContinuityItem): Promise<void> {
    await this.table.put({ ...state, pk: 'CONTINUITY', sk: 'STATE' });
  }
}

/** A conditional write: true if it applied, false if its condition did not hold. */
async function conditional(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (err instanceof WriteConditionFailed) return false;
    throw err;
  }
}
