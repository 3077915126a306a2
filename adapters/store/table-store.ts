import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { BusinessContinuityState } from '../../domain/mail/business-continuity.ts';
import { JobEntryStore } from './job-entry-store.ts';
import { type LifecycleRecord, type RecordKind, RecordStore } from './record-store.ts';
import { casePk, messagePk, sentPk, storageError } from './table.ts';

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
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  /** One process's case records. */
  recordsOf<R extends LifecycleRecord, E extends { id: string }>(kind: RecordKind<R, E>): RecordStore<R, E> {
    return new RecordStore(this.db, this.tableName, kind);
  }

  /** Job entries (memo 176) in the same table. */
  jobEntries(): JobEntryStore {
    return new JobEntryStore(this.db, this.tableName);
  }

  /** The message id recorded after an intent was sent, or null (not claimed, or claimed and not known sent). */
  async sentMessageId(intentId: string): Promise<string | null> {
    try {
      const { Item } = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: { pk: sentPk(intentId), sk: 'SENT' }, ConsistentRead: true }),
      );
      return typeof Item?.messageId === 'string' ? Item.messageId : null;
    } catch (err) {
      throw storageError(err);
    }
  }

  /** Claims an outbound intent before sending: false if it was claimed already (never send twice). */
  async claimIntent(intentId: string, at: string, expiresAt: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: sentPk(intentId), sk: 'SENT', claimedAt: at, expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw storageError(err);
    }
  }

  async releaseIntent(intentId: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: sentPk(intentId), sk: 'SENT' },
          ConditionExpression: 'attribute_not_exists(messageId)',
        }),
      );
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return;
      throw storageError(err);
    }
  }

  async recordSent(intentId: string, messageId: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: sentPk(intentId), sk: 'SENT' },
          UpdateExpression: 'SET messageId = :id',
          ExpressionAttributeValues: { ':id': messageId },
        }),
      );
    } catch (err) {
      throw storageError(err);
    }
  }

  async putCaseAttachment(caseId: string, sk: string, body: Record<string, unknown>, expiresAt: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.tableName, Item: { pk: casePk(caseId), sk, ...body, expiresAt } }),
      );
    } catch (err) {
      throw storageError(err);
    }
  }

  async getCaseAttachment(caseId: string, sk: string): Promise<Record<string, unknown> | null> {
    try {
      const { Item } = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: { pk: casePk(caseId), sk }, ConsistentRead: true }),
      );
      return Item ?? null;
    } catch (err) {
      throw storageError(err);
    }
  }

  /** Records an inbound message once; false when it was seen before (the repeat is audited by the caller). */
  async recordMessageOnce(messageKey: string, outcome: Record<string, unknown>): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: messagePk(messageKey), sk: 'MSG', ...outcome },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw storageError(err);
    }
  }

  async getMessage(messageKey: string): Promise<Record<string, unknown> | null> {
    try {
      const { Item } = await this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { pk: messagePk(messageKey), sk: 'MSG' },
          ConsistentRead: true,
        }),
      );
      return Item ?? null;
    } catch (err) {
      throw storageError(err);
    }
  }

  async updateMessage(messageKey: string, outcome: Record<string, unknown>): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(outcome).map(([k, v], i) => {
      names[`#a${i}`] = k;
      values[`:v${i}`] = v;
      return `#a${i} = :v${i}`;
    });
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: messagePk(messageKey), sk: 'MSG' },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (err) {
      throw storageError(err);
    }
  }

  /** The business continuity switch (paras 85–89): one item for the whole provider. */
  async getContinuity(): Promise<ContinuityItem> {
    try {
      const { Item } = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: { pk: 'CONTINUITY', sk: 'STATE' }, ConsistentRead: true }),
      );
      return {
        suspendedSince: (Item?.suspendedSince as string | null | undefined) ?? null,
        wpdNotifiedAt: (Item?.wpdNotifiedAt as string | null | undefined) ?? null,
        reason: (Item?.reason as string | null | undefined) ?? null,
        expectedResumption: (Item?.expectedResumption as string | null | undefined) ?? null,
      };
    } catch (err) {
      throw storageError(err);
    }
  }

  async saveContinuity(state: ContinuityItem): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.tableName, Item: { pk: 'CONTINUITY', sk: 'STATE', ...state } }),
      );
    } catch (err) {
      throw storageError(err);
    }
  }
}
