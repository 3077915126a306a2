import type { CaseTable } from '../../adapters/store/case-table.ts';
import { DynamoDbCaseTable } from '../../adapters/store/dynamodb-table.ts';
import { LmdbCaseTable } from '../../local/store/lmdb-table.ts';
import { type LocalStorage, startLocalStorage } from '../support/dynalite-storage.ts';

/** One store port adapter under test, and how to let it go. */
export interface StoreSubject {
  table: CaseTable;
  close(): Promise<void>;
}

/**
 * Both adapters of the store port, for a contract run against each: DynamoDB (over dynalite, which speaks its
 * API) and the embedded database the local runtime uses.
 */
export const STORE_ADAPTERS: Record<string, () => Promise<StoreSubject>> = {
  'DynamoDB (dynalite)': async () => {
    const storage: LocalStorage = await startLocalStorage();
    return { table: new DynamoDbCaseTable(storage.db, storage.tableName), close: () => storage.close() };
  },
  'embedded (LMDB)': async () => {
    const table = new LmdbCaseTable();
    return { table, close: () => table.close() };
  },
};
