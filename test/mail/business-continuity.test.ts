import { describe, expect, it } from 'vitest';
import {
  isEmailSuspended,
  markWpdNotified,
  resumeEmail,
  shouldNotifyWpd,
  suspendEmail,
  wpdNoticeDueAt,
  wpdSuspensionNotice,
} from '../../domain/mail/business-continuity.ts';

const SINCE = new Date('2024-06-03T08:00:00Z');
const hoursLater = (hours: number): Date => new Date(SINCE.getTime() + hours * 3_600_000);

describe('business continuity switch (paras 85–89)', () => {
  it('is off by default and on once suspended', () => {
    expect(isEmailSuspended({ suspendedSince: null })).toBe(false);
    const state = suspendEmail({ suspendedSince: null }, SINCE);
    expect(state).toEqual({ suspendedSince: '2024-06-03T08:00:00.000Z', wpdNotifiedAt: null });
    expect(isEmailSuspended(state)).toBe(true);
  });

  it('keeps the first suspension time when suspended again', () => {
    const state = suspendEmail({ suspendedSince: null }, SINCE);
    expect(suspendEmail(state, hoursLater(5))).toBe(state);
  });

  it.each([
    [0, false],
    [47.99, false],
    [48, true],
    [72, true],
  ])('after %s hours suspended, notify Work Programme Division: %s', (hours, expected) => {
    const state = suspendEmail({ suspendedSince: null }, SINCE);
    expect(shouldNotifyWpd(state, hoursLater(hours))).toBe(expected);
  });

  it('notifies once per suspension, and again after a new suspension', () => {
    const notified = markWpdNotified(suspendEmail({ suspendedSince: null }, SINCE), hoursLater(48));
    expect(shouldNotifyWpd(notified, hoursLater(100))).toBe(false);
    const again = suspendEmail(resumeEmail(), hoursLater(200));
    expect(shouldNotifyWpd(again, hoursLater(248))).toBe(true);
  });

  it('never notifies while email is in use', () => {
    expect(shouldNotifyWpd({ suspendedSince: null }, hoursLater(1000))).toBe(false);
    expect(wpdNoticeDueAt({ suspendedSince: null })).toBeNull();
  });

  it('schedules the notice 48 hours after the suspension', () => {
    expect(wpdNoticeDueAt({ suspendedSince: SINCE.toISOString() })).toBe('2024-06-05T08:00:00.000Z');
  });

  it('writes the email to Work Programme Division: since when, the clerical route, when it may resume', () => {
    // Act
    const notice = wpdSuspensionNotice({ suspendedSince: SINCE.toISOString() }, hoursLater(49), {
      providerName: 'Avanta',
      reason: 'mail server failure',
      expectedResumption: 'Friday 7 June 2024',
    });
    // Assess
    expect(notice.subject).toBe('Work Programme Exit Reports: Avanta unable to use unencrypted email (49 hours)');
    expect(notice.text).toContain('Mon 3 Jun 2024 09:00');
    expect(notice.text).toContain('Reason: mail server failure.');
    expect(notice.text).toContain('clerical route');
    expect(notice.text).toContain('Friday 7 June 2024');
  });
});
