import { afterEach, describe, expect, it } from 'vitest';
import type { InformationSessionCase } from '../../domain/information-session/case.ts';
import { esaGroup } from '../../domain/information-session/eligibility.ts';
import { INFORMATION_SESSION_METRICS } from '../../domain/information-session/lifecycle.ts';
import {
  informationSessionProcess,
  informationSessionRecordKind,
} from '../../functions/commons/processes/information-session.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { makeStatusReportHandler } from '../../functions/status-report/handler.ts';
import { startHarness } from './harness.ts';

/**
 * The Information Session workflow (ch.19) on the local runtime, in virtual time: the real state machine
 * definition, the real step function and staff actions, dynalite storage. Every branch the issue names.
 * Referral on Monday 2 March 2026: session due 17 March (15 calendar days), WP11 awaited to the end of 23 March
 * (21), attachment by 30 March (28).
 */
type Harness = Awaited<ReturnType<typeof startHarness>>;

const REFERRAL_DATE = '2026-03-02';
const STAFF = 'sessions@provider.example';
const MANDATABLE = esaGroup('esa-c-wrag').participant;
const NOT_MANDATABLE = esaGroup('esa-ir-support-group').participant;

describe('Information Session workflow on the local runtime', () => {
  let h: Harness;
  let staff: ReturnType<typeof makeStaffActionHandler>;
  afterEach(async () => {
    await h?.stop();
  });

  async function referred(options: { mandation?: 'mandatory' | 'voluntary'; esaGroup?: string; nino?: string } = {}) {
    h = await startHarness(`${REFERRAL_DATE}T09:00:00Z`);
    staff = makeStaffActionHandler(h.system.deps);
    const result = (await staff({
      action: 'refer-information-session',
      referral: {
        nino: options.nino ?? 'AB123456C',
        referralDate: REFERRAL_DATE,
        mandation: options.mandation ?? 'voluntary',
        esaGroup: options.esaGroup ?? MANDATABLE,
        caseworkerEmail: STAFF,
      },
    })) as { caseId: string; created: boolean };
    await h.clock.settle();
    expect(result.created).toBe(true);
    return result.caseId;
  }

  const records = () => h.system.cases.recordsOf(informationSessionRecordKind);
  const record = async (caseId: string): Promise<InformationSessionCase> => (await records().get(caseId)).record;
  const notices = (caseId: string, kind: string) => h.sent.filter((m) => m.intentId.startsWith(`${caseId}:${kind}`));

  async function fact(caseId: string, at: string, f: Record<string, unknown>) {
    await h.at(at);
    const result = await staff({ action: 'information-session', case: { caseId }, fact: f });
    await h.clock.settle();
    return result as { duplicate: boolean };
  }

  async function wp11(caseId: string, at: string) {
    await h.at(at);
    await h.system.deliverTo(informationSessionProcess, caseId, {
      id: `wp11:<wp11-${at}@jcp.example>`,
      type: 'wp11-received',
      receivedAt: at,
      messageId: `<wp11-${at}@jcp.example>`,
      wp11: { interviewDate: null, formDate: null },
    });
    await h.clock.settle();
  }

  const attended = (sessionDate: string) => ({
    type: 'session-outcome',
    outcome: 'attended',
    sessionDate,
    recordedBy: STAFF,
  });
  const missed = (sessionDate: string) => ({
    type: 'session-outcome',
    outcome: 'did-not-attend',
    sessionDate,
    recordedBy: STAFF,
  });

  function executionsOf(caseId: string) {
    return h.stopped.filter((e) => e.name.startsWith(caseId));
  }

  it('attended, WP11 within 21 days, attached to the Work Programme referral: closed, the execution ended', async () => {
    const caseId = await referred();
    expect(notices(caseId, 'session-referral-received')).toHaveLength(1);
    let c = await record(caseId);
    expect(c.deadlines.session.due).toBe('2026-03-17');
    expect(c.deadlines.wp11Window.due).toBe('2026-03-23');
    expect(c.deadlines.attachment.due).toBe('2026-03-30');

    await fact(caseId, '2026-03-05T10:00:00Z', {
      type: 'session-arranged',
      sessionDate: '2026-03-09',
      recordedBy: STAFF,
    });
    await fact(caseId, '2026-03-09T15:00:00Z', attended('2026-03-09'));
    expect((await record(caseId)).stage).toBe('attended');
    // Reminders are for sessions not yet held: none went after the outcome (5 days before the 17th is the 12th).
    expect(notices(caseId, 'session-reminder')).toHaveLength(0);

    await wp11(caseId, '2026-03-16T11:00:00Z');
    c = await record(caseId);
    expect(c.stage).toBe('attachment-due');
    expect(notices(caseId, 'attachment-due')).toHaveLength(1);

    await fact(caseId, '2026-03-20T10:00:00Z', {
      type: 'attachment-recorded',
      referralType: 'work-programme',
      attachedOn: '2026-03-20',
      recordedBy: STAFF,
    });
    c = await record(caseId);
    expect(c.stage).toBe('closed');
    expect(c.closedReason).toBe('attached');
    expect(c.attachment).toMatchObject({ attachedOn: '2026-03-20', onTime: true });
    expect(executionsOf(caseId).at(-1)?.status).toBe('SUCCEEDED');
    // Nothing is left to remind: day 21 and day 28 pass quietly.
    await h.at('2026-04-30T12:00:00Z');
    expect(notices(caseId, 'cancel-did-not-start')).toHaveLength(0);
    expect(notices(caseId, 'attachment-overdue')).toHaveLength(0);
    expect(h.system.figures.get(INFORMATION_SESSION_METRICS.attended)).toBe(1);
    expect(h.system.figures.get(INFORMATION_SESSION_METRICS.wp11Received)).toBe(1);
  });

  it("attended, no WP11 by the end of day 21: a task to cancel on PRaP as 'Did Not Start', chased until confirmed", async () => {
    const caseId = await referred();
    await fact(caseId, '2026-03-10T15:00:00Z', attended('2026-03-10'));
    await h.at('2026-03-23T23:00:00Z');
    expect((await record(caseId)).stage).toBe('attended');
    expect(notices(caseId, 'cancel-did-not-start')).toHaveLength(0);

    // The end of day 21 (midnight London, GMT in March) raises the task; the chase follows a working day later.
    await h.at('2026-03-24T00:00:01Z');
    expect((await record(caseId)).stage).toBe('cancel-due');
    expect(notices(caseId, 'cancel-did-not-start')).toHaveLength(1);
    expect(notices(caseId, 'cancel-did-not-start')[0]?.body).toContain('Did Not Start');
    await h.at('2026-03-26T12:00:00Z');
    expect(notices(caseId, 'cancel-chase').length).toBeGreaterThanOrEqual(1);

    await fact(caseId, '2026-03-26T14:00:00Z', {
      type: 'prap-cancelled',
      cancelledOn: '2026-03-26',
      confirmedBy: STAFF,
    });
    const c = await record(caseId);
    expect(c.stage).toBe('closed');
    expect(c.closedReason).toBe('cancelled-did-not-start');
    const chases = notices(caseId, 'cancel-chase').length;
    await h.at('2026-04-30T12:00:00Z');
    expect(notices(caseId, 'cancel-chase')).toHaveLength(chases);
    expect(h.system.figures.get(INFORMATION_SESSION_METRICS.cancelledDidNotStart)).toBe(1);
  });

  it('mandated non-attendance: a task to tell Jobcentre Plus with the consequence stated, chased until confirmed', async () => {
    const caseId = await referred({ mandation: 'mandatory', esaGroup: MANDATABLE });
    expect(notices(caseId, 'mandation-flagged')).toHaveLength(0);
    await fact(caseId, '2026-03-09T16:00:00Z', missed('2026-03-09'));
    let c = await record(caseId);
    expect(c.stage).toBe('did-not-attend');
    const task = notices(caseId, 'dna-notify-jcp');
    expect(task).toHaveLength(1);
    expect(task[0]?.body).toContain('cannot pursue sanction activity');
    await h.at('2026-03-11T12:00:00Z');
    expect(notices(caseId, 'dna-chase').length).toBeGreaterThanOrEqual(1);

    const confirm = {
      type: 'jcp-dna-notified',
      notifiedOn: '2026-03-11',
      route: 'District SPoC mailbox (locally agreed)',
      confirmedBy: STAFF,
    };
    await fact(caseId, '2026-03-11T13:00:00Z', confirm);
    // The same confirmation said twice is one event.
    expect((await fact(caseId, '2026-03-11T13:05:00Z', confirm)).duplicate).toBe(true);
    c = await record(caseId);
    expect(c.dnaNotices).toEqual([expect.objectContaining({ sessionDate: '2026-03-09', notifiedOn: '2026-03-11' })]);
    // The repeat changed nothing but the audit.
    expect(c.audit.filter((a) => a.what === 'repeat ignored')).toHaveLength(1);
    const chases = notices(caseId, 'dna-chase').length;
    await h.at('2026-03-20T12:00:00Z');
    expect(notices(caseId, 'dna-chase')).toHaveLength(chases);
    expect(h.system.figures.get(`${INFORMATION_SESSION_METRICS.notAttended}{Mandation=mandatory}`)).toBe(1);
    expect(h.system.figures.get(INFORMATION_SESSION_METRICS.dnaNoticesSent)).toBe(1);
  });

  it('voluntary non-attendance: no notice to Jobcentre Plus, and day 21 without a WP11 still cancels', async () => {
    const caseId = await referred({ mandation: 'voluntary' });
    await fact(caseId, '2026-03-09T16:00:00Z', missed('2026-03-09'));
    expect((await record(caseId)).stage).toBe('did-not-attend');
    await h.at('2026-03-25T12:00:00Z');
    expect(notices(caseId, 'dna-notify-jcp')).toHaveLength(0);
    expect((await record(caseId)).dnaNotices).toEqual([]);
    expect(notices(caseId, 'cancel-did-not-start')).toHaveLength(1);
  });

  it('rearranged and attended before day 21: no re-referral, every date still runs from the referral', async () => {
    const caseId = await referred({ mandation: 'mandatory' });
    await fact(caseId, '2026-03-05T16:00:00Z', missed('2026-03-05'));
    await fact(caseId, '2026-03-06T10:00:00Z', {
      type: 'session-arranged',
      sessionDate: '2026-03-12',
      recordedBy: STAFF,
    });
    await fact(caseId, '2026-03-12T15:00:00Z', attended('2026-03-12'));
    let c = await record(caseId);
    expect(c.stage).toBe('attended');
    expect(c.sessions.map((s) => [s.date, s.rearranged, s.outcome])).toEqual([
      ['2026-03-05', false, 'did-not-attend'],
      ['2026-03-12', true, 'attended'],
    ]);
    expect(c.deadlines.wp11Window.due).toBe('2026-03-23');
    await wp11(caseId, '2026-03-19T10:00:00Z');
    c = await record(caseId);
    expect(c.stage).toBe('attachment-due');
    expect(c.deadlines.attachment.due).toBe('2026-03-30');
    expect(notices(caseId, 'cancel-did-not-start')).toHaveLength(0);
  });

  it('rearranged after day 21: the referral is cancelled at day 21 anyway; a WP11 after it is flagged as late', async () => {
    const caseId = await referred();
    await fact(caseId, '2026-03-16T16:00:00Z', missed('2026-03-16'));
    await fact(caseId, '2026-03-17T10:00:00Z', {
      type: 'session-arranged',
      sessionDate: '2026-03-25',
      recordedBy: STAFF,
    });
    const arranged = await record(caseId);
    expect(arranged.audit.some((a) => a.what === 'session after day 21')).toBe(true);
    await h.at('2026-03-24T09:00:00Z');
    expect((await record(caseId)).stage).toBe('cancel-due');
    expect(notices(caseId, 'cancel-did-not-start')).toHaveLength(1);
    await fact(caseId, '2026-03-25T15:00:00Z', attended('2026-03-25'));
    await wp11(caseId, '2026-03-27T10:00:00Z');
    const c = await record(caseId);
    expect(c.stage).toBe('cancel-due');
    expect(notices(caseId, 'wp11-late')).toHaveLength(1);
    expect(c.audit.some((a) => a.flag && /WP11/.test(a.what))).toBe(true);
  });

  it('mandatory for a group Annex A says cannot be mandated: flagged to the SPoC lead at referral, not silently accepted', async () => {
    const caseId = await referred({ mandation: 'mandatory', esaGroup: NOT_MANDATABLE });
    const flagged = notices(caseId, 'mandation-flagged');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.to).toEqual(['spoc-lead@provider.example']);
    const c = await record(caseId);
    expect(c.mandationCheck.ok).toBe(false);
    expect(c.audit.some((a) => a.what === 'mandation flagged' && a.flag)).toBe(true);
    expect(h.system.figures.get(INFORMATION_SESSION_METRICS.mandationFlagged)).toBe(1);
  });

  it('an attachment recorded against the Information Session referral: the PRaP16 back-out instruction and an alert', async () => {
    const caseId = await referred();
    await fact(caseId, '2026-03-09T15:00:00Z', attended('2026-03-09'));
    await wp11(caseId, '2026-03-12T10:00:00Z');
    await fact(caseId, '2026-03-13T10:00:00Z', {
      type: 'attachment-recorded',
      referralType: 'information-session',
      attachedOn: '2026-03-13',
      recordedBy: STAFF,
    });
    const alert = notices(caseId, 'wrong-attachment');
    expect(alert).toHaveLength(1);
    expect(alert[0]?.to).toContain('contract-manager@provider.example');
    expect(alert[0]?.body).toMatch(/PRaP16/);
    expect(alert[0]?.body).toMatch(/recover/i);
    let c = await record(caseId);
    expect(c.wrongAttachments).toEqual([expect.objectContaining({ attachedOn: '2026-03-13', backedOutOn: null })]);
    expect(c.stage).toBe('attachment-due');

    await fact(caseId, '2026-03-16T10:00:00Z', {
      type: 'attachment-backed-out',
      backedOutOn: '2026-03-16',
      recordedBy: STAFF,
    });
    await fact(caseId, '2026-03-16T11:00:00Z', {
      type: 'attachment-recorded',
      referralType: 'work-programme',
      attachedOn: '2026-03-16',
      recordedBy: STAFF,
    });
    c = await record(caseId);
    expect(c.wrongAttachments[0]?.backedOutOn).toBe('2026-03-16');
    expect(c.stage).toBe('closed');
    expect(h.system.figures.get(INFORMATION_SESSION_METRICS.wrongAttachments)).toBe(1);
  });

  it('the daily status run counts open sessions by stage (the dashboard gauge)', async () => {
    const caseId = await referred();
    await makeStatusReportHandler(h.system.deps)();
    expect(h.system.figures.get('InformationSessionsOpen{Stage=session-due}')).toBe(1);
    await fact(caseId, '2026-03-09T15:00:00Z', attended('2026-03-09'));
    await makeStatusReportHandler(h.system.deps)();
    expect(h.system.figures.get('InformationSessionsOpen{Stage=attended}')).toBe(1);
  });

  it('refuses a fact dated after today (an outcome, a confirmation), but not a session arranged ahead', async () => {
    const caseId = await referred();
    await h.at('2026-03-05T10:00:00Z');
    await expect(
      staff({ action: 'information-session', case: { caseId }, fact: attended('2026-03-06') }),
    ).rejects.toThrow(/after today/);
    await fact(caseId, '2026-03-05T10:05:00Z', {
      type: 'session-arranged',
      sessionDate: '2026-03-06',
      recordedBy: STAFF,
    });
    expect((await record(caseId)).sessions).toHaveLength(1);
  });

  it('the same referral imported twice is one case; a restart resumes it from the record', async () => {
    const caseId = await referred();
    const again = (await staff({
      action: 'refer-information-session',
      referral: { nino: 'AB123456C', referralDate: REFERRAL_DATE, mandation: 'voluntary', caseworkerEmail: STAFF },
    })) as { caseId: string; created: boolean };
    expect(again).toEqual({ caseId, created: false });
    expect(notices(caseId, 'session-referral-received')).toHaveLength(1);
    expect(await h.system.resumeOpenCases()).toBeGreaterThanOrEqual(1);
    await h.clock.settle();
    await h.at('2026-03-24T09:00:00Z');
    expect(notices(caseId, 'cancel-did-not-start')).toHaveLength(1);
  });
});
