import { formatLongDate } from '../calendar/london.ts';
import { appendAudit } from '../lifecycle/record.ts';
import type { InformationSessionCase, InformationSessionEvent } from './case.ts';
import type { InformationSessionConfig } from './config.ts';
import { BEFORE_DAY_21, consume, participantNotice } from './record.ts';
import type { EventRoute, Transition } from './types.ts';

/** Where an event goes in the stage the case is in. */
export function routeEvent(c: InformationSessionCase, event: InformationSessionEvent): EventRoute {
  const stage = c.stage;
  switch (event.type) {
    case 'session-arranged':
      return stage === 'session-due' || stage === 'did-not-attend' || stage === 'cancel-due'
        ? 'record-session-arranged'
        : 'flag';
    case 'session-outcome':
      return stage === 'session-due' || stage === 'did-not-attend' || stage === 'cancel-due'
        ? 'record-session-outcome'
        : 'flag';
    case 'jcp-dna-notified':
      return c.dnaNotices.some((n) => n.notifiedOn === null) ? 'record-jcp-dna-notified' : 'flag';
    case 'wp11-received':
      if (BEFORE_DAY_21.includes(stage)) {
        return Date.parse(event.receivedAt) <= Date.parse(c.deadlines.wp11Window.dueAt) ? 'record-wp11' : 'late-wp11';
      }
      return stage === 'cancel-due' ? 'late-wp11' : 'flag';
    case 'prap-cancelled':
      return stage === 'cancel-due' ? 'record-prap-cancellation' : 'flag';
    case 'attachment-recorded':
      if (event.referralType === 'information-session') return 'wrong-attachment';
      return stage === 'attachment-due' ? 'record-attachment' : 'flag';
    case 'attachment-backed-out':
      return c.wrongAttachments.some((w) => w.backedOutOn === null) ? 'record-back-out' : 'flag';
  }
}

/** Events that do not fit where the referral stands: why, in the seeds' words, and the flag to the SPoC lead. */

/** Where the referral stands, in words (the flag notices and the audit say it so). */
export function describeStage(c: InformationSessionCase): string {
  const d = c.deadlines;
  switch (c.stage) {
    case 'session-due':
      return `the session is to be held by the end of ${formatLongDate(d.session.due)}`;
    case 'attended':
      return `the participant attended; a WP11 may come until the end of ${formatLongDate(d.wp11Window.due)} (day 21)`;
    case 'did-not-attend':
      return `the participant did not attend; a WP11 may still come until the end of ${formatLongDate(d.wp11Window.due)} (day 21)`;
    case 'attachment-due':
      return `a WP11 was received; attachment to the Work Programme referral is due by the end of ${formatLongDate(d.attachment.due)}`;
    case 'cancel-due':
      return `day 21 (${formatLongDate(d.wp11Window.due)}) ended with no WP11; the referral is to be cancelled on PRaP as 'Did Not Start'`;
    case 'closed':
      return c.closedReason === 'attached'
        ? 'closed: the participant was attached to the Work Programme referral'
        : "closed: the referral was cancelled on PRaP as 'Did Not Start'";
  }
}

/** What was recorded, and why it does not fit, in the seeds' words; then what to do. */
function flagReason(c: InformationSessionCase, event: InformationSessionEvent): string {
  const beforeDay21 = BEFORE_DAY_21.includes(c.stage);
  switch (event.type) {
    case 'attachment-recorded':
      return beforeDay21
        ? `An attachment to the Work Programme referral was recorded on ${formatLongDate(event.attachedOn)}, but no WP11 has been received yet: do not undertake attachment activity until Jobcentre Plus sends the WP11 (ch.19 para 11). If the attachment was recorded by mistake, back it out on PRaP.`
        : `An attachment to the Work Programme referral was recorded on ${formatLongDate(event.attachedOn)}, but no WP11 came within 21 days of this Information Session referral: a later Work Programme referral is a case of its own (ch.19 para 12). Check the attachment on PRaP.`;
    case 'prap-cancelled':
      return `A PRaP cancellation on ${formatLongDate(event.cancelledOn)} was recorded before it was due: cancel only once 21 days have passed from the referral date without a WP11 (ch.19 paras 5, 7, 13). Check the referral on PRaP; if it was cancelled early, tell the SPoC lead.`;
    case 'wp11-received':
      return 'A second WP11 was received, or one came after the case closed: nothing was changed. Check with Jobcentre Plus which referral it is about.';
    case 'session-arranged':
      return `A session on ${formatLongDate(event.sessionDate)} was recorded, but a session is no longer due. Nothing was changed; check the participant's record.`;
    case 'session-outcome':
      return `A session outcome (${event.outcome === 'attended' ? 'attended' : 'did not attend'}, ${formatLongDate(event.sessionDate)}) was recorded, but an outcome was already recorded and acted on. Nothing was changed; if the first outcome was wrong, tell the SPoC lead.`;
    case 'jcp-dna-notified':
      return `Jobcentre Plus was recorded as told of a non-attendance on ${formatLongDate(event.notifiedOn)}, but no non-attendance is waiting to be told. Nothing was changed.`;
    case 'attachment-backed-out':
      return `A back-out on ${formatLongDate(event.backedOutOn)} was recorded, but no incorrect attachment is waiting to be backed out. Nothing was changed; check the referral on PRaP.`;
  }
}

/** Why an event would be kept but not acted on where the case stands now, or null if it would be acted on. */
export function whyNotActedOn(c: InformationSessionCase, event: InformationSessionEvent): string | null {
  return routeEvent(c, event) === 'flag'
    ? `${flagReason(c, event)} (Where the referral stands: ${describeStage(c)}.)`
    : null;
}

/** An event that does not fit the case's stage is flagged to the SPoC lead and kept in the audit, never dropped. */
export function flagEvent(
  c: InformationSessionCase,
  event: InformationSessionEvent,
  now: number,
  config: InformationSessionConfig,
): Transition {
  const reason = whyNotActedOn(c, event) ?? `${flagReason(c, event)} (Where the referral stands: ${describeStage(c)}.)`;
  return {
    case: appendAudit(consume(c, event), now, [{ what: `${event.type} flagged`, detail: reason, flag: true }]),
    notices: [
      participantNotice(c, 'event-flagged', `flag:${event.id}`, [config.spocLeadAddress], {
        eventType: event.type,
        reason,
      }),
    ],
    metrics: [],
  };
}
