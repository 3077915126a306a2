import type { ProviderConfig } from '../config.ts';
import type { Deadline } from '../deadlines/rules.ts';
import type { ExitReportCase } from '../exit-report/case.ts';
import { SCR_INSTRUCTION } from '../exit-report/content-check.ts';
import type { ExitReportNoticeIntent, InboundNoticeIntent, NoticeIntent } from '../exit-report/notice-intents.ts';
import { maskNino } from '../nino.ts';
import {
  deadlinesRecomputedNotice,
  earlyCompletionNotice,
  eventFlaggedNotice,
  formFlaggedNotice,
  messageNotActionedNotice,
  requestExpectedNotice,
} from './case-notices.ts';
import { day, lines, type Notice, type NoticeParticipant, SIGN_OFF, who } from './format.ts';
import { senderNotDesignatedNotice, wp11FlaggedNotice } from './inbound-notices.ts';

/**
 * Notices about one participant's Exit Report, to the caseworker, the provider SPoC, the SPoC lead or the
 * contract manager. Each says what happened, the date that matters, and what to do.
 */

const HOW_TO_SUBMIT = (submissionAddress: string): string =>
  `When the report is complete, email it to ${submissionAddress} with "Exit Report" and the participant's NINO in the subject, and the report in the body under the headings First name, Surname, NINO, Summary of actions and activities, Periods of work experience or employment and reasons actions were not completed, Next steps (and Further information if any).`;

/** A new WPER2E (or ad hoc) request: the due date and how it was counted. */
export function newRequestNotice(input: {
  participant: NoticeParticipant;
  requestDate: string;
  /** The date kept, with how it was counted (a printed deadline earlier than the counted one is said there). */
  deadline: Deadline;
  adHoc?: boolean;
  scr?: boolean;
  /** A clerical WPER2: the report goes back by post or courier to the District's return address. */
  clerical?: { district: string; returnAddress: string; lastFirstClassPostingDay: string } | null;
  submissionAddress: string;
}): Notice {
  const due = input.deadline.due;
  const clerical = input.clerical ?? null;
  return {
    subject: `New ${clerical ? 'clerical (WPER2) ' : ''}Exit Report request: ${who(input.participant)}, due ${day(due)}`,
    text: lines(
      clerical
        ? `Jobcentre Plus ${clerical.district} has requested an Exit Report for ${who(input.participant)} on paper (WPER2) on ${day(input.requestDate)}.`
        : `Jobcentre Plus has requested ${input.adHoc ? 'an ad hoc' : 'an'} Exit Report for ${who(input.participant)} on ${day(input.requestDate)}.`,
      '',
      `It must be received by Jobcentre Plus by the end of ${day(due)}: ten working days, day one being the request date.`,
      '',
      'How the deadline was counted:',
      ...input.deadline.explanation.map((line) => `  ${line}`),
      '',
      clerical
        ? lines(
            `Send it by first class post or courier to the return address on the WPER2: ${clerical.returnAddress}. It must be received there, not just posted, within the ten working days (para 66): first class arrives the next working day, so post it first class by ${day(clerical.lastFirstClassPostingDay)} at the latest, or send it by courier to arrive by ${day(due)}. Record the posting.`,
            input.scr ? SCR_INSTRUCTION : null,
          )
        : input.scr
          ? SCR_INSTRUCTION
          : HOW_TO_SUBMIT(input.submissionAddress),
      '',
      SIGN_OFF,
    ),
  };
}

/** Internal reminder: N working days left. */
export function reminderNotice(input: {
  participant: NoticeParticipant;
  due: string;
  workingDaysLeft: number;
  scr?: boolean;
  submissionAddress: string;
}): Notice {
  const left = input.workingDaysLeft === 1 ? '1 working day' : `${input.workingDaysLeft} working days`;
  return {
    subject: `Exit Report due in ${left}: ${who(input.participant)}`,
    text: lines(
      `The Exit Report for ${who(input.participant)} must be received by Jobcentre Plus by the end of ${day(input.due)}: ${left} left, counting the due day.`,
      '',
      input.scr ? SCR_INSTRUCTION : HOW_TO_SUBMIT(input.submissionAddress),
      '',
      SIGN_OFF,
    ),
  };
}

/** Overdue: the due date passed with no report sent. To the SPoC lead. */
export function overdueNotice(input: { participant: NoticeParticipant; requestDate: string; due: string }): Notice {
  return {
    subject: `Exit Report overdue: ${who(input.participant)} was due ${day(input.due)}`,
    text: lines(
      `No Exit Report for ${who(input.participant)} had been sent by the end of ${day(input.due)}. It was requested on ${day(input.requestDate)}.`,
      '',
      'Jobcentre Plus must receive every Exit Report within ten working days of the request: this is a breach of a contractual requirement, and your Performance Manager will discuss it (paras 8, 77).',
      '',
      'Action: make sure the report is completed and sent today, and record why it was late.',
      '',
      SIGN_OFF,
    ),
  };
}

/** A WPER3E reminder arrived: the escalation date and how it was counted. */
export function wper3ReceivedNotice(input: {
  participant: NoticeParticipant;
  reminderDate: string;
  escalation: Deadline;
  scr?: boolean;
  submissionAddress: string;
}): Notice {
  return {
    subject: `WPER3 reminder received: ${who(input.participant)}, escalation after ${day(input.escalation.due)}`,
    text: lines(
      `Jobcentre Plus sent a WPER3 reminder on ${day(input.reminderDate)}: they have not received the Exit Report for ${who(input.participant)}.`,
      '',
      `If they have no reply by the end of ${day(input.escalation.due)} (7 working days from the reminder), they escalate to your Performance Manager (memo 115).`,
      '',
      'How the escalation date was counted:',
      ...input.escalation.explanation.map((line) => `  ${line}`),
      '',
      'Action: send the Exit Report now.',
      input.scr ? SCR_INSTRUCTION : HOW_TO_SUBMIT(input.submissionAddress),
      '',
      SIGN_OFF,
    ),
  };
}

/** The 7 working days after a WPER3 passed: escalated to the Performance Manager. To the contract manager. */
export function escalatedNotice(input: {
  participant: NoticeParticipant;
  reminderDate: string;
  escalationDate: string;
}): Notice {
  return {
    subject: `Exit Report escalated to the Performance Manager: ${who(input.participant)}`,
    text: lines(
      `Jobcentre Plus sent a WPER3 reminder for ${who(input.participant)} on ${day(input.reminderDate)}, and no Exit Report had been sent by the end of ${day(input.escalationDate)} (7 working days).`,
      '',
      'Jobcentre Plus will now escalate this to your DWP Performance Manager (memo 115).',
      '',
      'Action: make sure the report is sent today, and be ready to explain the delay to the Performance Manager.',
      '',
      SIGN_OFF,
    ),
  };
}

/** No WPER2E arrived after the programme ended (para 27). To the provider SPoC. */
export function noRequestReceivedNotice(input: {
  participant: NoticeParticipant;
  expectedOn: string;
  workingDaysWaited: number;
}): Notice {
  return {
    subject: `No Exit Report request received — contact Jobcentre Plus: ${who(input.participant)}`,
    text: lines(
      `An Exit Report request (WPER2E) for ${who(input.participant)} was expected around ${day(input.expectedOn)}, and none has arrived ${input.workingDaysWaited} working days after the end of their time on the Work Programme.`,
      '',
      'Action: contact the Jobcentre Plus District SPoC now to ask whether a request was sent (para 27). If it was sent and never arrived, record that you did not receive it (para 39).',
      '',
      SIGN_OFF,
    ),
  };
}

/** A participant on a form was left out: wrong details, not ours, not a valid NINO. To the provider SPoC. */
export function participantFlaggedNotice(input: {
  /** The case reference when the participant is known to us, else the row of the form. */
  participant: NoticeParticipant | { rowNumber: number; nino: string };
  reason: string;
  requestDate: string;
  sender: string;
}): Notice {
  const subjectWho =
    'caseRef' in input.participant
      ? who(input.participant)
      : `form row ${input.participant.rowNumber} (${maskNino(input.participant.nino)})`;
  return {
    subject: `Participant left out of an Exit Report request — contact Jobcentre Plus: ${subjectWho}`,
    text: lines(
      `A participant on the Exit Report request form of ${day(input.requestDate)} from ${input.sender} was left out: ${input.reason}.`,
      '',
      'Action: phone the Jobcentre Plus District SPoC who sent the form to report it (para 45). When it is agreed the details are wrong or the participant belongs to another provider, delete them from the form and keep a record (para 49). The rest of the form is being processed.',
      '',
      SIGN_OFF,
    ),
  };
}

/** The submitted report failed the checks: returned to the caseworker, not sent. */
export function reportFailedChecksNotice(input: {
  participant: NoticeParticipant;
  problems: string[];
  due?: string;
}): Notice {
  return {
    subject: `Exit Report not sent — please correct it: ${who(input.participant)}`,
    text: lines(
      `Your Exit Report for ${who(input.participant)} was not sent to Jobcentre Plus, because:`,
      '',
      ...input.problems.map((problem) => `- ${problem}`),
      '',
      input.due
        ? `Please correct it and send it again. It must reach Jobcentre Plus by the end of ${day(input.due)}.`
        : 'Please correct it and send it again.',
      '',
      SIGN_OFF,
    ),
  };
}

/** An SCR participant: the report goes by the clerical route. */
export function scrClericalRouteNotice(input: { participant: NoticeParticipant; due?: string }): Notice {
  return {
    subject: `SCR participant — Exit Report by post or courier only: ${who(input.participant)}`,
    text: lines(
      `${who(input.participant)} has a Special Customer Record. Their Exit Report is never sent by email.`,
      '',
      SCR_INSTRUCTION,
      input.due
        ? `It must be received by Jobcentre Plus by the end of ${day(input.due)}: allow time for the post.`
        : null,
      '',
      SIGN_OFF,
    ),
  };
}

/** A short, stable case reference for people: 'ER-1A2B3C4D'. */
export function caseRef(caseId: string): string {
  return caseId.replace(/^er-/, 'ER-').slice(0, 11).toUpperCase();
}

/** The notice for an intent of the Exit Report lifecycle (kind + facts), about the case `record`. */
export function renderExitReportNotice(
  intent: ExitReportNoticeIntent,
  config: ProviderConfig,
  record?: ExitReportCase,
): Notice {
  const participant: NoticeParticipant = record
    ? { caseRef: caseRef(record.caseId), nino: record.participant.nino }
    : { caseRef: 'unknown case', nino: '' };
  const submissionAddress = config.provider.submissionAddress;
  const requestDate = record?.request?.requestDate ?? '';
  const reminderDate = record?.wper3?.reminderDate ?? '';
  switch (intent.kind) {
    case 'request-expected':
      return requestExpectedNotice({ participant, ...intent.facts });
    case 'request-received': {
      const { deadline, form, scr, clerical } = intent.facts;
      return newRequestNotice({
        participant,
        requestDate,
        deadline,
        adHoc: form === 'AD-HOC',
        scr,
        clerical,
        submissionAddress,
      });
    }
    case 'internal-reminder': {
      const { deadline, workingDaysLeft, scr } = intent.facts;
      return reminderNotice({ participant, due: deadline?.due ?? '', workingDaysLeft, scr, submissionAddress });
    }
    case 'report-overdue':
      return overdueNotice({ participant, requestDate, due: intent.facts.deadline?.due ?? '' });
    case 'wper3-received':
      return wper3ReceivedNotice({ participant, reminderDate, ...intent.facts, submissionAddress });
    case 'escalated':
      return escalatedNotice({ participant, reminderDate, escalationDate: intent.facts.escalation?.due ?? '' });
    case 'no-request-received':
      return noRequestReceivedNotice({
        participant,
        expectedOn: record?.deadlines.requestExpected.due ?? '',
        workingDaysWaited: config.noRequestAlertWorkingDays,
      });
    case 'event-flagged':
      return eventFlaggedNotice({ participant, reason: intent.facts.reason });
    case 'early-completion-recorded':
      return earlyCompletionNotice({ participant, ...intent.facts });
    case 'submission-returned':
      return reportFailedChecksNotice({
        participant,
        problems: intent.facts.problems,
        due: intent.facts.deadline?.due,
      });
    case 'deadlines-recomputed':
      return deadlinesRecomputedNotice({ participant, moved: intent.facts.moved });
  }
}

/** The notice for an inbound message not actioned, or actioned with points to check. */
export function renderInboundNotice(intent: InboundNoticeIntent): Notice {
  if (intent.kind === 'form-flagged') {
    // A WP11 read from the same mail flow speaks of the Information Session referral, not of an Exit Report.
    return intent.facts.kind === 'wp11' ? wp11FlaggedNotice(intent.facts) : formFlaggedNotice(intent.facts);
  }
  const { from, subject, receivedAt, reason, message, originalFrom } = intent.facts;
  if (reason === 'sender' || reason === 'authentication') {
    return senderNotDesignatedNotice({
      message: { from, subject, receivedAt },
      reason,
      ...(originalFrom === undefined ? {} : { originalFrom }),
    });
  }
  return messageNotActionedNotice({ from, subject, receivedAt, message });
}

/** Any notice the Exit Report side sends: about a case, or about an inbound message. */
export function renderNotice(intent: NoticeIntent, config: ProviderConfig, record?: ExitReportCase): Notice {
  return intent.kind === 'mail-rejected' || intent.kind === 'form-flagged'
    ? renderInboundNotice(intent)
    : renderExitReportNotice(intent, config, record);
}
