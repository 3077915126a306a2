import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseTable, WriteConditionFailed } from '../../adapters/store/case-table.ts';
import { LmdbCaseTable } from '../../local/store/lmdb-table.ts';
import { STORE_ADAPTERS, type StoreSubject } from './adapters.ts';

/**
 * One contract for the store port, run against both adapters (adapters.ts): DynamoDB (over dynalite) and the
 * embedded database the local runtime uses. Each behaviour the stores rely on is here once.
 */
for (const [name, make] of Object.entries(STORE_ADAPTERS)) {
  describe(`store port contract: ${name}`, () => {
    let subject: StoreSubject;
    let table: CaseTable;
    beforeAll(async () => {
      subject = await make();
      table = subject.table;
    });
    afterAll(async () => subject.close());

    it('reads back what was put, and null for a key never written', async () => {
      // Prepare
      await table.put({ pk: 'CASE#a', sk: 'CASE', record: '{"x":1}', version: 0, nested: { list: [1, 'two'] } });
      // Act
      const found = await table.get({ pk: 'CASE#a', sk: 'CASE' });
      const missing = await table.get({ pk: 'CASE#none', sk: 'CASE' });
      // Assess
      expect(found).toEqual({ pk: 'CASE#a', sk: 'CASE', record: '{"x":1}', version: 0, nested: { list: [1, 'two'] } });
      expect(missing).toBeNull();
    });

    it('does not store attributes set to undefined', async () => {
      await table.put({ pk: 'CASE#u', sk: 'CASE', kept: 1, dropped: undefined });
      expect(await table.get({ pk: 'CASE#u', sk: 'CASE' })).toEqual({ pk: 'CASE#u', sk: 'CASE', kept: 1 });
    });

    it('creates once: a second put on an absent-condition is refused and changes nothing', async () => {
      await table.put({ pk: 'PARTICIPANT#x', sk: 'PARTICIPANT', caseId: 'first' }, { kind: 'absent' });
      await expect(
        table.put({ pk: 'PARTICIPANT#x', sk: 'PARTICIPANT', caseId: 'second' }, { kind: 'absent' }),
      ).rejects.toBeInstanceOf(WriteConditionFailed);
      expect((await table.get({ pk: 'PARTICIPANT#x', sk: 'PARTICIPANT' }))?.caseId).toBe('first');
    });

    it('returns the item a put replaced', async () => {
      await table.put({ pk: 'JOBENTRY#c', sk: 'n#1', paymentGroup: '1' });
      const old = await table.put({ pk: 'JOBENTRY#c', sk: 'n#1', paymentGroup: '2' });
      expect(old?.paymentGroup).toBe('1');
      expect(await table.put({ pk: 'JOBENTRY#c', sk: 'n#2', paymentGroup: '3' })).toBeNull();
    });

    it('saves under an optimistic version: the writer that read an older version is refused', async () => {
      await table.put({ pk: 'CASE#v', sk: 'CASE', version: 3, stage: 'referred' });
      const saved = await table.update(
        { pk: 'CASE#v', sk: 'CASE' },
        { version: 4, stage: 'report-due' },
        { kind: 'equals', attribute: 'version', value: 3 },
      );
      expect(saved).toMatchObject({ pk: 'CASE#v', sk: 'CASE', version: 4, stage: 'report-due' });
      await expect(
        table.update(
          { pk: 'CASE#v', sk: 'CASE' },
          { version: 4, stage: 'lost' },
          { kind: 'equals', attribute: 'version', value: 3 },
        ),
      ).rejects.toBeInstanceOf(WriteConditionFailed);
      expect((await table.get({ pk: 'CASE#v', sk: 'CASE' }))?.stage).toBe('report-due');
    });

    it('updates only an item that exists when asked to, keeping the attributes it does not set', async () => {
      await expect(
        table.update({ pk: 'CASE#ghost', sk: 'CASE' }, { wakeToken: { token: 't' } }, { kind: 'present' }),
      ).rejects.toBeInstanceOf(WriteConditionFailed);
      expect(await table.get({ pk: 'CASE#ghost', sk: 'CASE' })).toBeNull();
      await table.put({ pk: 'CASE#w', sk: 'CASE', version: 1 });
      const after = await table.update(
        { pk: 'CASE#w', sk: 'CASE' },
        { wakeToken: { token: 't' } },
        { kind: 'present' },
      );
      expect(after).toEqual({ pk: 'CASE#w', sk: 'CASE', version: 1, wakeToken: { token: 't' } });
    });

    it('claims an intent once, and releases a claim only while it is not marked sent', async () => {
      const key = { pk: 'SENT#i1', sk: 'SENT' };
      await table.put({ ...key, claimedAt: 'now' }, { kind: 'absent' });
      await expect(table.put({ ...key, claimedAt: 'again' }, { kind: 'absent' })).rejects.toBeInstanceOf(
        WriteConditionFailed,
      );
      await table.delete(key, { kind: 'without', attribute: 'messageId' });
      expect(await table.get(key)).toBeNull();
      await table.put({ ...key, claimedAt: 'later' }, { kind: 'absent' });
      await table.update(key, { messageId: '<m@x>' });
      await expect(table.delete(key, { kind: 'without', attribute: 'messageId' })).rejects.toBeInstanceOf(
        WriteConditionFailed,
      );
      expect((await table.get(key))?.messageId).toBe('<m@x>');
    });

    it('lists one partition in sort-key order', async () => {
      for (const sk of ['b#2', 'a#1', 'c#3']) await table.put({ pk: 'JOBENTRY#p', sk });
      await table.put({ pk: 'JOBENTRY#p2', sk: 'a#1' });
      expect((await table.queryPartition('JOBENTRY#p')).map((i) => i.sk)).toEqual(['a#1', 'b#2', 'c#3']);
    });

    it('lists the items of a partition whose sort key starts with a prefix, in sort-key order', async () => {
      for (const sk of ['LOG#2026-03-02#b', 'CASE', 'LOG#2026-03-01#a', 'LOG', 'LOGBOOK', 'REPORT#1'])
        await table.put({ pk: 'CASE#q', sk });
      await table.put({ pk: 'CASE#q2', sk: 'LOG#2026-03-01#z' });
      expect((await table.queryPartition('CASE#q', 'LOG#')).map((i) => i.sk)).toEqual([
        'LOG#2026-03-01#a',
        'LOG#2026-03-02#b',
      ]);
      expect((await table.queryPartition('CASE#q', 'LOG')).map((i) => i.sk)).toEqual([
        'LOG',
        'LOG#2026-03-01#a',
        'LOG#2026-03-02#b',
        'LOGBOOK',
      ]);
      expect(await table.queryPartition('CASE#q', 'NONE')).toEqual([]);
    });

    it('finds items by the participant index, and follows an item whose index value changes', async () => {
      await table.put({ pk: 'CASE#g1', sk: 'CASE', gsi1pk: 'NINO#AB123456C', gsi1sk: 'CASE#2024-01-01' });
      await table.put({ pk: 'CASE#g2', sk: 'CASE', gsi1pk: 'NINO#AB123456C', gsi1sk: 'CASE#2023-01-01' });
      await table.put({ pk: 'CASE#g3', sk: 'CASE', gsi1pk: 'NINO#ZZ999999Z', gsi1sk: 'CASE#2023-01-01' });
      expect(await table.queryIndex('NINO#AB123456C')).toEqual([
        { pk: 'CASE#g2', sk: 'CASE' },
        { pk: 'CASE#g1', sk: 'CASE' },
      ]);
      await table.update({ pk: 'CASE#g2', sk: 'CASE' }, { gsi1pk: 'NINO#ZZ999999Z' });
      expect((await table.queryIndex('NINO#AB123456C')).map((k) => k.pk)).toEqual(['CASE#g1']);
      await table.delete({ pk: 'CASE#g1', sk: 'CASE' });
      expect(await table.queryIndex('NINO#AB123456C')).toEqual([]);
    });

    it('keeps a partition or index value apart from values it is a prefix of', async () => {
      await table.put({ pk: 'JOBENTRY#4001', sk: 'a', gsi1pk: 'CMO#VISIT#V-1', gsi1sk: 'x' });
      await table.put({ pk: 'JOBENTRY#40012', sk: 'a', gsi1pk: 'CMO#VISIT#V-12', gsi1sk: 'x' });
      await table.put({ pk: 'JOBENTRY#4001#', sk: 'a', gsi1pk: 'CMO#VISIT#V-1#', gsi1sk: 'x' });
      expect((await table.queryPartition('JOBENTRY#4001')).map((i) => i.pk)).toEqual(['JOBENTRY#4001']);
      expect((await table.queryIndex('CMO#VISIT#V-1')).map((k) => k.pk)).toEqual(['JOBENTRY#4001']);
    });

    it("scans one process's records, with or without the records older than the process attribute", async () => {
      await table.put({ pk: 'CASE#s1', sk: 'CASE', process: 'information-session' });
      await table.put({ pk: 'CASE#s2', sk: 'CASE', process: 'exit-report' });
      await table.put({ pk: 'CASE#s3', sk: 'CASE' });
      await table.put({ pk: 'CASE#s3', sk: 'REPORT#1', process: 'exit-report' });
      const scanned = async (filter: Parameters<CaseTable['scan']>[0]) => {
        const pks: string[] = [];
        for await (const item of table.scan(filter))
          if (String(item.pk).startsWith('CASE#s')) pks.push(String(item.pk));
        return pks.sort();
      };
      expect(await scanned({ sk: 'CASE', process: 'information-session' })).toEqual(['CASE#s1']);
      expect(await scanned({ sk: 'CASE', process: 'exit-report', includeUnlabelled: true })).toEqual([
        'CASE#s2',
        'CASE#s3',
      ]);
      expect(await scanned({ sk: 'CASE', process: 'exit-report' })).toEqual(['CASE#s2']);
    });

    it('scans every page of a large table', async () => {
      const big = 'x'.repeat(40_000);
      for (let i = 0; i < 40; i++) await table.put({ pk: `CASE#big${i}`, sk: 'CASE', process: 'big', big });
      let n = 0;
      for await (const _ of table.scan({ sk: 'CASE', process: 'big' })) n++;
      expect(n).toBe(40);
    });
  });
}

describe('embedded store', () => {
  it('keeps its data in a folder across a reopen, and sweeps expired items as TTL does', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'wp-store-test-'));
    try {
      const first = new LmdbCaseTable({ path: dir });
      await first.put({ pk: 'CASE#k', sk: 'CASE', version: 7 });
      await first.put({ pk: 'CASE#k', sk: 'REPORT#1', expiresAt: 1_000 });
      await first.put({ pk: 'CASE#k', sk: 'REPORT#2', expiresAt: 3_000 });
      await first.close();
      const again = new LmdbCaseTable({ path: dir });
      expect((await again.get({ pk: 'CASE#k', sk: 'CASE' }))?.version).toBe(7);
      expect(await again.get({ pk: 'CASE#k', sk: 'REPORT#1' })).not.toBeNull();
      expect(again.sweepExpired(2_000)).toBe(1);
      expect(await again.get({ pk: 'CASE#k', sk: 'REPORT#1' })).toBeNull();
      expect(await again.get({ pk: 'CASE#k', sk: 'REPORT#2' })).not.toBeNull();
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
