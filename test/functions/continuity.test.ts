import { afterEach, describe, expect, it } from 'vitest';
import { checkContinuity } from '../../functions/commons/continuity.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { participant, startHarness, submitReport, wper2e } from '../workflows/harness.ts';

type Harness = Awaited<ReturnType<typeof startHarness>>;

const WPD = 'wpd@dwp.example';
const SUSPENDED_SUBJECT = 'Work Programme Exit Reports: Avanta temporarily unable to use unencrypted email';
const CLERICAL_SUBJECT = 'Work Programme Exit Reports: Avanta unable to use unencrypted email';
const RESUMING_SUBJECT = 'Work Programme Exit Reports: Avanta able to use unencrypted email again';

/** The subjects of the emails Work Programme Division got, in the order they went. */
const toWpd = (h: Harness) =>
  h.sent.filter((m) => m.to.includes(WPD)).map((m) => /^Subject: (.*)$/m.exec(m.body)?.[1] ?? '');

describe('business continuity: email suspended (paras 85–89)', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  it('emails WPD on suspension, again at 48 hours (clerical route), and before email is used again', async () => {
    h = await startHarness('2024-01-03T08:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    const caseId = await h.system.refer(participant());
    await h.at('2025-12-15T09:00:00Z');
    await staff({
      action: 'suspend-email',
      by: 'operator@provider.example',
      reason: 'mail gateway failure',
      expectedResumption: 'Friday',
    });
    expect(h.sentTo('Exit Report email suspended')).toHaveLength(1);
    // Para 85: at once, with what is known of how long it lasts.
    expect(toWpd(h)).toEqual([SUSPENDED_SUBJECT]);
    const first = h.sent.find((m) => m.to.includes(WPD))?.body ?? '';
    expect(first).toContain('Mon 15 Dec 2025 09:00');
    expect(first).toContain('mail gateway failure');
    expect(first).toContain('We expect to use email again from Friday');
    // Who switched email off is kept with the switch (every staff action records its actor).
    expect((await h.system.cases.getContinuity()).changedBy).toBe('operator@provider.example');
    expect(first).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

    await h.at('2025-12-17T10:00:00Z');
    await h.deliver(caseId, wper2e('2025-12-17', '2025-12-17T10:00:00Z'));
    const [notice] = h.sentTo('request-received');
    expect(notice?.body).toContain('EMAIL TO JOBCENTRE PLUS IS SUSPENDED');

    await submitReport(h, caseId, 's1');
    // No Exit Report to Jobcentre Plus by email (the emails to WPD start 'Work Programme Exit Reports:').
    expect(h.sent.filter((m) => m.body.startsWith('Subject: Work Programme Exit Report\r\n'))).toHaveLength(0);
    expect(h.sentTo('submission-returned')[0]?.body).toContain('post or courier');
    expect((await h.record(caseId)).stage).toBe('report-due');

    // Suspended 49 hours by now: the clerical-route email, once however often the check runs (para 87).
    expect(await checkContinuity(h.system.deps)).toEqual({ wpdNotified: true });
    await checkContinuity(h.system.deps);
    expect(toWpd(h)).toEqual([SUSPENDED_SUBJECT, `${CLERICAL_SUBJECT} (49 hours)`]);
    expect(h.sent.filter((m) => m.to.includes(WPD))[1]?.body).toContain('clerical route');

    // Para 88: WPD first, then email is used again.
    await h.at('2025-12-18T14:30:00Z');
    await staff({ action: 'resume-email', by: 'spoc-lead@provider.example' });
    expect(toWpd(h)).toEqual([SUSPENDED_SUBJECT, `${CLERICAL_SUBJECT} (49 hours)`, RESUMING_SUBJECT]);
    expect((await h.system.cases.getContinuity()).changedBy).toBe('spoc-lead@provider.example');
    const resuming = h.sent.findIndex((m) => m.body.includes(RESUMING_SUBJECT));
    const resumed = h.sent.findIndex((m) => m.body.startsWith('Subject: Exit Report email resumed'));
    expect(resuming).toBeGreaterThanOrEqual(0);
    expect(resumed).toBeGreaterThan(resuming);
    expect(h.sent[resuming]?.body).toContain('again from Thu 18 Dec 2025 14:30');
    expect((await h.system.cases.getContinuity()).suspendedSince).toBeNull();
  });

  it('does not send the clerical-route email before 48 hours when the outage is not expected to last that long', async () => {
    h = await startHarness('2025-12-15T09:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    await staff({ action: 'suspend-email', by: 'operator@provider.example', expectedHours: 6 });
    expect(toWpd(h)).toEqual([SUSPENDED_SUBJECT]);
    expect(h.sent.find((m) => m.to.includes(WPD))?.body).toContain('about 6 hours, until Mon 15 Dec 2025 15:00');
    await h.at('2025-12-17T08:59:00Z');
    expect(await checkContinuity(h.system.deps)).toEqual({ wpdNotified: false });
    await h.at('2025-12-17T09:00:00Z');
    expect(await checkContinuity(h.system.deps)).toEqual({ wpdNotified: true });
    expect(toWpd(h)).toEqual([SUSPENDED_SUBJECT, `${CLERICAL_SUBJECT} (48 hours)`]);
  });

  it('sends the clerical-route email at once when the outage is expected to last 48 hours or more', async () => {
    h = await startHarness('2025-12-15T09:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    await staff({
      action: 'suspend-email',
      by: 'operator@provider.example',
      reason: 'server room flood',
      expectedHours: 72,
    });
    expect(toWpd(h)).toEqual([SUSPENDED_SUBJECT, `${CLERICAL_SUBJECT} (0 hours)`]);
    expect(h.sent.filter((m) => m.to.includes(WPD))[1]?.body).toContain('we expect this to last 48 hours or longer');
    await h.at('2025-12-18T09:00:00Z');
    expect(await checkContinuity(h.system.deps)).toEqual({ wpdNotified: false });
    expect(toWpd(h)).toHaveLength(2);
  });

  it('sends it when staff come to expect 48 hours (keeping WPD informed, para 87)', async () => {
    h = await startHarness('2025-12-15T09:00:00Z');
    const staff = makeStaffActionHandler(h.system.deps);
    await staff({ action: 'suspend-email', by: 'operator@provider.example', expectedHours: 8 });
    await h.at('2025-12-15T16:00:00Z');
    await staff({ action: 'update-email-suspension', by: 'operator@provider.example', expectedHours: 60 });
    expect(toWpd(h)).toEqual([SUSPENDED_SUBJECT, `${CLERICAL_SUBJECT} (7 hours)`]);
    expect(h.sent.filter((m) => m.to.includes(WPD))[1]?.body).toContain('about 60 hours, until Wed 17 Dec 2025 21:00');
  });

  it('keeps email suspended when the email to WPD before resuming cannot be sent', async () => {
    let wpdDown = false;
    h = await startHarness('2025-12-15T09:00:00Z', {
      failSend: (m) => (wpdDown && m.to.includes(WPD) ? new Error('mail refused') : undefined),
    });
    const staff = makeStaffActionHandler(h.system.deps);
    await staff({ action: 'suspend-email', by: 'operator@provider.example' });
    wpdDown = true;
    await expect(staff({ action: 'resume-email', by: 'operator@provider.example' })).rejects.toThrow('mail refused');
    await expect(staff({ action: 'resume-email' })).rejects.toThrow(/by/);
    expect((await h.system.cases.getContinuity()).suspendedSince).not.toBeNull();
    expect(h.sentTo('Exit Report email resumed')).toHaveLength(0);
    wpdDown = false;
    await staff({ action: 'resume-email', by: 'operator@provider.example' });
    expect(toWpd(h)).toEqual([SUSPENDED_SUBJECT, RESUMING_SUBJECT]);
    expect((await h.system.cases.getContinuity()).suspendedSince).toBeNull();
  });
});
