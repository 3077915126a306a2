import type { Deadline } from '../deadlines/rules.ts';
import { day, instant, lines, type Notice, type NoticeParticipant, quoted, SIGN_OFF, who } from './format.ts';

/**
 * Case notices the lifecycle sends besides those in exit-report-notices.ts and inbound-notices.ts: the day a
 * request becomes expected, an event that does not fit the case, an early completion recorded, an inbound
 * message not actioned for a reason other than its sender, and a request actioned with flags.
 */
export function requestExpectedNotice(input: {
  participant: NoticeParticipant;
  requestExpected: Deadline;
  programmeEnd: Deadline;
  scr: boolean;
}): Notice {
  return {
    subject: `Exit Report request now expected: ${who(input.participant)}`,
    text: lines(
      `${who(input.participant)} reached 102 weeks (714 days) on the Work Programme on ${day(input.requestExpected.due)}. Jobcentre Plus sends the Exit Report request (${input.scr ? 'WPER2, by post, for this SCR participant' : 'WPER2E, by email'}) from that day; their 104 weeks end on ${day(input.programmeEnd.due)}.`,
      '',
      'Check the designated inbox daily, and make sure the participant record is complete: the report needs a summary of their two years (para 28–30).',
      '',
      'How the date was counted:',
      ...input.requestExpected.explanation.map((line) => `  ${line}`),
      '',
      SIGN_OFF,
    ),
  };
}

export function eventFlaggedNotice(input: { participant: NoticeParticipant; reason: string }): Notice {
  return {
    subject: `Check with Jobcentre Plus: ${who(input.participant)}`,
    text: lines(
      input.reason,
      '',
      'It has been recorded and not acted on. Please check it with the Jobcentre Plus District SPoC who sent it, and tell us what to do if action is needed.',
      '',
      SIGN_OFF,
    ),
  };
}

export function earlyCompletionNotice(input: {
  participant: NoticeParticipant;
  reason: string;
  date: string;
  adHocWindow: Deadline;
}): Notice {
  const deceased = input.reason === 'deceased';
  return {
    subject: `Early completion recorded: ${who(input.participant)}`,
    text: lines(
      `${who(input.participant)} completed the Work Programme early (${input.reason.replace(/-/g, ' ')}) on ${day(input.date)}${deceased ? ' — the date of death, as para 11 requires' : ''}.`,
      '',
      "Enter the completer reason 'Completed Provision' and this date on PRaP (para 11).",
      `Jobcentre Plus may still ask for an ad hoc Exit Report until ${day(input.adHocWindow.due)} (12 months, para 84); it would be due ten working days from its request date.`,
      '',
      SIGN_OFF,
    ),
  };
}

export function messageNotActionedNotice(input: {
  from: string | null;
  subject: string;
  receivedAt: string;
  message: string;
}): Notice {
  return {
    subject: `Email not actioned: "${quoted(input.subject, 60) || '(no subject)'}"`,
    text: lines(
      `We did not action the email "${quoted(input.subject) || '(no subject)'}" from ${input.from ? quoted(input.from, 200) : 'an unreadable sender'}, received ${instant(input.receivedAt)}.`,
      '',
      input.message,
      '',
      'The message is kept as received. If it was an Exit Report request, phone the Jobcentre Plus District SPoC who sent it.',
      '',
      SIGN_OFF,
    ),
  };
}

export function formFlaggedNotice(input: {
  from: string | null;
  subject: string;
  flags: string[];
  actioned: number;
}): Notice {
  return {
    subject: `Exit Report request actioned with ${input.flags.length} point(s) to check — contact Jobcentre Plus`,
    text: lines(
      `The email "${quoted(input.subject) || '(no subject)'}" from ${input.from ? quoted(input.from, 200) : 'an unreadable sender'} was actioned for ${input.actioned} participant(s). Please check:`,
      '',
      ...input.flags.map((flag) => `- ${quoted(flag, 400)}`),
      '',
      'Phone the Jobcentre Plus District SPoC about any participant left out (wrong details, not attached to this provider) and about a form with more than 40 records (paras 45, 49, 50). Keep a record of what was agreed.',
      '',
      SIGN_OFF,
    ),
  };
}

export function deadlinesRecomputedNotice(input: { participant: NoticeParticipant; moved: string[] }): Notice {
  return {
    subject: `Dates changed after a bank-holiday update: ${who(input.participant)}`,
    text: lines(
      `The official bank-holiday calendar changed (a holiday was added or moved), so the dates for ${who(input.participant)} were counted again:`,
      '',
      ...input.moved.map((m) => `- ${m}`),
      '',
      'Reminders and escalations follow the new dates.',
      '',
      SIGN_OFF,
    ),
  };
}
