import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ProviderConfig } from '../../domain/config.ts';
import type { CaseEvent, ExitReportCase } from '../../domain/lifecycle/exit-report-case.ts';
import { enqueueEvent, pendingTimers } from '../../domain/lifecycle/exit-report-lifecycle.ts';
import type { BusinessContinuityState } from '../../domain/mail/business-continuity.ts';
import {
  CASE_SK,
  CaseNotFound,
  CaseVersionConflict,
  casePk,
  messagePk,
  participantPk,
  sentPk,
  storageError,
} from './table.ts';

export interface ContinuityItem extends BusinessContinuityState {
  reason: string | null;
  expectedResumption: string | null;
}

export interface WakeToken {
  token: string;
  awaiting: string;
  storedAt: string;
}

export interface StoredCase {
  record: ExitReportCase;
  wakeToken: WakeToken | null;
}

/** The case record repository: the only place that knows the table's item shapes. */
export class CaseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(caseId: string): Promise<StoredCase> {
    const found = await this.tryGet(caseId);
    if (!found) throw new CaseNotFound(`No case ${caseId}`);
    return found;
  }

  async tryGet(caseId: string): Promise<StoredCase | null> {
    try {
      const { Item } = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: { pk: casePk(caseId), sk: CASE_SK }, ConsistentRead: true }),
      );
      if (!Item) return null;
      return { record: parseRecord(Item), wakeToken: (Item.wakeToken as WakeToken | undefined) ?? null };
    } catch (err) {
      throw storageError(err);
    }
  }

  /**
   * Creates the case for a referral once: a repeat import finds the case already made. A crash between the two
   * writes is healed by the next attempt, which reuses the case id the first write reserved.
   */
  async createOnce(
    nino: string,
    referralDate: string,
    build: (caseId: string) => ExitReportCase,
  ): Promise<{ caseId: string; created: boolean }> {
    const key = { pk: participantPk(nino, referralDate), sk: 'PARTICIPANT' };
    let caseId = `er-${randomUUID()}`;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, caseId },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw storageError(err);
      const { Item } = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
      );
      caseId = String(Item?.caseId);
      if (await this.tryGet(caseId)) return { caseId, created: false };
    }
    const record = build(caseId);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.caseItem(record, null),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { caseId, created: true };
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return { caseId, created: false };
      throw storageError(err);
    }
  }

  /** Saves a new version of the record, if nobody else wrote since `expectedVersion`. */
  async save(record: ExitReportCase, expectedVersion: number): Promise<ExitReportCase> {
    const next = { ...record, version: expectedVersion + 1 };
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: casePk(record.caseId), sk: CASE_SK },
          UpdateExpression:
            'SET #record = :record, #version = :next, stage = :stage, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#record': 'record', '#version': 'version' },
          ExpressionAttributeValues: {
            ':record': JSON.stringify(next),
            ':next': next.version,
            ':expected': expectedVersion,
            ':stage': next.stage,
            ...this.indexValues(next),
          },
        }),
      );
      return next;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') {
        throw new CaseVersionConflict(`Case ${record.caseId} changed since version ${expectedVersion}`);
      }
      throw storageError(err);
    }
  }

  /** Stores the token that wakes the execution, and returns the record as it is now. Never logged. */
  async storeWakeToken(caseId: string, token: WakeToken): Promise<StoredCase> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: casePk(caseId), sk: CASE_SK },
          UpdateExpression: 'SET wakeToken = :token',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':token': token },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { record: parseRecord(Attributes ?? {}), wakeToken: token };
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') throw new CaseNotFound(`No case ${caseId}`);
      throw storageError(err);
    }
  }

  /**
   * Puts an event in the case's inbox: one effect per event id, however often it is delivered. Returns the wake
   * token to signal, if the execution is waiting.
   */
  async enqueue(caseId: string, event: CaseEvent): Promise<{ duplicate: boolean; stored: StoredCase }> {
    for (let attempt = 0; ; attempt++) {
      const stored = await this.get(caseId);
      const { case: next, duplicate } = enqueueEvent(stored.record, event);
      if (duplicate) return { duplicate, stored };
      try {
        const saved = await this.save(next, stored.record.version);
        return { duplicate: false, stored: { record: saved, wakeToken: stored.wakeToken } };
      } catch (err) {
        if (err instanceof CaseVersionConflict && attempt < 10) continue;
        throw err;
      }
    }
  }

  async findByNino(nino: string): Promise<ExitReportCase[]> {
    try {
      const { Items } = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `NINO#${nino}` },
        }),
      );
      const ids = (Items ?? []).map((i) => String(i.pk).slice('CASE#'.length));
      const cases = await Promise.all(ids.map((id) => this.tryGet(id)));
      return cases.flatMap((c) => (c ? [c.record] : []));
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

  /** Every case record (local status, simulation reports, restarts). Pages through the stage index. */
  async *allCases(): AsyncGenerator<StoredCase> {
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :sk',
          ExpressionAttributeValues: { ':sk': CASE_SK },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        yield { record: parseRecord(item), wakeToken: (item.wakeToken as WakeToken | undefined) ?? null };
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }

  private caseItem(record: ExitReportCase, wakeToken: WakeToken | null): Record<string, unknown> {
    return {
      pk: casePk(record.caseId),
      sk: CASE_SK,
      record: JSON.stringify(record),
      version: record.version,
      stage: record.stage,
      ...(wakeToken ? { wakeToken } : {}),
      ...Object.fromEntries(Object.entries(this.indexValues(record)).map(([k, v]) => [k.slice(1), v])),
    };
  }

  private indexValues(record: ExitReportCase): { ':gsi1pk': string; ':gsi1sk': string } {
    return { ':gsi1pk': `NINO#${record.participant.nino}`, ':gsi1sk': `CASE#${record.participant.referralDate}` };
  }
}

/**
 * The record is stored as one JSON string: marshalling its nested deadlines, explanations and audit as a
 * DynamoDB map cost more than the rest of a storage call together. The attributes the indexes and
 * conditions use (version, stage, gsi1pk, gsi1sk, wakeToken) stay top-level.
 */
function parseRecord(item: Record<string, unknown>): ExitReportCase {
  return JSON.parse(String(item.record)) as ExitReportCase;
}

/** For status figures: the next deadline of an open case, or null. */
export function nextDeadlineOf(record: ExitReportCase, config: ProviderConfig): string | null {
  return pendingTimers(record, config)[0]?.at ?? null;
}
