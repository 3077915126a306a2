import { describe, expect, it } from 'vitest';
import type { InformationSessionNoticeIntent } from '../../domain/information-session/lifecycle.ts';
import { renderInformationSessionNotice } from '../../domain/notices/information-session-notices.ts';
import { unreadable } from '../notices/readable.ts';
import { Driver, ev, referral } from './driver.ts';

const OPENED = '2024-05-20T09:00:00.000Z';

/** Every kind of notice the lifecycle asks for, from a few stories. */
function allIntents(): InformationSessionNoticeIntent[] {
  const mandated = new Driver(
    referral({ mandation: 'mandatory', esaGroup: 'esa-c-support-group', esaGroupText: 'ESA (C) Support Group' }),
    OPENED,
  )
    .runUntil('2024-06-05T12:00:00.000Z')
    .deliver('2024-06-05T12:00:00.000Z', ev.dna('2024-06-05', '2024-06-05T12:00:00.000Z'))
    .deliver('2024-06-05T13:00:00.000Z', ev.attached('2024-06-05', '2024-06-05T13:00:00.000Z'))
    .runUntil('2024-06-30T00:00:00.000Z')
    .deliver('2024-06-30T00:00:00.000Z', ev.wp11('2024-06-30T00:00:00.000Z'));
  const attached = new Driver(referral({ scr: true }), OPENED)
    .deliver('2024-05-28T15:00:00.000Z', ev.attended('2024-05-28', '2024-05-28T15:00:00.000Z'))
    .deliver('2024-06-05T10:00:00.000Z', ev.wp11('2024-06-05T10:00:00.000Z'))
    .deliver('2024-06-06T10:00:00.000Z', ev.attached('2024-06-06', '2024-06-06T10:00:00.000Z', 'information-session'))
    .runUntil('2024-06-20T00:00:00.000Z');
  return [...mandated.sent, ...attached.sent].map((s) => s.notice);
}

describe('Information Session notices', () => {
  const intents = allIntents();
  const rendered = intents.map((intent) => ({ intent, notice: renderInformationSessionNotice(intent) }));

  it('covers every notice kind', () => {
    expect(new Set(intents.map((i) => i.kind))).toEqual(
      new Set([
        'session-referral-received',
        'mandation-flagged',
        'session-reminder',
        'session-overdue',
        'dna-notify-jcp',
        'dna-notify-jcp-chase',
        'event-flagged',
        'cancel-did-not-start',
        'cancel-did-not-start-chase',
        'wp11-late',
        'attachment-due',
        'attachment-reminder',
        'attachment-overdue',
        'wrong-attachment',
      ]),
    );
  });

  it('never prints a full NINO; always names the masked one', () => {
    for (const { notice } of rendered) {
      expect(`${notice.subject}\n${notice.text}`).not.toContain('JT310101A');
      expect(notice.subject).toContain('JT****01A');
      expect(notice.text).not.toContain('undefined');
      expect(notice.text).not.toContain('NaN');
    }
  });

  it('writes every date as a person reads it, never an ISO date, a raw instant or an internal event name', () => {
    const found = rendered.flatMap(({ intent, notice }) =>
      unreadable(`${notice.subject}\n${notice.text}`).map((what) => `${intent.kind}: ${what}`),
    );
    expect(found).toEqual([]);
  });

  const textOf = (kind: string) => rendered.find((r) => r.intent.kind === kind)?.notice.text ?? '';

  it('says each date and how it was counted', () => {
    expect(textOf('session-referral-received')).toContain('by the end of Tue 4 Jun 2024');
    expect(textOf('session-referral-received')).toContain('Mon 20 May 2024 + 15 calendar days = Tue 4 Jun 2024');
    expect(textOf('cancel-did-not-start')).toContain('Mon 20 May 2024 + 21 calendar days = Mon 10 Jun 2024');
    expect(textOf('attachment-due')).toContain('Mon 20 May 2024 + 28 calendar days (4 weeks) = Mon 17 Jun 2024');
    expect(textOf('wrong-attachment')).toContain('Mon 17 Jun 2024');
  });

  it('states the consequence of not telling Jobcentre Plus, and the Annex A query', () => {
    const dna = textOf('dna-notify-jcp');
    expect(dna).toContain('locally agreed communication route');
    expect(dna).toContain('Without this notice Jobcentre Plus cannot pursue sanction activity');
    expect(dna).toContain('cannot be mandated');
    expect(dna).toContain('Mon 20 May 2024 + 21 calendar days = Mon 10 Jun 2024');
  });

  it("tells staff to cancel as 'Did Not Start' on PRaP and to confirm it", () => {
    expect(textOf('cancel-did-not-start')).toContain("cancellation reason 'Did Not Start'");
    expect(rendered.find((r) => r.intent.kind === 'cancel-did-not-start-chase')?.notice.subject).toMatch(/^Reminder:/);
  });

  it('gives the back-out instruction and the fees warning', () => {
    const wrong = textOf('wrong-attachment');
    expect(wrong).toContain('PRaP16');
    expect(wrong).toContain('will be recovered by DWP');
  });

  it('tells staff of an SCR participant to use the clerical route', () => {
    const scr = rendered.filter((r) => r.intent.kind === 'session-referral-received');
    expect(scr.map((r) => [r.intent.facts.scr, r.notice.text.includes('Special Customer Record')])).toEqual([
      [false, false],
      [true, true],
    ]);
  });

  it('knows when it is read: a referral recorded after its dates passed is not told to arrange the session by then', () => {
    const opening = (openedAt: string) => {
      const intent = new Driver(referral(), openedAt).sent.find((x) => x.notice.kind === 'session-referral-received');
      return renderInformationSessionNotice(intent?.notice as InformationSessionNoticeIntent);
    };
    const onTime = opening(OPENED);
    expect(onTime.subject).toContain('session by Tue 4 Jun 2024');
    expect(onTime.text).toContain('The session must be completed by the end of Tue 4 Jun 2024');

    const afterDay15 = opening('2024-06-06T09:00:00.000Z');
    expect(afterDay15.subject).toContain('recorded late');
    expect(afterDay15.subject).toContain('the 15 days ended Tue 4 Jun 2024');
    expect(afterDay15.text).toContain(
      'It was recorded here on Thu 6 Jun 2024, after the 15 days for the session ended',
    );
    expect(afterDay15.text).toContain('hold the session at the next available time');
    expect(afterDay15.text).not.toContain('must be completed by');

    const afterDay21 = opening('2024-06-12T09:00:00.000Z');
    expect(afterDay21.text).toContain(
      "Day 21 (Mon 10 Jun 2024) has passed too: unless a WP11 came, cancel the referral on PRaP as 'Did Not Start'",
    );
    expect(afterDay21.text).not.toMatch(/must be completed by|Then no further activity until/);
    for (const n of [onTime, afterDay15, afterDay21]) expect(unreadable(`${n.subject}\n${n.text}`)).toEqual([]);
  });
});
