import { afterEach, describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { renderExitReportNotice } from '../../domain/notices/exit-report-notices.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { participant, startHarness, submitReport, wper2e } from './harness.ts';

type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Errors and their records (CPA 18 ch.10 paras 39, 45, 50, 74–75), through the staff action staff use. */
describe('errors and their records', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  async function sentCase() {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant());
    await h.at('2025-12-17T10:00:00Z');
    await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
    await h.at('2025-12-22T14:00:00Z');
    await submitReport(h, caseId, 'sub-1');
    return { caseId, staff: makeStaffActionHandler(h.system.deps) };
  }

  it('a report sent to the wrong District: re-sent to the correct one (a new send), recorded 3 months, DWP security told', async () => {
    const { caseId, staff } = await sentCase();
    expect(h.sent.filter((m) => m.intentId === `${caseId}:exit-report@1`).map((m) => m.to)).toEqual([
      ['district-spoc.north@jcp.example'],
    ]);
    await h.at('2025-12-23T11:00:00Z');
    await staff({
      action: 'wrong-district',
      case: { nino: 'AB123456C' },
      correctDistrict: 'South District',
      correctReturnEmail: 'district-spoc.south@jcp.example',
      recordedBy: 'spoc@provider.example',
    });
    await h.clock.settle();
    const resent = h.sent.filter((m) => m.intentId === `${caseId}:exit-report@1:to:district-spoc.south@jcp.example`);
    expect(resent.map((m) => m.to)).toEqual([['district-spoc.south@jcp.example']]);
    expect(resent[0]?.body).toContain('AB123456C');
    const incident = h.sent.filter((m) => m.intentId.startsWith(`${caseId}:security-incident:`));
    expect(incident.map((m) => m.to)).toEqual([['security-incidents@dwp.example', 'spoc-lead@provider.example']]);
    const record = await h.record(caseId);
    expect(record).toMatchObject({ stage: 'closed', closedReason: 'report-sent' });
    expect(record.errorRecords).toEqual([
      expect.objectContaining({ what: 'wrong-district', recordedBy: 'spoc@provider.example', keepUntil: '2026-03-23' }),
    ]);
    expect(record.errorRecords?.[0]?.detail).toContain('re-sent by email to district-spoc.south@jcp.example');
    expect(await h.system.cases.getCaseAttachment(caseId, 'REPORT#1#RESENT')).toMatchObject({
      to: 'district-spoc.south@jcp.example',
    });
  });

  it('records the outcome of each call to the District, and an original request never received (paras 39, 45, 50)', async () => {
    const { caseId, staff } = await sentCase();
    await staff({
      action: 'district-call',
      case: { nino: 'AB123456C' },
      reason: 'original-not-received',
      calledOn: '2025-12-18',
      outcome: 'The District re-sent the WPER2E; the first email never reached our inbox.',
      recordedBy: 'spoc@provider.example',
    });
    await staff({
      action: 'district-call',
      case: { nino: 'AB123456C' },
      reason: 'over-40-records',
      calledOn: '2025-12-18',
      outcome: 'Agreed to work through the form (para 50).',
      recordedBy: 'spoc@provider.example',
    });
    await h.clock.settle();
    const record = await h.record(caseId);
    expect(record.errorRecords?.map((r) => r.what)).toEqual(['original-not-received', 'over-40-records']);
    expect(record.errorRecords?.[0]?.detail).toContain('the original request email was not received (para 39)');
    expect(record.audit.map((a) => a.what)).toContain('original request not received');
  });

  it('a wrong-District report cannot be recorded before any report went', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const caseId = await h.system.refer(participant());
    const staff = makeStaffActionHandler(h.system.deps);
    await staff({
      action: 'wrong-district',
      case: { nino: 'AB123456C' },
      correctDistrict: 'South District',
      correctReturnEmail: 'district-spoc.south@jcp.example',
      recordedBy: 'spoc@provider.example',
    });
    await h.clock.settle();
    const record = await h.record(caseId);
    expect(record.errorRecords).toBeUndefined();
    expect(record.audit.at(-1)).toMatchObject({ what: 'wrong-district flagged', flag: true });
  });

  it('the incident report names no participant: a case reference and dates a person reads', () => {
    const notice = renderExitReportNotice(
      {
        intentId: 'er-1:security-incident:x',
        kind: 'security-incident',
        to: ['security-incidents@dwp.example'],
        facts: {
          wrongAddress: 'district-spoc.north@jcp.example',
          correctDistrict: 'South District',
          resentTo: 'district-spoc.south@jcp.example',
          sentDate: '2025-12-22',
          recordedBy: 'spoc@provider.example',
        },
      },
      demoProviderConfig,
    );
    expect(notice.text).toContain('sent on Mon 22 Dec 2025');
    expect(notice.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(notice.text).not.toMatch(/[A-Z]{2}\d{6}[A-D]/);
  });
});
