import { type DynamoDBDocumentClient, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { JobEntry } from '../../domain/mi-return/job-entry.ts';
import { storageError } from './table.ts';

/**
 * Job entries (memo 176) per contract: JOBENTRY#<contract> / <nino>#<start date>. One item per participant's job
 * start: recording the same job again is a repeat; a corrected payment group replaces the old one (and says so).
 */
export class JobEntryStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(
    contract: string,
    entries: readonly JobEntry[],
    recordedAt: string,
  ): Promise<{ added: number; repeated: number; corrected: number }> {
    let added = 0;
    let repeated = 0;
    let corrected = 0;
    for (const e of entries) {
      try {
        const { Attributes } = await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              pk: `JOBENTRY#${contract}`,
              sk: `${e.nino}#${e.startDate}`,
              nino: e.nino,
              startDate: e.startDate,
              paymentGroup: e.paymentGroup,
              recordedAt,
            },
            ReturnValues: 'ALL_OLD',
          }),
        );
        if (!Attributes) added++;
        else if (Attributes.paymentGroup === e.paymentGroup) repeated++;
        else corrected++;
      } catch (err) {
        throw storageError(err);
      }
    }
    return { added, repeated, corrected };
  }

  async list(contract: string): Promise<JobEntry[]> {
    const entries: JobEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      let page: QueryCommandOutput;
      try {
        page = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `JOBENTRY#${contract}` },
            ExclusiveStartKey: start,
          }),
        );
      } catch (err) {
        throw storageError(err);
      }
      for (const item of page.Items ?? []) {
        entries.push({
          nino: item.nino,
          startDate: item.startDate,
          paymentGroup: item.paymentGroup,
        } as JobEntry);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return entries;
  }
}
