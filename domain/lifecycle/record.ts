/**
 * Passages every lifecycle repeats over its case record, whatever its process: the audit trail, the timers
 * already acted on. Pure: the caller passes the time.
 */

/** A UTC ISO instant, as records and audit entries store them. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** An audit entry as every case record keeps it: when, what, plain-English detail (never a full NINO), a flag. */
export interface AuditRecord {
  at: string;
  what: string;
  detail?: string;
  flag?: boolean;
}

/** The fields every new case record ends with: nothing done or waiting, no events applied, no audit, version 0. */
export function freshRecordFields(now: number): {
  done: Record<string, string>;
  inbox: never[];
  appliedEventIds: string[];
  audit: AuditRecord[];
  openedAt: string;
  version: number;
} {
  return { done: {}, inbox: [], appliedEventIds: [], audit: [], openedAt: isoInstant(now), version: 0 };
}

/** The record with these entries appended to its audit, each at `now`. */
export function appendAudit<Case extends { audit: AuditRecord[] }>(
  c: Case,
  now: number,
  entries: Omit<AuditRecord, 'at'>[],
): Case {
  return { ...c, audit: [...c.audit, ...entries.map((e) => ({ at: isoInstant(now), ...e }))] };
}

/** A timer as every lifecycle plans it: due at `at`, acted on once (its `key` recorded in `done`). */
export interface KeyedTimer {
  at: string;
  key: string;
}

/** The timers not yet acted on, earliest first. */
export function notYetDone<Timer extends KeyedTimer>(timers: Timer[], done: Record<string, string>): Timer[] {
  return timers.filter((t) => !(t.key in done)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The record with the timer's key marked done at `now`: acting on it again changes nothing. */
export function markTimerDone<Case extends { done: Record<string, string> }>(c: Case, key: string, now: number): Case {
  return { ...c, done: { ...c.done, [key]: isoInstant(now) } };
}
