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

/**
 * Each entry is its own item, `CONSOLE#AUDIT#<at>#<random id>`, read back by the sort-key prefix: two actions on
 * one case at the same instant are two items, so neither can overwrite the other (a single item of every entry,
 * read and put again, lost one). Records written before then keep their entries in one item, `CONSOLE#AUDIT`,
 * which the same prefix reads first.
 */
const AUDIT_PREFIX = 'CONSOLE#AUDIT';
/** Kept as long as the case records' retention allows at most (DynamoDB TTL, seconds): seven years. */
const KEEP_SECONDS = 7 * 366 * 86_400;

export async function recordConsoleAction(
  cases: TableStore,
  caseId: string,
  user: StaffUser,
  entry: Omit<ConsoleAuditEntry, 'who' | 'roles'>,
): Promise<void> {
  const expiresAt = Math.floor(Date.parse(entry.at) / 1000) + KEEP_SECONDS;
  await cases.addCaseLogEntry(
    caseId,
    AUDIT_PREFIX,
    entry.at,
    { entry: { ...entry, who: user.email, roles: user.roles } },
    expiresAt,
  );
}

/** A case's console actions, oldest first. */
export async function consoleAuditOf(cases: TableStore, caseId: string): Promise<ConsoleAuditEntry[]> {
  const items = await cases.caseItemsStartingWith(caseId, AUDIT_PREFIX);
  return items.flatMap((item) => {
    if (item.sk === AUDIT_PREFIX) return Array.isArray(item.entries) ? (item.entries as ConsoleAuditEntry[]) : [];
    return item.entry ? [item.entry as ConsoleAuditEntry] : [];
  });
}
