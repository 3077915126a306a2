import type { MeterSnapshot } from '../local/runtime/metering.ts';

/** Billable units of the burst (docs/capacity.md checks them against its model). */
export interface BurstUnits {
  executionsStarted: number;
  transitions: number;
  lambdaInvocations: number;
  dynamodbCalls: number;
  dynamodbWriteUnits: number;
  sesMessages: number;
  inboundMessages: number;
}

export function unitsBetween(before: MeterSnapshot, after: MeterSnapshot): BurstUnits {
  return {
    executionsStarted: after.stepFunctions.executionsStarted - before.stepFunctions.executionsStarted,
    transitions: after.stepFunctions.transitions - before.stepFunctions.transitions,
    lambdaInvocations: after.lambda.invocations - before.lambda.invocations,
    dynamodbCalls: after.dynamodb.calls - before.dynamodb.calls,
    dynamodbWriteUnits: after.dynamodb.writeRequestUnits - before.dynamodb.writeRequestUnits,
    sesMessages: after.ses.messages - before.ses.messages,
    inboundMessages: after.ses.inboundMessages - before.ses.inboundMessages,
  };
}

export function perRequest(u: BurstUnits, requests: number): string {
  const per = (x: number) => String(Number((x / requests).toPrecision(3)));
  return `${per(u.executionsStarted)} executions started, ${per(u.transitions)} state transitions, ${per(u.lambdaInvocations)} Lambda invocations, ${per(u.dynamodbCalls)} DynamoDB calls (${per(u.dynamodbWriteUnits)} WRU), ${per(u.sesMessages)} SES messages; ${u.inboundMessages} inbound messages`;
}
