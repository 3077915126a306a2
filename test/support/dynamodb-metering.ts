import { type Meter, READ_OPERATIONS, WRITE_OPERATIONS } from '../../local/runtime/metering.ts';

type InitializeHandler = (args: { input: object }) => Promise<{ output: object }>;

/**
 * An AWS SDK v3 middleware (initialize step) for a DynamoDB client: asks for ReturnConsumedCapacity TOTAL on
 * each data-plane call, records the units, and removes ConsumedCapacity from the answer again when the caller
 * had not asked for it, so callers see exactly what they would without metering.
 */
export function dynamoDbMeteringMiddleware(meter: Meter) {
  return (next: InitializeHandler, context: { commandName?: string }): InitializeHandler =>
    async (args) => {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      if (!READ_OPERATIONS.has(operation) && !WRITE_OPERATIONS.has(operation)) return next(args);
      const input = args.input as { ReturnConsumedCapacity?: string };
      const added = input.ReturnConsumedCapacity === undefined || input.ReturnConsumedCapacity === 'NONE';
      const request = added ? { ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } } : args;
      let result: { output: object };
      try {
        result = await next(request);
      } catch (err) {
        // AWS bills a write whose condition failed (by the item's size; counted here as 1 WRU).
        if ((err as Error).name === 'ConditionalCheckFailedException' && WRITE_OPERATIONS.has(operation)) {
          meter.dynamoDbCall(operation, 1, { conditionalCheckFailed: true });
        } else if ((err as Error).name !== 'ValidationException') {
          meter.dynamoDbCall(operation, 0);
        }
        throw err;
      }
      const output = result.output as { ConsumedCapacity?: unknown };
      meter.dynamoDbCall(operation, capacityUnitsOf(output.ConsumedCapacity));
      if (added && output.ConsumedCapacity !== undefined) {
        const { ConsumedCapacity: _, ...rest } = output;
        return { ...result, output: rest };
      }
      return result;
    };
}

/** ConsumedCapacity is one object (item calls, Query, Scan) or a list per table (batch and transact calls). */
function capacityUnitsOf(consumed: unknown): number {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce((sum: number, c) => sum + Number((c as { CapacityUnits?: number }).CapacityUnits ?? 0), 0);
}
