import type { Mailer, OutboundMessage } from '../../ports/mail.ts';

/**
 * Counts what a local run would be billed for on AWS: Step Functions Standard state transitions, Lambda
 * invocations and their duration, DynamoDB on-demand request units, SES messages. Counting only: nothing here
 * changes what the system does. bench/aws-cost.ts turns a snapshot into dollars.
 *
 * How each is counted:
 * - state transitions: one when an execution starts, one per state entered, one per retry (AWS bills retries
 *   as transitions), by workflow id (step-functions.ts);
 * - Lambda: one invocation per task handler call, with its wall-clock duration on this machine, measured around
 *   the in-process call (step-functions.ts). Calls run interleaved on one thread, so a call's elapsed time also
 *   holds the others' work: each call is also attributed its share of the wall clock (time with n calls in
 *   flight is divided by n), which sums to the time any call was running, and is what the bill estimate uses.
 *   Functions invoked outside a workflow (inbound mail, staff actions) are not counted here;
 * - DynamoDB: each call through the store port, with its units from the item sizes as on-demand billing counts
 *   them (reads 4 KB, halved when eventually consistent; writes 1 KB, the larger of the old and new item); a
 *   write refused by its condition is billed by AWS too: counted as 1 WRU (local/store/metered-table.ts). A test
 *   checks these against DynamoDB's own figures (dynalite's ReturnConsumedCapacity);
 * - SES: each message sent, its recipients (SES bills per recipient) and its raw size; inbound messages read
 *   and their 256 KB chunks, where a metered raw-mail store is wired.
 */

export interface FunctionUsage {
  invocations: number;
  /** Wall-clock duration of the local calls, from call to answer, ms (this machine's, not Lambda's). */
  durationMs: number;
  /** Each call's share of the wall clock while it ran (time with n calls in flight divided by n), ms. */
  attributedMs: number;
  /** The attributed durations, each call rounded up to the next ms as Lambda bills it. */
  billedMs: number;
}

/** A function call in flight: when it started, on the wall clock and on the shared clock. */
export interface LambdaCall {
  startedAt: number;
  sharedAt: number;
}

export interface DynamoDbUsage {
  /** Data-plane calls (GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, batch and transact). */
  calls: number;
  byOperation: Record<string, number>;
  readRequestUnits: number;
  writeRequestUnits: number;
  /** Writes refused by their condition (ConditionalCheckFailed), each counted as 1 WRU. */
  conditionalCheckFailures: number;
}

export interface MeterSnapshot {
  stepFunctions: {
    /** Billed state transitions: executionsStarted + statesEntered + retries. */
    transitions: number;
    executionsStarted: number;
    statesEntered: number;
    retries: number;
    /** Billed state transitions by workflow id. */
    byWorkflow: Record<string, number>;
  };
  lambda: FunctionUsage & { byFunction: Record<string, FunctionUsage> };
  dynamodb: DynamoDbUsage;
  ses: {
    /** Outbound messages sent. */
    messages: number;
    /** Their recipients: what SES bills (one charge per recipient). */
    recipients: number;
    /** Raw MIME bytes sent. */
    bytes: number;
    /** Inbound messages read, and their 256 KB chunks (SES receiving bills both). */
    inboundMessages: number;
    inboundChunks: number;
  };
}

export const READ_OPERATIONS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
export const WRITE_OPERATIONS = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);
const INBOUND_CHUNK_BYTES = 256 * 1024;

export class Meter {
  private executionsStarted = 0;
  private statesEntered = 0;
  private retries = 0;
  private readonly transitionsByWorkflow = new Map<string, number>();
  private readonly functions = new Map<string, FunctionUsage>();
  private readonly dynamo: DynamoDbUsage = {
    calls: 0,
    byOperation: {},
    readRequestUnits: 0,
    writeRequestUnits: 0,
    conditionalCheckFailures: 0,
  };
  private readonly mail = { messages: 0, recipients: 0, bytes: 0, inboundMessages: 0, inboundChunks: 0 };
  /** Calls in flight, and the shared clock: advances by dt / n while n calls are in flight. */
  private inFlight = 0;
  private sharedClock = 0;
  private sharedClockAt = 0;

  private advanceSharedClock(now: number): void {
    if (this.inFlight > 0) this.sharedClock += (now - this.sharedClockAt) / this.inFlight;
    this.sharedClockAt = now;
  }

  /** A Step Functions engine event of an execution of `workflowId` (only the billed kinds are counted). */
  stepFunctionsEvent(workflowId: string, kind: 'ExecutionStarted' | 'StateEntered' | 'StateRetried'): void {
    if (kind === 'ExecutionStarted') this.executionsStarted++;
    else if (kind === 'StateEntered') this.statesEntered++;
    else this.retries++;
    this.transitionsByWorkflow.set(workflowId, (this.transitionsByWorkflow.get(workflowId) ?? 0) + 1);
  }

  /** A function call begins (`now`: performance.now(), given by tests). */
  lambdaStarted(now = performance.now()): LambdaCall {
    this.advanceSharedClock(now);
    this.inFlight++;
    return { startedAt: now, sharedAt: this.sharedClock };
  }

  /** The call answered (or failed: billed all the same). */
  lambdaFinished(functionId: string, call: LambdaCall, now = performance.now()): void {
    this.advanceSharedClock(now);
    this.inFlight--;
    let usage = this.functions.get(functionId);
    if (!usage) {
      usage = { invocations: 0, durationMs: 0, attributedMs: 0, billedMs: 0 };
      this.functions.set(functionId, usage);
    }
    const attributed = this.sharedClock - call.sharedAt;
    usage.invocations++;
    usage.durationMs += now - call.startedAt;
    usage.attributedMs += attributed;
    usage.billedMs += Math.max(1, Math.ceil(attributed));
  }

  /**
   * One DynamoDB call, by operation name ('GetItem', ...), with the capacity units it consumed (as DynamoDB
   * reports them); read or write units by the operation's kind.
   */
  dynamoDbCall(operation: string, capacityUnits: number, options: { conditionalCheckFailed?: boolean } = {}): void {
    const read = READ_OPERATIONS.has(operation);
    if (!read && !WRITE_OPERATIONS.has(operation)) return;
    this.dynamo.calls++;
    this.dynamo.byOperation[operation] = (this.dynamo.byOperation[operation] ?? 0) + 1;
    if (options.conditionalCheckFailed) this.dynamo.conditionalCheckFailures++;
    if (read) this.dynamo.readRequestUnits += capacityUnits;
    else this.dynamo.writeRequestUnits += capacityUnits;
  }

  emailSent(recipients: number, bytes: number): void {
    this.mail.messages++;
    this.mail.recipients += recipients;
    this.mail.bytes += bytes;
  }

  emailReceived(bytes: number): void {
    this.mail.inboundMessages++;
    this.mail.inboundChunks += Math.max(1, Math.ceil(bytes / INBOUND_CHUNK_BYTES));
  }

  snapshot(): MeterSnapshot {
    const byFunction: Record<string, FunctionUsage> = {};
    const total: FunctionUsage = { invocations: 0, durationMs: 0, attributedMs: 0, billedMs: 0 };
    for (const [id, usage] of [...this.functions].sort(([a], [b]) => a.localeCompare(b))) {
      byFunction[id] = { ...usage };
      total.invocations += usage.invocations;
      total.durationMs += usage.durationMs;
      total.attributedMs += usage.attributedMs;
      total.billedMs += usage.billedMs;
    }
    return {
      stepFunctions: {
        transitions: this.executionsStarted + this.statesEntered + this.retries,
        executionsStarted: this.executionsStarted,
        statesEntered: this.statesEntered,
        retries: this.retries,
        byWorkflow: Object.fromEntries([...this.transitionsByWorkflow].sort(([a], [b]) => a.localeCompare(b))),
      },
      lambda: { ...total, byFunction },
      dynamodb: { ...this.dynamo, byOperation: { ...this.dynamo.byOperation } },
      ses: { ...this.mail },
    };
  }
}

/** The mailer, counting each message it sends (after the send succeeded: a refused send is not billed). */
export function meteredMailer(mailer: Mailer, meter: Meter): Mailer {
  return {
    idempotent: mailer.idempotent,
    async send(message: OutboundMessage) {
      const result = await mailer.send(message);
      meter.emailSent(message.to.length, message.raw.length);
      return result;
    },
  };
}

/** A raw inbound mail store, counting each message read (one per message handled) and its 256 KB chunks. */
export function meteredRawMail<S extends { get(key: string): Promise<Buffer> }>(store: S, meter: Meter): S {
  const get = store.get.bind(store);
  return Object.assign(Object.create(store) as S, {
    async get(key: string) {
      const raw = await get(key);
      meter.emailReceived(raw.length);
      return raw;
    },
  });
}
