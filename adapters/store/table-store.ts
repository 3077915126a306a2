import { randomUUID } from 'node:crypto';
import type { BusinessContinuityState } from '../../domain/mail/business-continuity.ts';
import { type CaseTable, type TableItem, WriteConditionFailed } from './case-table.ts';
import { JobEntryStore } from './job-entry-store.ts';
import { type LifecycleRecord, type RecordKind, RecordStore } from './record-store.ts';
import { casePk, messagePk, sentPk } from './table.ts';

export interface ContinuityItem extends BusinessContinuityState {
  reason: string | null;
  expectedResumption: string | null;
  /** Who last suspended, updated or resumed email (a staff action records its actor). */
  changedBy?: string | null;
}

export type { WakeToken } from './record-store.ts';

/** What was done with a message destroyed as sent in error or not from a designated inbox (paras 46, 49). */
export interface MessageDestruction {
  at: string;
  by: string;
  grounds: string;
  reason: string;
}

/** An inbound message's outcome as recorded (never its body): what came, from whom, and what it did. */
export interface InboundMessageOutcome {
  /** The outcome's key (a hash of the Message-ID). */
  key: string;
  /** Where the raw message is (or was): the S3 object key, or the local inbox file's name. */
  messageKey: string | null;
  receivedAt: string | null;
  from: string | null;
  subject: string | null;
  kind: string | null;
  /** processing, accepted or rejected. */
  status: string;
  reason: string | null;
  detail: string | null;
  /** The reading's findings ("flag invalid-nino: Row 3 …"), and the rows and deadlines flagged when actioned. */
  findings: string[];
  flags: string[];
  actioned: number;
  repeats: number;
  destroyed: MessageDestruction | null;
}

const MESSAGE_SK = 'MSG';

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

  /**
   * Adds one entry to a case's log under `prefix`: an item of its own (sort key prefix, time, a random id), so
   * writers at the same instant never overwrite each other and nothing is read first.
   */
  async addCaseLogEntry(
    caseId: string,
    prefix: string,
    at: string,
    body: Record<string, unknown>,
    expiresAt: number,
  ): Promise<void> {
    await this.table.put(
      { ...body, pk: casePk(caseId), sk: `${prefix}#${at}#${randomUUID()}`, expiresAt },
      { kind: 'absent' },
    );
  }

  /** The items of a case whose sort key starts with `prefix` (a log's entries, oldest first). */
  caseItemsStartingWith(caseId: string, prefix: string): Promise<TableItem[]> {
    return this.table.queryPartition(casePk(caseId), prefix);
  }

  /** Records an inbound message once; false when it was seen before (the repeat is audited by the caller). */
  recordMessageOnce(messageKey: string, outcome: Record<string, unknown>): Promise<boolean> {
    return conditional(() =>
      this.table.put({ ...outcome, pk: messagePk(messageKey), sk: MESSAGE_SK }, { kind: 'absent' }),
    );
  }

  getMessage(messageKey: string): Promise<Record<string, unknown> | null> {
    return this.table.get({ pk: messagePk(messageKey), sk: MESSAGE_SK });
  }

  /** Every inbound message's outcome, newest first. */
  async inboundMessages(): Promise<InboundMessageOutcome[]> {
    const messages: InboundMessageOutcome[] = [];
    for await (const item of this.table.scan({ sk: MESSAGE_SK })) {
      if (!item.pk.startsWith(messagePk(''))) continue;
      messages.push(messageOutcomeOf(item));
    }
    return messages.sort(
      (a, b) => (b.receivedAt ?? '').localeCompare(a.receivedAt ?? '') || a.key.localeCompare(b.key),
    );
  }

  async updateMessage(messageKey: string, outcome: Record<string, unknown>): Promise<void> {
    await this.table.update({ pk: messagePk(messageKey), sk: MESSAGE_SK }, outcome);
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
      changedBy: (item?.changedBy as string | null | undefined) ?? null,
    };
  }

  async saveContinuity(state: ContinuityItem): Promise<void> {
    await this.table.put({ ...state, pk: 'CONTINUITY', sk: 'STATE' });
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function messageOutcomeOf(item: TableItem): InboundMessageOutcome {
  const destroyed = item.destroyed as Partial<MessageDestruction> | undefined;
  return {
    key: item.pk.slice(messagePk('').length),
    messageKey: text(item.messageKey),
    receivedAt: text(item.receivedAt),
    from: text(item.from),
    subject: text(item.subject),
    kind: text(item.kind),
    status: text(item.status) ?? 'processing',
    reason: text(item.reason),
    detail: text(item.detail),
    findings: texts(item.findings),
    flags: texts(item.flags),
    actioned: Number(item.actioned ?? 0),
    repeats: Number(item.repeats ?? 0),
    destroyed:
      destroyed && typeof destroyed.at === 'string'
        ? {
            at: destroyed.at,
            by: String(destroyed.by ?? ''),
            grounds: String(destroyed.grounds ?? ''),
            reason: String(destroyed.reason ?? ''),
          }
        : null,
  };
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
