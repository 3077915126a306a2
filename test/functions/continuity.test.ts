import { afterEach, describe, expect, it } from 'vitest';
import { checkContinuity } from '../../functions/commons/continuity.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { participant, startHarness, submitReport, wper2e } from '../workflows/harness.ts';

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('business continuity: email suspended (paras 85–89)', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  it('sends nothing to Jobcentre Plus by email, points notices to the clerical route, and emails WPD once after 48 hours', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    const caseId = await h.system.refer(participant());
    await h.at('2025-12-15T09:00:00Z');
    await staff({ action: 'suspend-email', reason: 'mail gateway failure', expectedResumption: 'Friday' });
    expect(h.sentTo('Exit Report email suspended')).toHaveLength(1);

    await h.at('2025-12-17T10:00:00Z');
    await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
    const [notice] = h.sentTo('request-received');
    expect(notice?.body).toContain('EMAIL TO JOBCENTRE PLUS IS SUSPENDED');

    await submitReport(h, caseId, 's1');
    expect(h.sentTo('Work Programme Exit Report')).toHaveLength(0);
    expect(h.sentTo('submission-returned')[0]?.body).toContain('post or courier');
    expect((await h.record(caseId)).stage).toBe('report-due');

    // Suspended 49 hours by now: Work Programme Division is emailed, once however often the check runs.
    expect(await checkContinuity(h.system.deps)).toEqual({ wpdNotified: true });
    await checkContinuity(h.system.deps);
    const wpd = h.sent.filter((m) => m.to.includes('wpd@dwp.example'));
    expect(wpd).toHaveLength(1);
    expect(wpd[0]?.body).toContain('mail gateway failure');

    await staff({ action: 'resume-email' });
    expect(h.sentTo('Exit Report email resumed')).toHaveLength(1);
  });

  it('does not email Work Programme Division before 48 hours', async () => {
    h = await startHarness('2025-12-15T09:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    await staff({ action: 'suspend-email' });
    await h.at('2025-12-17T08:59:00Z');
    expect(await checkContinuity(h.system.deps)).toEqual({ wpdNotified: false });
    await h.at('2025-12-17T09:00:00Z');
    expect(await checkContinuity(h.system.deps)).toEqual({ wpdNotified: true });
  });
});
