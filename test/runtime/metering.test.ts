import { afterEach, describe, expect, it } from 'vitest';
import type { CaseTable } from '../../adapters/store/case-table.ts';
import { DynamoDbCaseTable } from '../../adapters/store/dynamodb-table.ts';
import { Meter, meteredMailer, meteredRawMail } from '../../local/runtime/metering.ts';
import { LmdbCaseTable } from '../../local/store/lmdb-table.ts';
import { meteredTable } from '../../local/store/metered-table.ts';
import { startLocalStorage } from '../support/dynalite-storage.ts';
import { participant, startHarness, submitReport, wper2e } from '../workflows/harness.ts';

type Harness = Awaited<ReturnType<typeof startHarness>>;

/**
 * The meter counts what AWS would bill for a local run (state transitions, invocations, DynamoDB request units,
 * SES messages), without changing what the run does.
 */
describe('metering a local run', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('counts the transitions and invocations of one short path exactly as the definition implies', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    await h.system.refer(participant());
    await h.clock.settle();
    const m = h.system.meter.snapshot();
    // A referral starts execution g0 (1 transition), which enters PlanNextStep (exit-report-step: plan, answers
    // await until day 714) → RouteNextStep (Choice) → RouteAwait (Choice) → AwaitExitReportRequest
    // (exit-report-step: await), and waits there: 4 states entered, 5 billed transitions, 2 invocations.
    expect(m.stepFunctions).toEqual({
      transitions: 5,
      executionsStarted: 1,
      statesEntered: 4,
      retries: 0,
      byWorkflow: { 'exit-report': 5 },
    });
    expect(m.lambda.invocations).toBe(2);
    expect(Object.fromEntries(Object.entries(m.lambda.byFunction).map(([id, f]) => [id, f.invocations]))).toEqual({
      'exit-report-step': 2,
    });
    expect(m.lambda.durationMs).toBeGreaterThan(0);
    expect(m.lambda.billedMs).toBeGreaterThanOrEqual(2);
    // The case was created and planned from storage: writes and strongly consistent reads, each at least 1 unit.
    expect(m.dynamodb.writeRequestUnits).toBeGreaterThanOrEqual(1);
    expect(m.dynamodb.readRequestUnits).toBeGreaterThanOrEqual(1);
    expect(m.dynamodb.calls).toBe(Object.values(m.dynamodb.byOperation).reduce((a, b) => a + b, 0));
    // Nothing is sent on a referral: the caseworker hears at day 714.
    expect(h.sent).toHaveLength(0);
    expect(m.ses).toEqual({ messages: 0, recipients: 0, bytes: 0, inboundMessages: 0, inboundChunks: 0 });
  });

  it('records transitions, invocations, RRU/WRU and sent mail over a whole lifecycle, agreeing with the executions', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant());
    await h.at('2025-12-17T10:00:00Z');
    await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
    await h.at('2025-12-30T12:00:00Z');
    await submitReport(h, caseId, 'submission-1');
    await h.system.sfn.whenAllStopped();
    expect((await h.record(caseId)).stage).toBe('closed');

    const m = h.system.meter.snapshot();
    const executions = [...h.system.sfn.executions.values()];
    // Continue-as-new at 360 days: more than one execution, each billed its start and every state it entered.
    expect(executions.length).toBeGreaterThan(1);
    expect(m.stepFunctions.executionsStarted).toBe(executions.length);
    expect(m.stepFunctions.statesEntered).toBe(executions.reduce((sum, e) => sum + e.transitions, 0));
    expect(m.stepFunctions.transitions).toBe(
      m.stepFunctions.statesEntered + executions.length + m.stepFunctions.retries,
    );
    expect(m.lambda.invocations).toBeGreaterThan(executions.length);
    expect(m.lambda.byFunction['exit-report-step']?.invocations).toBe(m.lambda.invocations);
    expect(m.dynamodb.readRequestUnits).toBeGreaterThan(0);
    expect(m.dynamodb.writeRequestUnits).toBeGreaterThan(0);
    expect(m.dynamodb.byOperation.GetItem).toBeGreaterThan(0);
    // Every message the harness's mailer was given: request expected, request received, reminders, the report.
    expect(m.ses.messages).toBe(h.sent.length);
    expect(m.ses.messages).toBeGreaterThanOrEqual(4);
    expect(m.ses.recipients).toBe(h.sent.reduce((sum, s) => sum + s.to.length, 0));
    expect(m.ses.bytes).toBe(h.sent.reduce((sum, s) => sum + Buffer.byteLength(s.body), 0));
  });
});

describe('DynamoDB request units, as on-demand billing counts them', () => {
  it('counts 1 KB write units and 4 KB strongly consistent read units, and leaves the answers unchanged', async () => {
    const meter = new Meter();
    const storage = await startLocalStorage({ meter });
    try {
      const { PutCommand, GetCommand, QueryCommand } = await import('@aws-sdk/lib-dynamodb');
      const big = 'x'.repeat(5000);
      await storage.db.send(new PutCommand({ TableName: storage.tableName, Item: { pk: 'A', sk: 'S', v: 'small' } }));
      await storage.db.send(new PutCommand({ TableName: storage.tableName, Item: { pk: 'B', sk: 'S', v: big } }));
      let s = meter.snapshot().dynamodb;
      // 'A': under 1 KB → 1 WRU; 'B': 5,000 + a few bytes → 5 WRU.
      expect(s.writeRequestUnits).toBe(6);
      const got = await storage.db.send(
        new GetCommand({ TableName: storage.tableName, Key: { pk: 'B', sk: 'S' }, ConsistentRead: true }),
      );
      expect(got.Item?.v).toBe(big);
      expect(got.ConsumedCapacity).toBeUndefined();
      const eventual = await storage.db.send(
        new GetCommand({ TableName: storage.tableName, Key: { pk: 'B', sk: 'S' } }),
      );
      expect(eventual.ConsumedCapacity).toBeUndefined();
      const queried = await storage.db.send(
        new QueryCommand({
          TableName: storage.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'A' },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      // Asked for by the caller: kept in the answer.
      expect(queried.ConsumedCapacity?.CapacityUnits).toBe(0.5);
      s = meter.snapshot().dynamodb;
      // 5 KB strongly consistent: 2 RRU; eventually consistent: 1; the query of a small item, eventually: 0.5.
      expect(s.readRequestUnits).toBe(3.5);
      expect(s.byOperation).toEqual({ PutItem: 2, GetItem: 2, Query: 1 });
      expect(s.calls).toBe(5);
      // A write refused by its condition is billed too (counted as 1 WRU).
      await expect(
        storage.db.send(
          new PutCommand({
            TableName: storage.tableName,
            Item: { pk: 'A', sk: 'S' },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ).rejects.toThrow(/conditional/i);
      s = meter.snapshot().dynamodb;
      expect(s.writeRequestUnits).toBe(7);
      expect(s.conditionalCheckFailures).toBe(1);
    } finally {
      await storage.close();
    }
  });
});

describe('the store port, metered as DynamoDB bills it', () => {
  it('counts the same request units as DynamoDB itself for the same calls', async () => {
    // Prepare: the same calls through the DynamoDB adapter (dynalite reports its units) and the embedded store.
    const fromDynamoDb = new Meter();
    const storage = await startLocalStorage({ meter: fromDynamoDb });
    const fromPort = new Meter();
    const embedded = new LmdbCaseTable();
    const calls = async (table: CaseTable) => {
      const record = JSON.stringify({ audit: 'y'.repeat(4_500) });
      await table.put({ pk: 'CASE#1', sk: 'CASE', record, version: 0, gsi1pk: 'NINO#AB123456C', gsi1sk: 'x' });
      await table.put({ pk: 'SENT#1', sk: 'SENT', claimedAt: '2026-12-02T09:00:00.000Z' }, { kind: 'absent' });
      await table.put({ pk: 'SENT#1', sk: 'SENT' }, { kind: 'absent' }).catch(() => undefined);
      await table.get({ pk: 'CASE#1', sk: 'CASE' });
      await table.get({ pk: 'CASE#none', sk: 'CASE' });
      await table.update(
        { pk: 'CASE#1', sk: 'CASE' },
        { version: 1, record },
        { kind: 'equals', attribute: 'version', value: 0 },
      );
      await table.update({ pk: 'SENT#1', sk: 'SENT' }, { messageId: '<m@x>' });
      await table.queryIndex('NINO#AB123456C');
    };
    try {
      // Act
      await calls(new DynamoDbCaseTable(storage.db, storage.tableName));
      await calls(meteredTable(embedded, fromPort));
      // Assess
      const expected = fromDynamoDb.snapshot().dynamodb;
      const counted = fromPort.snapshot().dynamodb;
      expect(counted.byOperation).toEqual(expected.byOperation);
      expect(counted.writeRequestUnits).toBe(expected.writeRequestUnits);
      expect(counted.readRequestUnits).toBe(expected.readRequestUnits);
      expect(counted.conditionalCheckFailures).toBe(1);
    } finally {
      await storage.close();
      await embedded.close();
    }
  });
});

describe('Lambda durations', () => {
  it("keeps each call's elapsed time, and attributes the wall clock among the calls in flight together", () => {
    const meter = new Meter();
    // a runs 0–10 ms, b 4–8 ms: from 4 to 8 both are in flight, so each is attributed half of those 4 ms.
    const a = meter.lambdaStarted(0);
    const b = meter.lambdaStarted(4);
    meter.lambdaFinished('case-step', b, 8);
    meter.lambdaFinished('await-event', a, 10);
    const { lambda } = meter.snapshot();
    expect(lambda.byFunction['case-step']).toEqual({ invocations: 1, durationMs: 4, attributedMs: 2, billedMs: 2 });
    expect(lambda.byFunction['await-event']).toEqual({ invocations: 1, durationMs: 10, attributedMs: 8, billedMs: 8 });
    // The attributed times add up to the 10 ms during which any call ran; billed per call, rounded up, at least 1.
    expect(lambda).toMatchObject({ invocations: 2, durationMs: 14, attributedMs: 10, billedMs: 10 });
    const c = meter.lambdaStarted(20);
    meter.lambdaFinished('case-step', c, 20.2);
    expect(meter.snapshot().lambda.byFunction['case-step']?.billedMs).toBe(3);
  });
});

describe('SES messages', () => {
  it('counts each message sent, its recipients and bytes; inbound messages and their 256 KB chunks', async () => {
    const meter = new Meter();
    const mailer = meteredMailer({ send: async (m) => ({ messageId: `<${m.intentId}@x>` }) }, meter);
    await mailer.send({ raw: Buffer.from('abc'), from: 'a@x', to: ['b@x', 'c@x'], intentId: 'i1' });
    const failing = meteredMailer(
      {
        send: async () => {
          throw new Error('refused');
        },
      },
      meter,
    );
    await expect(failing.send({ raw: Buffer.from('abc'), from: 'a@x', to: ['b@x'], intentId: 'i2' })).rejects.toThrow();
    const inbox = meteredRawMail({ get: async (key: string) => Buffer.alloc(key === 'big' ? 300 * 1024 : 10) }, meter);
    await inbox.get('big');
    await inbox.get('small');
    expect(meter.snapshot().ses).toEqual({
      messages: 1,
      recipients: 2,
      bytes: 3,
      inboundMessages: 2,
      inboundChunks: 3,
    });
  });
});
