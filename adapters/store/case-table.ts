/**
 * The store port: the single table as the stores (record-store.ts, case-store.ts, job-entry-store.ts) use it, and
 * nothing more. Two adapters implement it: DynamoDB (dynamodb-table.ts, what AWS runs) and an embedded database
 * for the local runtime (local/store/lmdb-table.ts). One contract suite (test/store/case-table.contract.test.ts)
 * holds both to the same behaviour.
 *
 * Items are plain objects keyed by `pk` and `sk` (key design in table.ts); the participant lookup is the optional
 * `gsi1pk` / `gsi1sk` pair; `expiresAt` (epoch seconds) is the TTL attribute.
 */
export interface TableKey {
  pk: string;
  sk: string;
}

export type TableItem = TableKey & Record<string, unknown>;

/** The conditions the stores write under (each maps to one DynamoDB ConditionExpression). */
export type WriteCondition =
  /** No item with this key: `attribute_not_exists(pk)`. */
  | { kind: 'absent' }
  /** An item with this key: `attribute_exists(pk)`. */
  | { kind: 'present' }
  /** The item's attribute equals the value (an optimistic version): `#a = :v`. */
  | { kind: 'equals'; attribute: string; value: string | number }
  /** No item, or an item without the attribute (a claim not yet marked sent): `attribute_not_exists(#a)`. */
  | { kind: 'without'; attribute: string };

/** A conditional write whose condition did not hold (DynamoDB's ConditionalCheckFailedException). */
export class WriteConditionFailed extends Error {
  override name = 'WriteConditionFailed';
}

/** Which items a scan returns: one sort key, and optionally one process's records. */
export interface ScanFilter {
  sk: string;
  /** Only items whose `process` attribute is this one ... */
  process?: string;
  /** ... or that carry no `process` attribute at all (records older than the attribute). */
  includeUnlabelled?: boolean;
}

export interface CaseTable {
  get(key: TableKey): Promise<TableItem | null>;
  /** Writes the whole item; returns the item it replaced (or null). */
  put(item: TableItem, condition?: WriteCondition): Promise<TableItem | null>;
  /** Sets these attributes (creating the item if absent, unless the condition says otherwise); returns it after. */
  update(key: TableKey, set: Record<string, unknown>, condition?: WriteCondition): Promise<TableItem>;
  delete(key: TableKey, condition?: WriteCondition): Promise<void>;
  /** Every item of one partition (only those whose sort key starts with `skPrefix`, if given), in sort-key order. */
  queryPartition(pk: string, skPrefix?: string): Promise<TableItem[]>;
  /** The keys of the items whose `gsi1pk` is this value, in `gsi1sk` order. */
  queryIndex(gsi1pk: string): Promise<TableKey[]>;
  scan(filter: ScanFilter): AsyncGenerator<TableItem>;
}
