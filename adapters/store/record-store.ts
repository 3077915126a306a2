import { randomUUID } from 'node:crypto';
import { type CaseTable, type TableItem, WriteConditionFailed } from './case-table.ts';
import { CASE_SK, CaseNotFound, CaseVersionConflict, casePk } from './table.ts';

/** What every lifecycle record has, whatever its process: an id, a stage, an optimistic-lock version, an inbox. */
export interface LifecycleRecord {
  caseId: string;
  stage: string;
  version: number;
  inbox: Array<{ id: string }>;
  audit: Array<{ at: string; what: string; detail?: string; flag?: boolean }>;
}

export interface WakeToken {
  token: string;
  awaiting: string;
  storedAt: string;
}

export interface StoredRecord<R> {
  record: R;
  wakeToken: WakeToken | null;
}

/** How one process's records sit in the shared table. */
export interface RecordKind<R extends LifecycleRecord, E extends { id: string }> {
  /** The process, written on every record (`process` attribute) so a scan for one process skips the others. */
  process: string;
  /** Case ids start with this (`er-`, `is-`, …): a case id says which process it belongs to. */
  idPrefix: string;
  /** Records written before the attribute existed carry no `process`: true for the process that owns them. */
  ownsUnlabelled?: boolean;
  /** The participant lookup (gsi1): partition and sort values, or null for a record with no participant. */
  index(record: R): { gsi1pk: string; gsi1sk: string } | null;
  /** Adds an event to the record's inbox unless it is there already or was applied. */
  enqueue(record: R, event: E): { case: R; duplicate: boolean };
}

/**
 * One process's case records in the single table (key design in table.ts): read, create once, save under an
 * optimistic lock, hold the wake token, take events into the inbox. The record is stored as one JSON string:
 * marshalling its nested deadlines, explanations and audit as a DynamoDB map cost more than the rest of a
 * storage call together. The attributes the indexes and conditions use stay top-level.
 */
export class RecordStore<R extends LifecycleRecord, E extends { id: string }> {
  constructor(
    protected readonly table: CaseTable,
    readonly kind: RecordKind<R, E>,
  ) {}

  async get(caseId: string): Promise<StoredRecord<R>> {
    const found = await this.tryGet(caseId);
    if (!found) throw new CaseNotFound(`No case ${caseId}`);
    return found;
  }

  async tryGet(caseId: string): Promise<StoredRecord<R> | null> {
    const item = await this.table.get({ pk: casePk(caseId), sk: CASE_SK });
    return item ? stored<R>(item) : null;
  }

  /**
   * Creates the record for a reference (a referral, a visit, a month) once: a repeat finds the record already
   * made. A crash between the two writes is healed by the next attempt, which reuses the id the first reserved.
   */
  async createOnceFor(
    referenceKey: string,
    build: (caseId: string) => R,
  ): Promise<{ caseId: string; created: boolean }> {
    const key = { pk: referenceKey, sk: 'PARTICIPANT' };
    let caseId = `${this.kind.idPrefix}${randomUUID()}`;
    try {
      await this.table.put({ ...key, caseId }, { kind: 'absent' });
    } catch (err) {
      if (!(err instanceof WriteConditionFailed)) throw err;
      caseId = String((await this.table.get(key))?.caseId);
      if (await this.tryGet(caseId)) return { caseId, created: false };
    }
    const record = build(caseId);
    try {
      await this.table.put(this.item(record), { kind: 'absent' });
      return { caseId, created: true };
    } catch (err) {
      if (err instanceof WriteConditionFailed) return { caseId, created: false };
      throw err;
    }
  }

  /** Saves a new version of the record, if nobody else wrote since `expectedVersion`. */
  async save(record: R, expectedVersion: number): Promise<R> {
    return (await this.write(record, expectedVersion)).record;
  }

  /** The save, answering with the wake token as the item holds it once written (see enqueue). */
  private async write(record: R, expectedVersion: number): Promise<StoredRecord<R>> {
    const next = { ...record, version: expectedVersion + 1 };
    const index = this.kind.index(next);
    try {
      const item = await this.table.update(
        { pk: casePk(record.caseId), sk: CASE_SK },
        {
          record: JSON.stringify(next),
          version: next.version,
          stage: next.stage,
          process: this.kind.process,
          ...(index ?? {}),
        },
        { kind: 'equals', attribute: 'version', value: expectedVersion },
      );
      return { record: next, wakeToken: (item.wakeToken as WakeToken | undefined) ?? null };
    } catch (err) {
      if (err instanceof WriteConditionFailed) {
        throw new CaseVersionConflict(`Case ${record.caseId} changed since version ${expectedVersion}`);
      }
      throw err;
    }
  }

  /** Stores the token that wakes the execution, and returns the record as it is now. Never logged. */
  async storeWakeToken(caseId: string, token: WakeToken): Promise<StoredRecord<R>> {
    try {
      const item = await this.table.update(
        { pk: casePk(caseId), sk: CASE_SK },
        { wakeToken: token },
        { kind: 'present' },
      );
      return { record: parseRecord<R>(item), wakeToken: token };
    } catch (err) {
      if (err instanceof WriteConditionFailed) throw new CaseNotFound(`No case ${caseId}`);
      throw err;
    }
  }

  /**
   * Puts an event in the record's inbox: one effect per event id, however often it is delivered. Returns the
   * wake token to signal, if the execution is waiting: the token as the item holds it after the write, not as it
   * was read before. An execution storing its token between the read and the write (the await task, which then
   * looks at the inbox and finds it still empty) would otherwise be woken by nobody: the first early MI send of a
   * month the request itself opened was lost that way. The token is stored without a version change, so the
   * write does not conflict with it; read from the written item, one of the two always sees the other.
   */
  async enqueue(caseId: string, event: E): Promise<{ duplicate: boolean; stored: StoredRecord<R> }> {
    for (let attempt = 0; ; attempt++) {
      const stored = await this.get(caseId);
      const { case: next, duplicate } = this.kind.enqueue(stored.record, event);
      if (duplicate) return { duplicate, stored };
      try {
        return { duplicate: false, stored: await this.write(next, stored.record.version) };
      } catch (err) {
        if (err instanceof CaseVersionConflict && attempt < 10) continue;
        throw err;
      }
    }
  }

  /** Notes in the audit that an event already applied was delivered again (and changed nothing). */
  async auditRepeat(caseId: string, eventId: string, at: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const { record } = await this.get(caseId);
      const entry = {
        at,
        what: 'repeat ignored',
        detail: `Event ${eventId} was delivered again; it had been applied.`,
      };
      try {
        await this.save({ ...record, audit: [...record.audit, entry] }, record.version);
        return;
      } catch (err) {
        if (err instanceof CaseVersionConflict && attempt < 10) continue;
        throw err;
      }
    }
  }

  /** The records of this process whose participant lookup is `gsi1pk`. */
  async findByIndex(gsi1pk: string): Promise<R[]> {
    const keys = await this.table.queryIndex(gsi1pk);
    const ids = keys.filter((k) => k.sk === CASE_SK).map((k) => k.pk.slice('CASE#'.length));
    const found = await Promise.all(ids.map((id) => this.tryGet(id)));
    return found.flatMap((c) => (c ? [c.record] : []));
  }

  /** Every record of this process (local status, simulation reports, restarts, recounts). */
  async *all(): AsyncGenerator<StoredRecord<R>> {
    for await (const item of this.table.scan({
      sk: CASE_SK,
      process: this.kind.process,
      includeUnlabelled: this.kind.ownsUnlabelled ?? false,
    })) {
      yield stored<R>(item);
    }
  }

  private item(record: R): TableItem {
    return {
      pk: casePk(record.caseId),
      sk: CASE_SK,
      record: JSON.stringify(record),
      version: record.version,
      stage: record.stage,
      process: this.kind.process,
      ...(this.kind.index(record) ?? {}),
    };
  }
}

function stored<R>(item: Record<string, unknown>): StoredRecord<R> {
  return { record: parseRecord<R>(item), wakeToken: (item.wakeToken as WakeToken | undefined) ?? null };
}

function parseRecord<R>(item: Record<string, unknown>): R {
  return JSON.parse(String(item.record)) as R;
}
