/**
 * What a metered local run (local/runtime/metering.ts) would cost on AWS at public list prices: pure arithmetic,
 * no AWS call. London (eu-west-2), on-demand, USD, no free tier, no savings plan, taxes excluded.
 *
 * Prices as of 23 November 2026, and where each comes from (read through the project's search tool; the AWS
 * pages themselves could not be fetched from this machine):
 * - Step Functions Standard: $0.025 per 1,000 state transitions, Europe (London) row of the state transitions
 *   pricing table on https://aws.amazon.com/step-functions/pricing/ (London is $0.0250, like Ireland and
 *   Frankfurt; Paris is $0.0297, Mumbai $0.0285). Retries are billed as transitions.
 * - Lambda, Arm (the functions are arm64, infra/constructs/wp-function.ts): $0.0000133334 per GB-second (first
 *   7.5 billion GB-s a month) and $0.20 per 1M requests, London price-list lines EUW2-Lambda-GB-Second-ARM and
 *   EUW2-Request-ARM as quoted from the AWS Price List API (eu-west-2 offer of 2026-10-01) by a third-party cost
 *   study; the same as US East (https://aws.amazon.com/lambda/pricing/). Duration billed per 1 ms.
 * - DynamoDB on-demand, Standard table class: $0.625 per 1M write request units and $0.125 per 1M read request
 *   units. THESE ARE THE US EAST (N. Virginia) LIST PRICES (after the 50% on-demand cut of 1 November 2024):
 *   the London price could not be confirmed (https://aws.amazon.com/dynamodb/pricing/on-demand/ shows it per
 *   Region and was not readable here). Regional prices are often above US East: treat the DynamoDB line as a
 *   likely lower bound.
 * - SES, à la carte (the plan of accounts sending since June 2025): $0.10 per 1,000 outbound messages, billed
 *   per recipient; $0.12 per GB of attachments; inbound $0.10 per 1,000 messages plus $0.09 per 1,000 chunks of
 *   256 KB. London price-list lines EUW2-Recipients and EUW2-AttachmentsSize-Bytes (same third-party study);
 *   inbound from the AWS Price List API for SES (us-east-1 offer of 2026-07-22) as summarised by API Evangelist,
 *   and https://aws.amazon.com/ses/pricing/. New accounts since 21 July 2026 default to the "Essentials" plan
 *   at $0.16 per 1,000 outbound messages instead.
 *
 * The attachment line is priced on the whole raw message (an upper bound: SES bills attachments only).
 */

import { functionCatalogue } from '../infra/function-catalogue.ts';

export interface AwsPrices {
  region: string;
  /** The date the prices were taken. */
  asOf: string;
  stepFunctionsPerTransition: number;
  lambdaPerRequest: number;
  lambdaArmPerGbSecond: number;
  dynamoDbPerWriteRequestUnit: number;
  dynamoDbPerReadRequestUnit: number;
  sesPerOutboundRecipient: number;
  sesPerOutboundGb: number;
  sesPerInboundMessage: number;
  sesPerInboundChunk: number;
  /** One line naming the prices and their date, for a footnote. */
  summary: string;
}

export const LONDON_LIST_PRICES: AwsPrices = {
  region: 'eu-west-2',
  asOf: '2026-11-23',
  stepFunctionsPerTransition: 0.025 / 1000,
  lambdaPerRequest: 0.2 / 1_000_000,
  lambdaArmPerGbSecond: 0.0000133334,
  dynamoDbPerWriteRequestUnit: 0.625 / 1_000_000,
  dynamoDbPerReadRequestUnit: 0.125 / 1_000_000,
  sesPerOutboundRecipient: 0.1 / 1000,
  sesPerOutboundGb: 0.12,
  sesPerInboundMessage: 0.1 / 1000,
  sesPerInboundChunk: 0.09 / 1000,
  summary:
    'AWS list prices, eu-west-2 (London), on-demand, USD, 23 Nov 2026, no free tier: Step Functions Standard $0.025/1k transitions; Lambda arm64 $0.0000133334/GB-s + $0.20/1M requests; DynamoDB on-demand $0.625/1M WRU + $0.125/1M RRU (US East price: London not confirmed); SES $0.10/1k recipients, inbound $0.10/1k + $0.09/1k 256 KB chunks',
};

/** Configured memory (MB) of each deployed function, from the function catalogue. */
export function catalogueMemoryMb(): Record<string, number> {
  return Object.fromEntries(functionCatalogue.map((f) => [f.id, f.memorySize]));
}

/** The counted units of a run: the fields of a MeterSnapshot the bill depends on. */
export interface MeteredUsage {
  stepFunctions: { transitions: number };
  lambda: { byFunction: Record<string, { invocations: number; billedMs: number }> };
  dynamodb: { readRequestUnits: number; writeRequestUnits: number };
  ses: { recipients: number; bytes: number; inboundMessages: number; inboundChunks: number };
}

export interface CostBreakdown {
  stepFunctions: number;
  lambdaRequests: number;
  lambdaDuration: number;
  dynamoDbWrites: number;
  dynamoDbReads: number;
  sesOutbound: number;
  sesInbound: number;
  total: number;
  /** Lambda GB-seconds billed (memory × duration). */
  lambdaGbSeconds: number;
  /** Functions with no configured memory, priced at `defaultMemoryMb`. */
  unknownFunctions: string[];
}

/**
 * The bill for the usage: each counted unit at its price. Lambda duration: each function's billed ms (its
 * measured local durations, each rounded up to 1 ms) × its configured memory.
 */
export function awsCost(
  usage: MeteredUsage,
  options: { prices?: AwsPrices; memoryMb?: Record<string, number>; defaultMemoryMb?: number } = {},
): CostBreakdown {
  const prices = options.prices ?? LONDON_LIST_PRICES;
  const memoryMb = options.memoryMb ?? catalogueMemoryMb();
  const defaultMemoryMb = options.defaultMemoryMb ?? 512;
  let invocations = 0;
  let lambdaGbSeconds = 0;
  const unknownFunctions: string[] = [];
  for (const [id, fn] of Object.entries(usage.lambda.byFunction)) {
    const memory = memoryMb[id];
    if (memory === undefined) unknownFunctions.push(id);
    invocations += fn.invocations;
    lambdaGbSeconds += ((memory ?? defaultMemoryMb) / 1024) * (fn.billedMs / 1000);
  }
  const parts = {
    stepFunctions: usage.stepFunctions.transitions * prices.stepFunctionsPerTransition,
    lambdaRequests: invocations * prices.lambdaPerRequest,
    lambdaDuration: lambdaGbSeconds * prices.lambdaArmPerGbSecond,
    dynamoDbWrites: usage.dynamodb.writeRequestUnits * prices.dynamoDbPerWriteRequestUnit,
    dynamoDbReads: usage.dynamodb.readRequestUnits * prices.dynamoDbPerReadRequestUnit,
    sesOutbound:
      usage.ses.recipients * prices.sesPerOutboundRecipient + (usage.ses.bytes / 2 ** 30) * prices.sesPerOutboundGb,
    sesInbound:
      usage.ses.inboundMessages * prices.sesPerInboundMessage + usage.ses.inboundChunks * prices.sesPerInboundChunk,
  };
  const total = Object.values(parts).reduce((sum, x) => sum + x, 0);
  return { ...parts, total, lambdaGbSeconds, unknownFunctions };
}

/** The same bill divided among the participants whose lifecycles the run simulated. */
export function costPerParticipant(breakdown: CostBreakdown, participants: number): CostBreakdown {
  if (!(participants > 0)) throw new Error('costPerParticipant: participants must be positive');
  const per = (x: number) => x / participants;
  return {
    stepFunctions: per(breakdown.stepFunctions),
    lambdaRequests: per(breakdown.lambdaRequests),
    lambdaDuration: per(breakdown.lambdaDuration),
    dynamoDbWrites: per(breakdown.dynamoDbWrites),
    dynamoDbReads: per(breakdown.dynamoDbReads),
    sesOutbound: per(breakdown.sesOutbound),
    sesInbound: per(breakdown.sesInbound),
    total: per(breakdown.total),
    lambdaGbSeconds: per(breakdown.lambdaGbSeconds),
    unknownFunctions: breakdown.unknownFunctions,
  };
}
