import { addCalendarDays } from '../../domain/calendar/london.ts';
import type { Division } from '../../domain/calendar/types.ts';
import { at, type Json } from './common.ts';

/**
 * The demo's Information Session referrals (ch.19), in spring 2025, one per branch. Dates run from the referral
 * date: the session within 15 calendar days, the WP11 by the end of day 21, the attachment by day 28.
 */
export function informationSessionStories(): { referrals: Json[]; events: Json[] } {
  const sessionReferrals: Json[] = [];
  const sessionEvents: Json[] = [];
  const SESSION_STAFF = 'sessions@provider.example';
  let s = 0;
  function sessionReferral(
    story: string,
    options: { mandation?: string; esaGroup?: string; scr?: boolean; division?: Division } = {},
  ) {
    const i = ++s;
    const ref = `s${String(i).padStart(2, '0')}`;
    // Mondays to Thursdays from 3 March 2025, a few days apart.
    const referralDate = addCalendarDays('2025-03-03', (i - 1) * 7 + ((i - 1) % 4));
    sessionReferrals.push({
      ref,
      nino: `WR${String(200000 + i).padStart(6, '0')}B`,
      referralDate,
      mandation: options.mandation ?? 'voluntary',
      esaGroup: options.esaGroup ?? 'ESA (C) WRAG',
      division: options.division ?? 'england-and-wales',
      scr: options.scr ?? false,
      caseworkerEmail: SESSION_STAFF,
      story,
    });
    const day = (n: number) => addCalendarDays(referralDate, n);
    // Who recorded it: staff; facts that are confirmations say so with confirmedBy (recordedBy is then ignored).
    const fact = (n: number, f: Json, time = '15:00') =>
      sessionEvents.push({ at: at(day(n), time), referral: ref, fact: { recordedBy: SESSION_STAFF, ...f } });
    const wp11 = (n: number) =>
      sessionEvents.push({ at: at(day(n), '11:00'), referral: ref, fact: { type: 'wp11-received' } });
    return { ref, day, fact, wp11 };
  }
  const outcome = (sessionDate: string, attended: boolean) => ({
    type: 'session-outcome',
    outcome: attended ? 'attended' : 'did-not-attend',
    sessionDate,
  });
  {
    const r = sessionReferral('Attended on day 6, WP11 on day 10, attached on day 14.');
    r.fact(6, outcome(r.day(6), true));
    r.wp11(10);
    r.fact(14, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(14) });
  }
  {
    const r = sessionReferral("Attended, but no WP11 by day 21: cancelled on PRaP as 'Did Not Start' after a chase.");
    r.fact(7, outcome(r.day(7), true));
    r.fact(24, { type: 'prap-cancelled', cancelledOn: r.day(24), confirmedBy: SESSION_STAFF });
  }
  {
    const r = sessionReferral('Mandated, did not attend: Jobcentre Plus told the next day; no WP11, cancelled.', {
      mandation: 'mandatory',
    });
    r.fact(8, outcome(r.day(8), false));
    r.fact(9, {
      type: 'jcp-dna-notified',
      notifiedOn: r.day(9),
      route: 'District SPoC mailbox',
      confirmedBy: SESSION_STAFF,
    });
    r.fact(22, { type: 'prap-cancelled', cancelledOn: r.day(22), confirmedBy: SESSION_STAFF });
  }
  {
    const r = sessionReferral('Voluntary, did not attend: no notice to Jobcentre Plus; cancelled at day 21.');
    r.fact(8, outcome(r.day(8), false));
    r.fact(23, { type: 'prap-cancelled', cancelledOn: r.day(23), confirmedBy: SESSION_STAFF });
  }
  {
    const r = sessionReferral(
      'Mandated, missed the first session, rearranged (no re-referral) and attended on day 13; WP11, attached.',
      {
        mandation: 'mandatory',
      },
    );
    r.fact(5, outcome(r.day(5), false));
    r.fact(6, {
      type: 'jcp-dna-notified',
      notifiedOn: r.day(6),
      route: 'District SPoC mailbox',
      confirmedBy: SESSION_STAFF,
    });
    r.fact(6, { type: 'session-arranged', sessionDate: r.day(13) }, '16:00');
    r.fact(13, outcome(r.day(13), true));
    r.wp11(17);
    r.fact(24, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(24) });
  }
  {
    const r = sessionReferral(
      'Missed day 14, rearranged for day 24: cancelled at day 21 anyway; the WP11 that follows is late.',
    );
    r.fact(14, outcome(r.day(14), false));
    r.fact(15, { type: 'session-arranged', sessionDate: r.day(24) });
    r.fact(24, outcome(r.day(24), true));
    r.wp11(26);
    r.fact(27, { type: 'prap-cancelled', cancelledOn: r.day(27), confirmedBy: SESSION_STAFF });
  }
  {
    const r = sessionReferral(
      'Marked mandatory for the ESA (IR) Support Group, which Annex A says cannot be mandated: flagged.',
      {
        mandation: 'mandatory',
        esaGroup: 'ESA (IR) Support Group',
      },
    );
    r.fact(6, outcome(r.day(6), true));
    r.wp11(9);
    r.fact(12, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(12) });
  }
  {
    const r = sessionReferral(
      'Attached to the Information Session referral by mistake: backed out (PRaP16), then attached properly.',
    );
    r.fact(5, outcome(r.day(5), true));
    r.wp11(8);
    r.fact(10, { type: 'attachment-recorded', referralType: 'information-session', attachedOn: r.day(10) });
    r.fact(11, { type: 'attachment-backed-out', backedOutOn: r.day(11) });
    r.fact(11, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(11) }, '16:00');
  }
  {
    const r = sessionReferral(
      'SCR, referred clerically: attended, WP11, attached. Nothing about them is emailed outside.',
      { scr: true },
    );
    r.fact(7, outcome(r.day(7), true));
    r.wp11(12);
    r.fact(20, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(20) });
  }
  {
    const r = sessionReferral(
      'Scotland, mandated, did not attend: Jobcentre Plus never confirmed told, chased to the limit.',
      {
        mandation: 'mandatory',
        division: 'scotland',
      },
    );
    r.fact(9, outcome(r.day(9), false));
    r.fact(25, { type: 'prap-cancelled', cancelledOn: r.day(25), confirmedBy: SESSION_STAFF });
  }
  {
    const r = sessionReferral(
      'No session outcome recorded by day 15: overdue; WP11 on day 20 (volunteered), attached late on day 30.',
    );
    r.wp11(20);
    r.fact(30, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(30) });
  }

  return { referrals: sessionReferrals, events: sessionEvents };
}
