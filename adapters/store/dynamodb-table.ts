import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  paginateScan,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type CaseTable,
  type ScanFilter,
  type TableItem,
  type TableKey,
  type WriteCondition,
  WriteConditionFailed,
} from './case-table.ts';
import { storageError, TABLE_KEYS } from './table.ts';

interface Expression {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** One write condition as a DynamoDB ConditionExpression (names and values prefixed so they never clash). */
function conditionExpression(condition: WriteCondition | undefined): Expression {
  switch (condition?.kind) {
    case undefined:
      return {};
    case 'absent':
      return { ConditionExpression: 'attribute_not_exists(pk)' };
    case 'present':
      return { ConditionExpression: 'attribute_exists(pk)' };
    case 'equals':
      return {
        ConditionExpression: '#c = :c',
        ExpressionAttributeNames: { '#c': condition.attribute },
        ExpressionAttributeValues: { ':c': condition.value },
      };
    case 'without':
      return {
        ConditionExpression: 'attribute_not_exists(#c)',
        ExpressionAttributeNames: { '#c': condition.attribute },
      };
  }
}

function merged(a: Expression, b: Expression): Expression {
  const names = { ...a.ExpressionAttributeNames, ...b.ExpressionAttributeNames };
  const values = { ...a.ExpressionAttributeValues, ...b.ExpressionAttributeValues };
  return {
    ...(a.ConditionExpression || b.ConditionExpression
      ? { ConditionExpression: a.ConditionExpression ?? b.ConditionExpression }
      : {}),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}

/** A failed condition as the port's error; anything else as the domain's storage errors. */
function writeError(err: unknown): Error {
  if ((err as Error).name === 'ConditionalCheckFailedException') {
    return new WriteConditionFailed('The conditional write did not apply', { cause: err });
  }
  return storageError(err);
}

/** The store port over DynamoDB (the document client): what AWS runs. Every read is strongly consistent. */
export class DynamoDbCaseTable implements CaseTable {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get(key: TableKey): Promise<TableItem | null> {
    try {
      const { Item } = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
      );
      return (Item as TableItem | undefined) ?? null;
    } catch (err) {
      throw storageError(err);
    }
  }

  async put(item: TableItem, condition?: WriteCondition): Promise<TableItem | null> {
    try {
      const { Attributes } = await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ReturnValues: 'ALL_OLD',
          ...conditionExpression(condition),
        }),
      );
      return (Attributes as TableItem | undefined) ?? null;
    } catch (err) {
      throw writeError(err);
    }
  }

  async update(key: TableKey, set: Record<string, unknown>, condition?: WriteCondition): Promise<TableItem> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(set).map(([attribute, value], i) => {
      names[`#s${i}`] = attribute;
      values[`:s${i}`] = value;
      return `#s${i} = :s${i}`;
    });
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: `SET ${sets.join(', ')}`,
          ReturnValues: 'ALL_NEW',
          ...merged(
            { ExpressionAttributeNames: names, ExpressionAttributeValues: values },
            conditionExpression(condition),
          ),
        }),
      );
      return Attributes as TableItem;
    } catch (err) {
      throw writeError(err);
    }
  }

  async delete(key: TableKey, condition?: WriteCondition): Promise<void> {
    try {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: key, ...conditionExpression(condition) }));
    } catch (err) {
      throw writeError(err);
    }
  }

  async queryPartition(pk: string, skPrefix?: string): Promise<TableItem[]> {
    const items: TableItem[] = [];
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.tableName,
        KeyConditionExpression: skPrefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: skPrefix === undefined ? { ':pk': pk } : { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: true,
      },
    );
    for await (const item of itemsOf(pages)) items.push(item);
    return items;
  }

  async queryIndex(gsi1pk: string): Promise<TableKey[]> {
    const keys: TableKey[] = [];
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.tableName,
        IndexName: TABLE_KEYS.gsi1.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
      },
    );
    for await (const item of itemsOf(pages)) keys.push({ pk: String(item.pk), sk: String(item.sk) });
    return keys;
  }

  async *scan(filter: ScanFilter): AsyncGenerator<TableItem> {
    const expression: Expression = filter.process
      ? {
          ConditionExpression: filter.includeUnlabelled
            ? 'sk = :sk AND (attribute_not_exists(#process) OR #process = :process)'
            : 'sk = :sk AND #process = :process',
          ExpressionAttributeNames: { '#process': 'process' },
          ExpressionAttributeValues: { ':sk': filter.sk, ':process': filter.process },
        }
      : { ConditionExpression: 'sk = :sk', ExpressionAttributeValues: { ':sk': filter.sk } };
    yield* itemsOf(
      paginateScan(
        { client: this.db },
        {
          TableName: this.tableName,
          FilterExpression: expression.ConditionExpression,
          ExpressionAttributeNames: expression.ExpressionAttributeNames,
          ExpressionAttributeValues: expression.ExpressionAttributeValues,
          ConsistentRead: true,
        },
      ),
    );
  }
}

/** The items of every page the SDK's paginator fetches (it follows LastEvaluatedKey), a storage fault as ours. */
async function* itemsOf(pages: AsyncIterable<{ Items?: Record<string, unknown>[] }>): AsyncGenerator<TableItem> {
  try {
    for await (const page of pages) yield* (page.Items ?? []) as TableItem[];
  } catch (err) {
    throw storageError(err);
  }
}
