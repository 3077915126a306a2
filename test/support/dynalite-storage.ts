import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { TABLE_KEYS } from '../../adapters/store/table.ts';
import type { Meter } from '../../local/runtime/metering.ts';
import { dynamoDbMeteringMiddleware } from './dynamodb-metering.ts';
import { InProcessTransport } from './in-process-transport.ts';

/**
 * DynamoDB for the tests (the DynamoDB adapter's contract, the metering cross-check): dynalite in-process on a
 * loopback port, in memory or persisted to a folder. The same DynamoDB document client and TableStore code
 * as in AWS talk to it over HTTP.
 */
export interface LocalStorage {
  db: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
  close(): Promise<void>;
}

const LOCAL_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=local/20240101/eu-west-2/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000';

export async function startLocalStorage(
  options: {
    path?: string;
    tableName?: string;
    /** Counts each data-plane call and its DynamoDB request units (see metering.ts); nothing else changes. */
    meter?: Meter;
  } = {},
): Promise<LocalStorage> {
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
    // In process: the same dynalite, without a socket per call (the server still listens for other tools).
    requestHandler: new InProcessTransport(server),
    // dynalite checks that a request is signed, not the signature: a fixed, well-formed header replaces SigV4's
    // hashing on every local call.
    signer: {
      sign: async (request) => {
        request.headers.authorization = LOCAL_AUTHORIZATION;
        request.headers['x-amz-date'] = '20240101T000000Z';
        return request;
      },
    },
  });
  const db = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
  const tableName = options.tableName ?? 'wp-cases';
  await ensureTable(client, tableName);
  // After the table exists: only the run's own calls are metered.
  if (options.meter) meterStorage({ db }, options.meter);
  return {
    db,
    tableName,
    endpoint,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Meters a storage's DynamoDB calls from now on (request units as on-demand billing counts them). The document
 * client shares its middleware stack with the client it wraps, so every call through either is counted once.
 */
export function meterStorage(storage: Pick<LocalStorage, 'db'>, meter: Meter): void {
  storage.db.middlewareStack.add(dynamoDbMeteringMiddleware(meter) as never, {
    step: 'initialize',
    name: 'wpLocalMetering',
    override: true,
  });
}

async function tableStatus(client: DynamoDBClient, tableName: string): Promise<string | null> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table?.TableStatus ?? null;
  } catch (err) {
    if ((err as Error).name === 'ResourceNotFoundException') return null;
    throw err;
  }
}

async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  if ((await tableStatus(client, tableName)) === null) await createTable(client, tableName);
  // dynalite creates tables asynchronously (on disk especially): wait until ACTIVE, on the real clock.
  for (let i = 0; i < 200; i++) {
    if ((await tableStatus(client, tableName)) === 'ACTIVE') return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`Local table ${tableName} did not become ACTIVE`);
}

async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey, gsi1 } = TABLE_KEYS;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: partitionKey, AttributeType: 'S' },
        { AttributeName: sortKey, AttributeType: 'S' },
        { AttributeName: gsi1.partitionKey, AttributeType: 'S' },
        { AttributeName: gsi1.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: gsi1.name,
          KeySchema: [
            { AttributeName: gsi1.partitionKey, KeyType: 'HASH' },
            { AttributeName: gsi1.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
}
