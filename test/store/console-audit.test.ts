import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableStore } from '../../adapters/store/table-store.ts';
import { consoleAuditOf, recordConsoleAction } from '../../console/audit.ts';
import type { StaffUser } from '../../console/roles.ts';
import { STORE_ADAPTERS, type StoreSubject } from './adapters.ts';

/**
 * The console's audit of staff actions, against both store adapters: many actions on one case at the same
 * instant each keep their entry (none overwrites another), and entries written before one item per entry are
 * still read.
 */
const lead: StaffUser = { email: 'spoc.lead@provider.example', name: 'SPoC lead', roles: ['spoc-lead'] };
const caseworker: StaffUser = { email: 'caseworker1@provider.example', name: 'Caseworker', roles: ['caseworker'] };
const AT = '2026-03-02T10:00:00.000Z';

for (const [name, make] of Object.entries(STORE_ADAPTERS)) {
  describe(`console audit: ${name}`, () => {
    let subject: StoreSubject;
    let cases: TableStore;
    beforeAll(async () => {
      subject = await make();
      cases = new TableStore(subject.table);
    });
    afterAll(async () => subject.close());

    it('keeps every one of many concurrent actions on one case, each under who did it', async () => {
      const actions = Array.from({ length: 40 }, (_, i) => ({
        user: i % 2 === 0 ? lead : caseworker,
        detail: `action ${i}`,
      }));
      await Promise.all(
        actions.map(({ user, detail }) =>
          recordConsoleAction(cases, 'er-concurrent', user, {
            at: AT,
            action: 'district-call',
            outcome: 'done',
            detail,
          }),
        ),
      );
      const entries = await consoleAuditOf(cases, 'er-concurrent');
      expect(entries).toHaveLength(actions.length);
      expect(new Set(entries.map((e) => e.detail))).toEqual(new Set(actions.map((a) => a.detail)));
      for (const entry of entries) {
        const { user } = actions[Number(entry.detail?.split(' ')[1])] as (typeof actions)[number];
        expect(entry).toMatchObject({ at: AT, who: user.email, roles: user.roles, action: 'district-call' });
      }
    });

    it('reads the entries oldest first, those kept in one item before first, and no other case’s', async () => {
      await cases.putCaseAttachment(
        'er-older',
        'CONSOLE#AUDIT',
        {
          entries: [
            { at: '2025-01-06T09:00:00.000Z', who: lead.email, roles: lead.roles, action: 'refer', outcome: 'done' },
          ],
        },
        2_000_000_000,
      );
      await cases.putCaseAttachment('er-older', 'REPORT#1', { document: 'not an audit entry' }, 2_000_000_000);
      for (const at of ['2026-03-03T09:00:00.000Z', '2026-03-02T09:00:00.000Z'])
        await recordConsoleAction(cases, 'er-older', caseworker, { at, action: 'confirm-sent', outcome: 'done' });
      await recordConsoleAction(cases, 'er-other', caseworker, { at: AT, action: 'refer', outcome: 'done' });
      const entries = await consoleAuditOf(cases, 'er-older');
      expect(entries.map((e) => [e.at, e.action, e.who])).toEqual([
        ['2025-01-06T09:00:00.000Z', 'refer', lead.email],
        ['2026-03-02T09:00:00.000Z', 'confirm-sent', caseworker.email],
        ['2026-03-03T09:00:00.000Z', 'confirm-sent', caseworker.email],
      ]);
    });
  });
}
