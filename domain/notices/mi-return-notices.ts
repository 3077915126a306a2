import type { Deadline } from '../deadlines/rules.ts';
import type { MiReturnNoticeIntent } from '../mi-return/lifecycle.ts';
import type { MiReturnFacts, MiReturnRef } from '../mi-return/notice-intents.ts';
import { monthLabel } from '../mi-return/return.ts';
import { day, instant, lines, type Notice, quoted, readableNotice, SIGN_OFF } from './format.ts';

/**
 * Notices about the monthly job entry MI return (memo 176), to the lead contact and deputy notified to the
 * Provider Performance Monitoring Team, and to the SPoC lead when something went wrong. Each says which return
 * (contract, month, file), the due date and how it was counted, and what to do. No participant is named.
 */

function counted(deadline: Deadline): string[] {
  return ['How the due date was counted:', ...deadline.explanation.map((line) => `  ${line}`)];
}

function which(ref: MiReturnRef): string {
  return `the Job Entry MI Return for ${monthLabel(ref.reportingMonth)} (contract ${ref.contractNumber}, ${ref.providerName})`;
}

function workingDays(n: number): string {
  return n === 1 ? '1 working day' : `${n} working days`;
}

/** Before the due date: make sure the month's job entries are in; it goes at the send time on the due day. */
export function miReturnReminderNotice(input: {
  ref: MiReturnRef;
  workingDaysBefore: number;
  sendAt: string;
  lastFailure?: { at: string; reason: string } | null;
}): Notice {
  const { ref } = input;
  return {
    subject: `Job Entry MI Return for ${monthLabel(ref.reportingMonth)} due ${day(ref.due.due)}: contract ${ref.contractNumber}`,
    text: lines(
      `${capital(which(ref))} is due by the end of ${day(ref.due.due)}, ${workingDays(input.workingDaysBefore)} from now, and has not been sent yet.`,
      '',
      `It will be built from the job entries as they stand and emailed to DWP automatically at ${instant(input.sendAt)}, as ${ref.fileName}, unless it is sent before.`,
      `Action: make sure every job entry that started in ${monthLabel(ref.reportingMonth)} is recorded (NINO, start date, payment group), and that corrections to earlier months are made. You can ask for it to be sent earlier.`,
      input.lastFailure ? '' : null,
      input.lastFailure
        ? `The last try to send it failed (${instant(input.lastFailure.at)}): ${quoted(input.lastFailure.reason, 400)}. Put that right first.`
        : null,
      '',
      ...counted(ref.due),
      '',
      SIGN_OFF,
    ),
  };
}

/** The due day ended and the return has not gone: a breach of memo 176's date, still to be put right. */
export function miReturnNotSentNotice(input: {
  ref: MiReturnRef;
  attempts: number;
  lastFailure?: { at: string; reason: string } | null;
}): Notice {
  const { ref } = input;
  return {
    subject: `NOT SENT: Job Entry MI Return for ${monthLabel(ref.reportingMonth)} was due ${day(ref.due.due)} (contract ${ref.contractNumber})`,
    text: lines(
      `${capital(which(ref))} was due by the end of ${day(ref.due.due)} (the 5th working day of the month) and has not been sent. This is recorded as a late return.`,
      input.attempts === 0
        ? 'No attempt to send it was made.'
        : `${input.attempts === 1 ? 'One attempt' : `${input.attempts} attempts`} to send it did not succeed.`,
      input.lastFailure
        ? `The last failure (${instant(input.lastFailure.at)}): ${quoted(input.lastFailure.reason, 400)}.`
        : null,
      '',
      `Action: put right what stopped it, then ask for it to be sent now. It goes as ${ref.fileName} to the MI returns address, copied to the Performance Manager.`,
      '',
      ...counted(ref.due),
      '',
      SIGN_OFF,
    ),
  };
}

/** The return went: what, when, to whom, on time or late, and for a refresh why. */
export function miReturnSentNotice(input: { ref: MiReturnRef } & MiReturnFacts['mi-return-sent']): Notice {
  const { ref } = input;
  const what = input.refresh ? 're-sent (refresh)' : 'sent';
  const changes = input.changes;
  return {
    subject: `Job Entry MI Return ${what}: ${input.fileName}`,
    text: lines(
      `${capital(which(ref))} was ${what} at ${instant(input.sentAt)}: ${input.fileName}, with ${input.entriesCount} job ${input.entriesCount === 1 ? 'entry' : 'entries'} that started in ${monthLabel(ref.reportingMonth)}.`,
      `To ${input.miReturnsAddress}, copied to the Performance Manager (${input.performanceManagerAddress}).`,
      '',
      input.refresh
        ? `This replaces the return sent before${input.requestedBy ? `, as ${input.requestedBy} asked` : ''}${input.reason ? `: ${quoted(input.reason, 400)}` : ''}.`
        : input.late
          ? `It was LATE: due by the end of ${day(ref.due.due)}.`
          : `On time: due by the end of ${day(ref.due.due)}.`,
      input.refresh && changes.length > 0 ? 'Figures changed since the last return:' : null,
      ...(input.refresh ? changes.map((change) => `  ${quoted(change, 200)}`) : []),
      '',
      ...counted(ref.due),
      '',
      SIGN_OFF,
    ),
  };
}

/** The workbook check failed or the mail service refused it: nothing was sent. */
export function miReturnSendFailedNotice(input: { ref: MiReturnRef } & MiReturnFacts['mi-return-send-failed']): Notice {
  const { ref } = input;
  return {
    subject: `FAILED: Job Entry MI Return for ${monthLabel(ref.reportingMonth)} not sent (contract ${ref.contractNumber})`,
    text: lines(
      `${capital(which(ref))}${input.refresh ? ' (a refresh)' : ''} was not sent at ${instant(input.at)}: ${quoted(input.reason, 400)}.`,
      'Nothing went to DWP.',
      '',
      input.refresh
        ? 'The return sent before stands until the refresh goes.'
        : input.pastDue
          ? `It was due by the end of ${day(ref.due.due)}: it is late.`
          : `It is still due by the end of ${day(ref.due.due)}.`,
      input.scheduledRetry
        ? `It will be tried again automatically at ${input.sendTime} on ${day(ref.due.due)}; put the problem right before then, or ask for it to be sent as soon as it is.`
        : 'Action: put the problem right (the job entries, or the mail settings), then ask for it to be sent again.',
      '',
      ...counted(ref.due),
      '',
      SIGN_OFF,
    ),
  };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function renderMiReturnNotice(intent: MiReturnNoticeIntent): Notice {
  return readableNotice(miReturnNoticeOf(intent));
}

function miReturnNoticeOf(intent: MiReturnNoticeIntent): Notice {
  const ref = intent.facts;
  switch (intent.kind) {
    case 'mi-return-reminder': {
      const { workingDaysBefore, sendAt, lastFailure } = intent.facts;
      return miReturnReminderNotice({ ref, workingDaysBefore: Number(workingDaysBefore), sendAt, lastFailure });
    }
    case 'mi-return-not-sent':
      return miReturnNotSentNotice({ ref, attempts: intent.facts.attempts, lastFailure: intent.facts.lastFailure });
    case 'mi-return-sent':
      return miReturnSentNotice({ ref, ...intent.facts });
    case 'mi-return-send-failed':
      return miReturnSendFailedNotice({ ref, ...intent.facts });
    case 'event-flagged': {
      const { reason, requestedBy } = intent.facts;
      return {
        subject: `Job Entry MI Return for ${monthLabel(ref.reportingMonth)}: request not acted on (contract ${ref.contractNumber})`,
        text: lines(
          quoted(reason, 600),
          requestedBy !== null ? `Asked for by ${quoted(requestedBy)}.` : null,
          '',
          'It has been recorded and not acted on.',
          '',
          SIGN_OFF,
        ),
      };
    }
  }
}
