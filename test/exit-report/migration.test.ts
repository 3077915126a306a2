import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseTable, TableItem } from '../../adapters/store/case-table.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { LocalSystem } from '../../local/runtime/system.ts';
import { exitReportDocument, wper2e } from '../workflows/harness.ts';

/**
 * Cases running in AWS before the seam refactor (commit ac810eb: the Exit Report as a LifecycleProcess) move over
 * with restart-from-record (DEPLOY.md, "Upgrading a workflow definition while cases are running").
 *
 * fixtures/old-layout-cases.json was written by the code of ac810eb^ itself, not by hand: its
 * domain/lifecycle/exit-report-lifecycle.ts made the records and its CaseStore item shape (record-store.ts
 * `item()`: pk CASE#<id>, sk CASE, the record as one JSON string, version, stage, process, gsi1pk/gsi1sk, the
 * wake token of the old await-event task) holds them; one record predates the `process` attribute. To make it
 * again: `mkdir old && git archive ac810eb^ domain data | tar -x -C old`, link node_modules, and run
 * fixtures/make-old-layout.ts.txt there with tsx.
 */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/old-layout-cases.json', import.meta.url), 'utf8')) as {
  writtenAt: string;
  items: TableItem[];
};

const WAITING = 'er-0a1b2c3d-0000-4000-8000-000000000001';
const DUE = 'er-0a1b2c3d-0000-4000-8000-000000000002';

describe('a record written in the previous layout resumes under the new definition', () => {
  let system: LocalSystem | undefined;
  afterEach(async () => {
    await system?.stop();
  });

  it('restart-open-cases drives both old records to their end: nothing sent twice, nothing lost', async () => {
    const clock = new VirtualClock(fixture.writtenAt);
    const sent: string[] = [];
    let table: CaseTable | undefined;
    system = await LocalSystem.start({
      clock,
      config: demoProviderConfig,
      mailer: {
        async send(message) {
          sent.push(message.intentId);
          return { messageId: `<${message.intentId}@local>` };
        },
      },
      renderNotice: (intent) => ({ subject: intent.kind, text: JSON.stringify(intent.facts) }),
      composeNotice: async (n) => Buffer.from(`Subject: ${n.subject}\r\n\r\n${n.text}`),
      checkReport: () => ({ ok: true, problems: [] }),
      composeExitReport: async ({ to, report }) =>
        Buffer.from(`Subject: Work Programme Exit Report\r\nTo: ${to}\r\n\r\n${report.nino}`),
      wrapStorage: (t) => {
        table = t;
        return t;
      },
    });
    // The table as the old code left it.
    for (const item of fixture.items) await table?.put(item);
    const staff = makeStaffActionHandler(system.deps);

    // DEPLOY.md step 2: a fresh execution of the new definition for every open case, planned from its record.
    expect(await staff({ action: 'restart-open-cases', tag: 'v2' })).toEqual({ restarted: 2 });
    await clock.settle();

    // The unlabelled record is found as an Exit Report case (by id, and by NINO for staff actions).
    const waiting = (await system.exitReports.get(WAITING)).record;
    expect(waiting.stage).toBe('awaiting-request');
    expect((await system.exitReports.findByIndex('NINO#JT310401A')).map((c) => c.caseId)).toEqual([WAITING]);
    // Its day 714 had passed under the old execution without the timer acted on: the new one acts on it once.
    expect(waiting.done['request-expected']).toBeDefined();
    expect(sent.filter((id) => id === `${WAITING}:request-expected`)).toHaveLength(1);
    // The old reminder was claimed and sent by the old outbox: not sent again.
    expect(sent).not.toContain(`${DUE}:reminder-5@1`);
    expect((await system.exitReports.get(DUE)).wakeToken?.token).not.toBe('old-definition-task-token-AAAA');

    // The first case's WPER2E arrives and goes the usual way; the second's report is submitted and sent.
    await clock.advanceTo(Date.parse('2025-12-29T10:00:00Z'));
    await system.deliver(WAITING, wper2e('2025-12-29', '2025-12-29T10:00:00Z'));
    await clock.settle();
    expect((await system.exitReports.get(WAITING)).record).toMatchObject({
      stage: 'report-due',
      request: { requestDate: '2025-12-29' },
    });
    await system.cases.putCaseAttachment(
      DUE,
      'SUBMISSION#migrated-1',
      { document: exitReportDocument({ nino: 'JT310402A', participantDetails: 'Alex Example JT310402A' }) },
      Math.floor(Date.parse('2026-06-01T00:00:00Z') / 1000),
    );
    await system.deliver(DUE, {
      id: 'migrated-1',
      type: 'report-submitted',
      submittedAt: '2025-12-29T10:00:00Z',
      messageId: '<migrated-1@provider.example>',
      submissionKey: 'SUBMISSION#migrated-1',
    });
    await clock.settle();
    const due = (await system.exitReports.get(DUE)).record;
    expect(due).toMatchObject({ stage: 'closed', closedReason: 'report-sent' });
    expect(due.report).toMatchObject({ route: 'email', onTime: true, sentDate: '2025-12-29' });
    // The audit kept from the old layout, continued by the new definition.
    expect(due.audit[0]?.what).toBe('case opened');
    expect(due.audit.map((a) => a.what)).toContain('internal reminder');
    expect(new Set(sent).size).toBe(sent.length);
  }, 60_000);
});
