import type { Deadline } from '../deadlines/rules.ts';
import type { InformationSessionNoticeIntent } from '../information-session/lifecycle.ts';
import {
  day,
  instant,
  lines,
  type Notice,
  type NoticeParticipant,
  quoted,
  readableNotice,
  SIGN_OFF,
  who,
} from './format.ts';

/**
 * Notices about one Information Session referral (ch.19), to the staff who run the sessions, the SPoC lead and
 * the contract manager. Each says what happened, the date that matters and how it was counted, and what to do.
 * The participant is named by case reference and masked NINO only. The system never touches PRaP and never
 * contacts Jobcentre Plus itself: where the guidance asks for either, the notice is a task for staff to do and
 * confirm.
 */

const SCR_NOTE =
  'This participant has a Special Customer Record: they were referred clerically, and nothing about them is sent by email. Use the clerical route (Generic Provider Guidance chapters 2 and 8).';

function counted(title: string, deadline: Deadline): string[] {
  return [title, ...deadline.explanation.map((line) => `  ${line}`)];
}

const CONSEQUENCE =
  'Without this notice Jobcentre Plus cannot pursue sanction activity for the non-attendance (ch.19, "Mandatory participant does not attend").';

/** A new referral: the session date, the WP11 window and the attachment date, each with its count. */
export function sessionReferralNotice(input: {
  participant: NoticeParticipant;
  referralDate: string;
  mandation: 'mandatory' | 'voluntary';
  session: Deadline;
  wp11Window: Deadline;
  attachment: Deadline;
  scr?: boolean;
  /** The day the notice is sent (London); a referral recorded late is told which dates have passed. */
  sentOn?: string;
}): Notice {
  const sentOn = input.sentOn ?? input.referralDate;
  const sessionPassed = sentOn > input.session.due;
  const windowPassed = sentOn > input.wp11Window.due;
  return {
    subject: sessionPassed
      ? `Information Session referral recorded late: ${who(input.participant)}, the 15 days ended ${day(input.session.due)}`
      : `Information Session referral: ${who(input.participant)}, session by ${day(input.session.due)}`,
    text: lines(
      `${who(input.participant)} was referred to a Work Programme Information Session on ${day(input.referralDate)} (${input.mandation === 'mandatory' ? 'mandatory: "Work Programme Information Session-Mandatory"' : 'voluntary: "Work Programme Information Session-Voluntary"'}).`,
      sessionPassed
        ? `It was recorded here on ${day(sentOn)}, after the 15 days for the session ended (${day(input.session.due)}).`
        : null,
      '',
      windowPassed
        ? `Day 21 (${day(input.wp11Window.due)}) has passed too: unless a WP11 came, cancel the referral on PRaP as 'Did Not Start' (a separate task follows). If a WP11 came on paper or by phone, record it.`
        : sessionPassed
          ? 'Acknowledge and accept the referral on PRaP in the usual way, and hold the session at the next available time: the dates still run from the referral and do not move.'
          : 'Acknowledge and accept the referral on PRaP in the usual way, and contact the participant to arrange the session.',
      sessionPassed
        ? null
        : `The session must be completed by the end of ${day(input.session.due)}: within 15 calendar days of the referral.`,
      windowPassed
        ? null
        : `Then no further activity until Jobcentre Plus sends a WP11, or until the end of ${day(input.wp11Window.due)} (21 days), when the referral is cancelled on PRaP as 'Did Not Start' if no WP11 has come.`,
      `If a WP11 comes, attachment activity (to the Work Programme referral, never to this one) is due by the end of ${day(input.attachment.due)} (28 days).`,
      '',
      ...counted('How the session date was counted:', input.session),
      '',
      input.scr ? SCR_NOTE : null,
      input.scr ? '' : null,
      SIGN_OFF,
    ),
  };
}

/** Internal reminder before the 15-day date. */
export function sessionReminderNotice(input: {
  participant: NoticeParticipant;
  session: Deadline;
  daysLeft: number;
  scr?: boolean;
}): Notice {
  const left = input.daysLeft === 1 ? '1 day' : `${input.daysLeft} days`;
  return {
    subject: `Information Session due by ${day(input.session.due)}: ${who(input.participant)}`,
    text: lines(
      `The Information Session for ${who(input.participant)} must be completed by the end of ${day(input.session.due)} (about ${left} from now), and no outcome has been recorded yet.`,
      '',
      'Record the outcome (attended or did not attend) as soon as the session has taken place.',
      '',
      ...counted('How the date was counted:', input.session),
      '',
      input.scr ? SCR_NOTE : null,
      SIGN_OFF,
    ),
  };
}

/** The 15 days passed with no outcome recorded. */
export function sessionOverdueNotice(input: {
  participant: NoticeParticipant;
  session: Deadline;
  wp11Window: Deadline;
}): Notice {
  return {
    subject: `Information Session not recorded within 15 days: ${who(input.participant)}`,
    text: lines(
      `No outcome has been recorded for the Information Session of ${who(input.participant)}, which had to be completed by the end of ${day(input.session.due)} (15 calendar days from the referral).`,
      '',
      `Action: hold the session at the next available time, or record its outcome if it took place. The 21-day date does not move: the end of ${day(input.wp11Window.due)}.`,
      '',
      ...counted('How the date was counted:', input.session),
      '',
      SIGN_OFF,
    ),
  };
}

/** A mandated participant did not attend: tell Jobcentre Plus through the locally agreed route, today. */
export function dnaNotifyJcpNotice(input: {
  participant: NoticeParticipant;
  sessionDate: string;
  referralDate: string;
  wp11Window?: Deadline;
  mandationMessage?: string | null;
  chase?: number;
  scr?: boolean;
}): Notice {
  const chased = input.chase !== undefined;
  return {
    subject: `${chased ? 'Reminder: ' : ''}Tell Jobcentre Plus today — mandated participant did not attend: ${who(input.participant)}`,
    text: lines(
      `${who(input.participant)} was mandated to a Work Programme Information Session (referral of ${day(input.referralDate)}) and did not attend the session on ${day(input.sessionDate)}.`,
      chased ? `We have no record yet that Jobcentre Plus was told (reminder ${input.chase}).` : null,
      '',
      'Action: tell Jobcentre Plus promptly through your locally agreed communication route, then record that you did (the date and the route).',
      CONSEQUENCE,
      input.mandationMessage ? '' : null,
      input.mandationMessage ? `Note: ${input.mandationMessage}` : null,
      '',
      'Jobcentre Plus may ask you to arrange another session; a rearranged session does not change the dates.',
      input.wp11Window
        ? `If no WP11 has come by the end of ${day(input.wp11Window.due)} (21 days from the referral), cancel the referral on PRaP as 'Did Not Start'.`
        : null,
      input.wp11Window ? '' : null,
      ...(input.wp11Window ? counted('How the 21-day date was counted:', input.wp11Window) : []),
      input.scr ? '' : null,
      input.scr ? SCR_NOTE : null,
      '',
      SIGN_OFF,
    ),
  };
}

/** No WP11 by the end of day 21: cancel the Information Session referral on PRaP as 'Did Not Start'. */
export function cancelDidNotStartNotice(input: {
  participant: NoticeParticipant;
  referralDate: string;
  wp11Window: Deadline;
  chase?: number;
  lastChase?: boolean;
}): Notice {
  const chased = input.chase !== undefined;
  return {
    subject: `${chased ? 'Reminder: ' : ''}Cancel on PRaP as 'Did Not Start': ${who(input.participant)}`,
    text: lines(
      `${who(input.participant)} was referred to an Information Session on ${day(input.referralDate)}. 21 days from the referral ended on ${day(input.wp11Window.due)}, and no WP11 has been received from Jobcentre Plus.`,
      chased
        ? `We have no confirmation yet that the referral was cancelled (reminder ${input.chase}${input.lastChase ? ', the last: the SPoC lead is asked to follow it up' : ''}).`
        : null,
      '',
      "Action: cancel the Information Session referral on PRaP with the cancellation reason 'Did Not Start', then confirm it here (the date you cancelled it). This system cannot change PRaP.",
      'This applies to this Information Session referral only, never to a Work Programme referral. If the participant later wants to join, Jobcentre Plus makes a Work Programme referral.',
      '',
      ...counted('How the date was counted:', input.wp11Window),
      '',
      SIGN_OFF,
    ),
  };
}

/** A WP11 arrived: attachment activity due by day 28. */
export function attachmentDueNotice(input: {
  participant: NoticeParticipant;
  receivedAt: string;
  attachment: Deadline;
  reminder?: boolean;
  overdue?: boolean;
}): Notice {
  const subject = input.overdue
    ? `Attachment overdue (28 days passed): ${who(input.participant)}`
    : `${input.reminder ? 'Reminder: attachment' : 'WP11 received: attachment'} due by ${day(input.attachment.due)}: ${who(input.participant)}`;
  return {
    subject,
    text: lines(
      input.overdue
        ? `A WP11 for ${who(input.participant)} was received ${instant(input.receivedAt)}, and no attachment had been recorded by the end of ${day(input.attachment.due)}, 28 days from the initial referral.`
        : `Jobcentre Plus sent a WP11 for ${who(input.participant)} (received ${instant(input.receivedAt)}): the participant wants to join the Work Programme.`,
      '',
      `Action: undertake attachment activity in the usual way (Work Programme Provider Guidance chapter 4) by the end of ${day(input.attachment.due)}.`,
      'Attach to the Work Programme referral only, never to the Information Session referral: an attachment to an Information Session referral must be backed out (PRaP16) and any fees paid on it are recovered by DWP.',
      '',
      ...counted('How the date was counted:', input.attachment),
      '',
      SIGN_OFF,
    ),
  };
}

/** An attachment was recorded against the Information Session referral: back it out; fees are recovered. */
export function wrongAttachmentNotice(input: {
  participant: NoticeParticipant;
  attachedOn: string;
  attachment?: Deadline | null;
}): Notice {
  return {
    subject: `Incorrect attachment to an Information Session referral — back it out: ${who(input.participant)}`,
    text: lines(
      `An attachment for ${who(input.participant)} was recorded on ${day(input.attachedOn)} against the Information Session referral. Attachments are only made to Work Programme referrals (ch.19 para 14).`,
      '',
      "Action: 'back out' the attachment using the normal PRaP16 process instructions, then record that it was backed out.",
      'Any fees paid resulting from an incorrect attachment will be recovered by DWP.',
      input.attachment
        ? `A WP11 was received, so attach to the Work Programme referral by the end of ${day(input.attachment.due)} (28 days from the initial referral).`
        : null,
      input.attachment ? '' : null,
      ...(input.attachment ? counted('How the date was counted:', input.attachment) : []),
      '',
      SIGN_OFF,
    ),
  };
}

/** Marked mandatory for a group Annex A says cannot be mandated, or whose group is unknown. */
export function mandationFlaggedNotice(input: {
  participant: NoticeParticipant;
  esaGroup: string;
  message: string;
}): Notice {
  return {
    subject: `Check with Jobcentre Plus — mandatory referral for a group that cannot be mandated: ${who(input.participant)}`,
    text: lines(
      input.message,
      '',
      `ESA claimant group on the referral: ${quoted(input.esaGroup, 120) || '(none given)'}.`,
      'The referral is recorded and its dates run as usual. If the participant does not attend, the task to tell Jobcentre Plus will repeat this point.',
      '',
      SIGN_OFF,
    ),
  };
}

/** A WP11 arrived after day 21. */
export function wp11LateNotice(input: { participant: NoticeParticipant; reason: string }): Notice {
  return {
    subject: `WP11 received after day 21 — check with Jobcentre Plus: ${who(input.participant)}`,
    text: lines(input.reason, '', SIGN_OFF),
  };
}

function participantOf(intent: InformationSessionNoticeIntent): NoticeParticipant {
  return { caseRef: intent.facts.caseRef, nino: intent.facts.nino };
}

/** The notice for an intent of the Information Session lifecycle (kind + facts), every date as a person reads it. */
export function renderInformationSessionNotice(intent: InformationSessionNoticeIntent): Notice {
  return readableNotice(noticeOf(intent));
}

function noticeOf(intent: InformationSessionNoticeIntent): Notice {
  const participant = participantOf(intent);
  const scr = intent.facts.scr;
  switch (intent.kind) {
    case 'session-referral-received': {
      const { referralDate, mandation, session, wp11Window, attachment, sentOn } = intent.facts;
      return sessionReferralNotice({
        participant,
        referralDate,
        mandation,
        session,
        wp11Window,
        attachment,
        scr,
        sentOn,
      });
    }
    case 'mandation-flagged':
      return mandationFlaggedNotice({ participant, esaGroup: intent.facts.esaGroup, message: intent.facts.message });
    case 'session-reminder': {
      const { session, daysLeft } = intent.facts;
      return sessionReminderNotice({ participant, session, daysLeft: Number(daysLeft), scr });
    }
    case 'session-overdue':
      return sessionOverdueNotice({ participant, session: intent.facts.session, wp11Window: intent.facts.wp11Window });
    case 'dna-notify-jcp': {
      const { sessionDate, referralDate, wp11Window, mandationMessage } = intent.facts;
      return dnaNotifyJcpNotice({ participant, sessionDate, referralDate, wp11Window, mandationMessage, scr });
    }
    case 'dna-notify-jcp-chase': {
      const { sessionDate, referralDate, chase } = intent.facts;
      return dnaNotifyJcpNotice({
        participant,
        sessionDate: String(sessionDate),
        referralDate,
        chase: Number(chase),
        scr,
      });
    }
    case 'cancel-did-not-start': {
      const { referralDate, wp11Window } = intent.facts;
      return cancelDidNotStartNotice({ participant, referralDate, wp11Window, lastChase: false });
    }
    case 'cancel-did-not-start-chase': {
      const { referralDate, wp11Window, chase, lastChase } = intent.facts;
      return cancelDidNotStartNotice({ participant, referralDate, wp11Window, chase: Number(chase), lastChase });
    }
    case 'attachment-due':
    case 'attachment-reminder':
    case 'attachment-overdue':
      return attachmentDueNotice({
        participant,
        receivedAt: intent.facts.receivedAt ?? '',
        attachment: intent.facts.attachment,
        reminder: intent.kind === 'attachment-reminder',
        overdue: intent.kind === 'attachment-overdue',
      });
    case 'wrong-attachment':
      return wrongAttachmentNotice({
        participant,
        attachedOn: intent.facts.attachedOn,
        attachment: intent.facts.attachment,
      });
    case 'wp11-late':
      return wp11LateNotice({ participant, reason: intent.facts.reason });
    case 'event-flagged':
      return {
        subject: `Information Session referral: a record not acted on — ${who(participant)}`,
        text: lines(
          `Something recorded for the Information Session referral of ${who(participant)} was kept but not acted on:`,
          '',
          intent.facts.reason,
          '',
          SIGN_OFF,
        ),
      };
  }
}
