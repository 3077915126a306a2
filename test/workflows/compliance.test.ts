import { afterEach, describe, expect, it } from 'vitest';
import type { ComplianceCase } from '../../domain/compliance/case.ts';
import { complianceRecordKind } from '../../functions/commons/processes/compliance.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { makeStatusReportHandler } from '../../functions/status-report/handler.ts';
import { startHarness } from './harness.ts';

/**
 * The compliance handover workflow (memo 147) on the local runtime, in virtual time: the real definition, step
 * function, staff actions and storage. Visits come in as CSV (as `wp visits import` sends them). Visit on Friday
 * 14 March 2014 ending 16:30: the 48 hours end Sun 16 Mar 16:30, the ESF3 is due Mon 31 Mar (12 working days, day one the visit date),
 * the calendar month ends Mon 14 Apr.
 */
type Harness = Awaited<ReturnType<typeof startHarness>>;

const HEADER = 'Visit reference,Contract,Division,Visit date,Visit end time,ESF2a reference,NINO,Issue';
const LEAD = 'spoc-lead@provider.example';
const CONTRACT_MANAGER = 'contract-manager@provider.example';

function visitsCsv(n: number, visitDate = '2014-03-14', endTime = '16:30', visitRef = 'V-2014-031'): string {
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `${visitRef},CPA 99 Example North,England and Wales,${visitDate},${endTime},ESF2a-${String(i + 1).padStart(2, '0')},,Issue ${i + 1}: evidence not seen`,
  );
  return [HEADER, ...rows].join('\n');
}
const refs = (n: number) => Array.from({ length: n }, (_, i) => `ESF2a-${String(i + 1).padStart(2, '0')}`);

describe('compliance handover workflow on the local runtime', () => {
  let h: Harness;
  let staff: ReturnType<typeof makeStaffActionHandler>;
  let caseId: string;
  afterEach(async () => {
    await h?.stop();
  });

  async function visited(n: number, visitDate = '2014-03-14', endTime = '16:30') {
    h = await startHarness(`${visitDate}T17:00:00Z`);
    staff = makeStaffActionHandler(h.system.deps);
    const result = (await staff({ action: 'import-cmo-visits', csv: visitsCsv(n, visitDate, endTime) })) as {
      opened: number;
      visits: Array<{ caseId: string }>;
    };
    await h.clock.settle();
    expect(result.opened).toBe(1);
    caseId = result.visits[0]?.caseId as string;
    return caseId;
  }
  const record = async (): Promise<ComplianceCase> =>
    (await h.system.cases.recordsOf(complianceRecordKind).get(caseId)).record;
  const notices = (kind: string) => h.sent.filter((m) => m.intentId.startsWith(`${caseId}:${kind}`));
  async function fact(at: string, f: Record<string, unknown>) {
    await h.at(at);
    const result = await staff({ action: 'compliance', visit: { visitRef: 'V-2014-031' }, fact: f });
    await h.clock.settle();
    return result as { duplicate: boolean };
  }

  it('shows every ESF2a its two deadlines at the visit; evidence within 48 hours takes an action out of the selection', async () => {
    await visited(3);
    const opening = notices('visit-recorded');
    expect(opening).toHaveLength(1);
    expect(opening[0]?.body).toContain('Sun 16 Mar 2014');
    expect(opening[0]?.body).toContain('Mon 14 Apr 2014');
    await fact('2014-03-15T10:00:00Z', { type: 'evidence-recorded', reference: 'ESF2a-01', note: 'Signed plan found' });
    expect(
      (
        await fact('2014-03-15T10:05:00Z', {
          type: 'evidence-recorded',
          reference: 'ESF2a-01',
          note: 'Signed plan found',
        })
      ).duplicate,
    ).toBe(true);
    // Reminders 24 and 4 hours before the window closes, then the close itself.
    await h.at('2014-03-17T09:00:00Z');
    expect(notices('evidence-reminder').length + notices('evidence-window-closing').length).toBeGreaterThan(0);
    const c = await record();
    expect(c.stage).toBe('provider-action');
    expect(c.actions.map((a) => a.status)).toEqual(['evidence-accepted', 'outstanding', 'outstanding']);
    expect(c.prediction?.size).toBe(2);
  });

  it('3 outstanding: all 3 predicted for the PM, and the handover agrees', async () => {
    await visited(3);
    await h.at('2014-03-17T09:00:00Z');
    let c = await record();
    expect(c.prediction).toMatchObject({ outstanding: 3, size: 3, all: true });
    expect(notices('outstanding-and-selection')).toHaveLength(1);
    await fact('2014-03-18T10:00:00Z', { type: 'cmo-handover', selected: refs(3) });
    c = await record();
    expect(c.actions.every((a) => a.selected === true)).toBe(true);
    expect(h.system.figures.get('Esf2aSelectedForPm')).toBe(3);
  });

  it('12 outstanding: 5 predicted (min(12, 5)); the actual selection of 5 is recorded from the handover', async () => {
    await visited(12);
    await h.at('2014-03-17T09:00:00Z');
    let c = await record();
    expect(c.prediction).toMatchObject({ outstanding: 12, size: 5, all: false });
    const chosen = ['ESF2a-02', 'ESF2a-04', 'ESF2a-07', 'ESF2a-09', 'ESF2a-12'];
    await fact('2014-03-18T10:00:00Z', { type: 'cmo-handover', selected: chosen });
    c = await record();
    expect(c.actions.filter((a) => a.selected).map((a) => a.reference)).toEqual(chosen);
    expect(c.actions.filter((a) => a.selected === false)).toHaveLength(7);
  });

  it('ESF3 not received within 12 working days: flagged late once', async () => {
    await visited(3);
    // The end of Mon 31 Mar in London is 23:00 UTC (British Summer Time from 30 March).
    await h.at('2014-03-31T22:59:00Z');
    expect(notices('esf3-late')).toHaveLength(0);
    await h.at('2014-04-01T09:00:00Z');
    const late = notices('esf3-late');
    expect(late).toHaveLength(1);
    expect(late[0]?.body).toContain('Mon 31 Mar 2014');
    expect((await record()).esf3.late).toBe(true);
  });

  async function toReview(outcome: 'resolved' | 'unresolved') {
    await visited(3);
    await fact('2014-03-20T10:00:00Z', { type: 'esf3-received', receivedDate: '2014-03-20' });
    await fact('2014-03-20T11:00:00Z', { type: 'cmo-handover', selected: refs(3) });
    await fact('2014-04-01T09:30:00Z', {
      type: 'progress-note',
      reference: 'ESF2a-01',
      by: 'adviser@provider.example',
      note: 'Participant booked in to sign the Action Plan',
    });
    await fact('2014-04-08T09:30:00Z', {
      type: 'provider-resolved',
      reference: 'ESF2a-02',
      note: 'Start date corrected',
    });
    await h.at('2014-04-15T09:00:00Z');
    expect((await record()).stage).toBe('awaiting-pm-review');
    expect(notices('month-reminder').length + notices('month-deadline-approaching').length).toBeGreaterThan(0);
    await fact('2014-04-22T15:00:00Z', { type: 'pm-visit-arranged', visitDate: '2014-04-22' });
    await fact('2014-04-22T16:00:00Z', {
      type: 'pm-review',
      visitDate: '2014-04-22',
      outcomes: [
        { reference: 'ESF2a-01', outcome, note: outcome === 'unresolved' ? 'Still unsigned' : undefined },
        { reference: 'ESF2a-02', outcome: 'resolved' },
        { reference: 'ESF2a-03', outcome: 'resolved' },
      ],
    });
    return record();
  }

  it('resolved before the PM visit: resolved at review, nothing to the Contract Performance Review, case closed', async () => {
    const c = await toReview('resolved');
    expect(c.actions.map((a) => a.status)).toEqual(['resolved', 'resolved', 'resolved']);
    expect(c.cpr).toEqual([]);
    expect(c.stage).toBe('closed');
    expect(notices('unresolved-to-cpr')).toHaveLength(0);
    expect(h.system.figures.get('Esf2aResolvedAtPmReview')).toBe(3);
    expect(h.stopped.filter((e) => e.name.startsWith(caseId)).at(-1)?.status).toBe('SUCCEEDED');
  });

  it('unresolved: onto the Contract Performance Review list with its history; the contract manager told', async () => {
    const c = await toReview('unresolved');
    expect(c.actions[0]?.status).toBe('escalated-to-cpr');
    expect(c.cpr).toHaveLength(1);
    expect(c.cpr[0]?.history.join('\n')).toContain('Participant booked in to sign the Action Plan');
    const cpr = notices('unresolved-to-cpr');
    expect(cpr).toHaveLength(1);
    expect(cpr[0]?.to).toEqual([LEAD, CONTRACT_MANAGER]);
    expect(h.system.figures.get('Esf2aEscalatedToCpr')).toBe(1);
  });

  it('a visit on 31 January 2024: the calendar month ends Thu 29 February; the PM review opens in March', async () => {
    h = await startHarness('2024-01-31T16:00:00Z');
    staff = makeStaffActionHandler(h.system.deps);
    const csv = visitsCsv(2, '2024-01-31', '15:00').replaceAll('V-2014-031', 'V-2024-001');
    const result = (await staff({ action: 'import-cmo-visits', csv })) as { visits: Array<{ caseId: string }> };
    caseId = result.visits[0]?.caseId as string;
    await h.clock.settle();
    let c = await record();
    expect(c.deadlines.providerAction.due).toBe('2024-02-29');
    expect(c.actions.every((a) => a.deadlines.providerAction.due === '2024-02-29')).toBe(true);
    await h.at('2024-03-01T09:00:00Z');
    c = await record();
    expect(c.stage).toBe('awaiting-pm-review');
    const reminders = h.sent.filter((m) => m.intentId.startsWith(`${caseId}:month`)).map((m) => m.at.slice(0, 10));
    expect(reminders).toEqual(['2024-02-22', '2024-02-28']);
    // The daily status run counts the open actions by deadline from the records.
    await makeStatusReportHandler(h.system.deps)();
    expect(h.system.figures.get('OpenEsf2aActions{Deadline=pm-review}')).toBe(2);
  });
});
