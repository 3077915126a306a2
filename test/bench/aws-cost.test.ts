import { describe, expect, it } from 'vitest';
import {
  type AwsPrices,
  awsCost,
  costPerParticipant,
  LONDON_LIST_PRICES,
  type MeteredUsage,
} from '../../bench/aws-cost.ts';

const usage: MeteredUsage = {
  stepFunctions: { transitions: 10_000 },
  lambda: {
    byFunction: {
      'case-step': { invocations: 1000, billedMs: 50_000 },
      'await-event': { invocations: 500, billedMs: 10_000 },
    },
  },
  dynamodb: { readRequestUnits: 4_000_000, writeRequestUnits: 2_000_000 },
  ses: { recipients: 1000, bytes: 2 ** 30, inboundMessages: 1000, inboundChunks: 2000 },
};

const memoryMb = { 'case-step': 512, 'await-event': 256 };

describe('awsCost', () => {
  it('prices each counted unit at the London list price', () => {
    const cost = awsCost(usage, { memoryMb });
    expect(cost.stepFunctions).toBeCloseTo(0.25, 12); // 10,000 × $0.025/1,000
    expect(cost.lambdaRequests).toBeCloseTo(0.0003, 12); // 1,500 × $0.20/1M
    // 512 MB × 50 s + 256 MB × 10 s = 25 + 2.5 GB-s, at $0.0000133334
    expect(cost.lambdaGbSeconds).toBeCloseTo(27.5, 12);
    expect(cost.lambdaDuration).toBeCloseTo(0.0003666685, 12);
    expect(cost.dynamoDbWrites).toBeCloseTo(1.25, 12); // 2M WRU × $0.625/1M
    expect(cost.dynamoDbReads).toBeCloseTo(0.5, 12); // 4M RRU × $0.125/1M
    expect(cost.sesOutbound).toBeCloseTo(0.22, 12); // 1,000 recipients × $0.10/1,000 + 1 GB × $0.12
    expect(cost.sesInbound).toBeCloseTo(0.28, 12); // 1,000 × $0.10/1,000 + 2,000 chunks × $0.09/1,000
    expect(cost.total).toBeCloseTo(2.5006666685, 12);
    expect(cost.unknownFunctions).toEqual([]);
  });

  it('divides the bill among the participants', () => {
    const per = costPerParticipant(awsCost(usage, { memoryMb }), 100);
    expect(per.total).toBeCloseTo(0.025006666685, 14);
    expect(per.stepFunctions).toBeCloseTo(0.0025, 14);
    expect(per.lambdaGbSeconds).toBeCloseTo(0.275, 14);
    expect(() => costPerParticipant(awsCost(usage, { memoryMb }), 0)).toThrow(/positive/);
  });

  it('prices a function with no configured memory at the default, and names it', () => {
    const cost = awsCost(
      { ...usage, lambda: { byFunction: { 'mi-return-step': { invocations: 10, billedMs: 2048_000 } } } },
      { memoryMb, defaultMemoryMb: 1024 },
    );
    expect(cost.lambdaGbSeconds).toBeCloseTo(2048, 9);
    expect(cost.unknownFunctions).toEqual(['mi-return-step']);
  });

  it('takes other prices', () => {
    const prices: AwsPrices = { ...LONDON_LIST_PRICES, stepFunctionsPerTransition: 0.0285 / 1000 };
    expect(awsCost(usage, { memoryMb, prices }).stepFunctions).toBeCloseTo(0.285, 12);
  });

  it('uses the memory sizes of the function catalogue by default', () => {
    const cost = awsCost({ ...usage, lambda: { byFunction: { 'case-step': { invocations: 1, billedMs: 1000 } } } });
    expect(cost.lambdaGbSeconds).toBeCloseTo(0.5, 12); // case-step: 512 MB for 1 s
  });

  it('states the prices and their date', () => {
    expect(LONDON_LIST_PRICES.asOf).toBe('2026-11-23');
    expect(LONDON_LIST_PRICES.summary).toContain('eu-west-2');
    expect(LONDON_LIST_PRICES.summary).toContain('23 Nov 2026');
  });
});
