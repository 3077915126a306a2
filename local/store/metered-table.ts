import type { CaseTable, ScanFilter, TableItem, TableKey, WriteCondition } from '../../adapters/store/case-table.ts';
import { WriteConditionFailed } from '../../adapters/store/case-table.ts';
import type { Meter } from '../runtime/metering.ts';

/**
 * The store port, counting each call as DynamoDB on-demand would bill it (what bench/aws-cost.ts prices), for a
 * store that is not DynamoDB (the embedded one). Units from item sizes, as DynamoDB sizes items (attribute names
 * plus values): a strongly consistent read 1 RRU per 4 KB, a write 1 WRU per 1 KB of the larger of the old and
 * new item, a write refused by its condition 1 WRU. A scan is counted by the items it returns (DynamoDB bills the
 * items it reads, before the filter: scans only run at a restart, so this undercounts little). Counting only.
 */
export function meteredTable(table: CaseTable, meter: Meter): CaseTable {
  const read = (operation: string, bytes: number, eventual = false) =>
    meter.dynamoDbCall(operation, Math.max(1, Math.ceil(bytes / 4096)) / (eventual ? 2 : 1));
  const write = (operation: string, bytes: number) =>
    meter.dynamoDbCall(operation, Math.max(1, Math.ceil(bytes / 1024)));
  const refused = (operation: string, err: unknown) => {
    if (err instanceof WriteConditionFailed) meter.dynamoDbCall(operation, 1, { conditionalCheckFailed: true });
    return err;
  };
  return {
    async get(key: TableKey) {
      const item = await table.get(key);
      read('GetItem', item ? itemSize(item) : 0);
      return item;
    },
    async put(item: TableItem, condition?: WriteCondition) {
      try {
        const old = await table.put(item, condition);
        write('PutItem', Math.max(itemSize(item), old ? itemSize(old) : 0));
        return old;
      } catch (err) {
        throw refused('PutItem', err);
      }
    },
    async update(key: TableKey, set: Record<string, unknown>, condition?: WriteCondition) {
      try {
        const after = await table.update(key, set, condition);
        write('UpdateItem', itemSize(after));
        return after;
      } catch (err) {
        throw refused('UpdateItem', err);
      }
    },
    async delete(key: TableKey, condition?: WriteCondition) {
      try {
        await table.delete(key, condition);
        write('DeleteItem', 0);
      } catch (err) {
        throw refused('DeleteItem', err);
      }
    },
    async queryPartition(pk: string, skPrefix?: string) {
      const items = await table.queryPartition(pk, skPrefix);
      read(
        'Query',
        items.reduce((sum, i) => sum + itemSize(i), 0),
      );
      return items;
    },
    async queryIndex(gsi1pk: string) {
      const keys = await table.queryIndex(gsi1pk);
      // A global secondary index is read eventually consistent: half a unit per 4 KB of what it projects.
      read(
        'Query',
        keys.reduce((sum, k) => sum + itemSize(k as TableItem), 0),
        true,
      );
      return keys;
    },
    async *scan(filter: ScanFilter) {
      let bytes = 0;
      for await (const item of table.scan(filter)) {
        bytes += itemSize(item);
        yield item;
      }
      read('Scan', bytes);
    },
  };
}

/** An item's size as DynamoDB counts it: each attribute's name and value, in bytes. */
export function itemSize(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return 1 + Math.ceil(String(Math.abs(value)).replace(/[.\-e+]/g, '').length / 2);
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (Buffer.isBuffer(value)) return value.length;
  if (typeof value === 'object') return 3 + itemSize(value as Record<string, unknown>) + Object.keys(value).length;
  return 0;
}
