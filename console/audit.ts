import type { TableStore } from '../adapters/store/table-store.ts';
import type { StaffUser } from './roles.ts';

/**
 * Every console action, under the signed-in identity (never an address typed into the form): kept with the case
 * it touched (or under `console` for an import or a continuity switch) and shown in the case's timeline.
 */
export interface ConsoleAuditEntry {
  at: string;
  who: string;
  roles: string[];
  action: string;
  outcome: 'done' | 'refused' | 'invalid';
  detail?: string;
}

const AUDIT_SK = 'CONSOLE#AUDIT';
const KEEP = 500;
/** Kept as long as the case records' retention allows at most (DynamoDB TTL, seconds): seven years. */
const KEEP_SECONDS = 7 * 366 * 86_400;

export async function recordConsoleAction(
  cases: TableStore,
  caseId: string,
  user: StaffUser,
  entry: Omit<ConsoleAuditEntry, 'who' | 'roles'>,
): Promise<void> {
  const existing = await consoleAuditOf(cases, caseId);
  const entries = [...existing, { ...entry, who: user.email, roles: user.roles }].slice(-KEEP);
  await cases.putCaseAttachment(caseId, AUDIT_SK, { entries }, Math.floor(Date.parse(entry.at) / 1000) + KEEP_SECONDS);
}

export async function consoleAuditOf(cases: TableStore, caseId: string): Promise<ConsoleAuditEntry[]> {
  const item = await cases.getCaseAttachment(caseId, AUDIT_SK);
  return Array.isArray(item?.entries) ? (item.entries as ConsoleAuditEntry[]) : [];
}
