import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableStore } from '../../adapters/store/table-store.ts';
import { STORE_ADAPTERS, type StoreSubject } from './adapters.ts';

/** The inbound messages' outcomes as the console lists them, over both store adapters. */
for (const [name, make] of Object.entries(STORE_ADAPTERS)) {
  describe(`TableStore.inboundMessages: ${name}`, () => {
    let subject: StoreSubject;
    let store: TableStore;
    beforeAll(async () => {
      subject = await make();
      store = new TableStore(subject.table);
    });
    afterAll(async () => subject.close());

    it('lists every message with its outcome and findings, newest first, and nothing else in the table', async () => {
      // Prepare: two messages, as the inbound-mail handler records them, and other items with other sort keys
      await store.recordMessageOnce('older', {
        status: 'processing',
        messageKey: 'inbound/a',
        kind: 'request',
        from: 'spoc@district.example',
        subject: 'WPER2E',
        receivedAt: '2026-03-02T09:00:00.000Z',
        findings: ['flag invalid-nino: Row 2: …'],
      });
      await store.updateMessage('older', { status: 'accepted', actioned: 1, flagged: 1, flags: ['Row 2: phone'] });
      await store.recordMessageOnce('newer', {
        status: 'processing',
        messageKey: 'inbound/b',
        kind: 'request',
        from: 'someone@elsewhere.example',
        subject: 'WPER2E',
        receivedAt: '2026-03-03T09:00:00.000Z',
        findings: [],
      });
      await store.updateMessage('newer', { status: 'rejected', reason: 'sender', detail: 'Not designated' });
      await store.putCaseAttachment('c1', 'MSG-LIKE', { subject: 'not a message' }, 2_000_000_000);
      await store.claimIntent('i1', '2026-03-02T09:00:00Z', 2_000_000_000);

      // Act
      const listed = await store.inboundMessages();

      // Assess
      expect(listed.map((m) => m.key)).toEqual(['newer', 'older']);
      expect(listed[0]).toMatchObject({
        messageKey: 'inbound/b',
        from: 'someone@elsewhere.example',
        status: 'rejected',
        reason: 'sender',
        detail: 'Not designated',
        findings: [],
        destroyed: null,
      });
      expect(listed[1]).toMatchObject({
        receivedAt: '2026-03-02T09:00:00.000Z',
        subject: 'WPER2E',
        status: 'accepted',
        findings: ['flag invalid-nino: Row 2: …'],
        flags: ['Row 2: phone'],
        actioned: 1,
      });
    });
  });
}
