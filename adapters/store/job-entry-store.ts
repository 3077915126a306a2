import type { JobEntry } from '../../domain/mi-return/job-entry.ts';
import type { CaseTable } from './case-table.ts';

/**
 * Job entries (memo 176) per contract: JOBENTRY#<contract> / <nino>#<start date>. One item per participant's job
 * start: recording the same job again is a repeat; a corrected payment group replaces the old one (and says so).
 */
export class JobEntryStore {
  constructor(private readonly table: CaseTable) {}

  async record(
    contract: string,
    entries: readonly JobEntry[],
    recordedAt: string,
  ): Promise<{ added: number; repeated: number; corrected: number }> {
    let added = 0;
    let repeated = 0;
    let corrected = 0;
    for (const e of entries) {
      const old = await this.table.put({
        pk: `JOBENTRY#${contract}`,
        sk: `${e.nino}#${e.startDate}`,
        nino: e.nino,
        startDate: e.startDate,
        paymentGroup: e.paymentGroup,
        recordedAt,
      });
      if (!old) added++;
      else if (old.paymentGroup === e.paymentGroup) repeated++;
      else corrected++;
    }
    return { added, repeated, corrected };
  }

  async list(contract: string): Promise<JobEntry[]> {
    const items = await this.table.queryPartition(`JOBENTRY#${contract}`);
    return items.map(
      (item) => ({ nino: item.nino, startDate: item.startDate, paymentGroup: item.paymentGroup }) as JobEntry,
    );
  }
}
