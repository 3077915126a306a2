import { instant, lines, type Notice, quoted, SIGN_OFF } from './format.ts';

/**
 * Notices about an inbound message that was not actioned, or actioned with a problem, to the provider SPoC.
 * The original subject is quoted with any NINO masked.
 */
export interface InboundMessageRef {
  from: string | null;
  subject: string;
  /** ISO instant the message was received. */
  receivedAt: string;
}

function describe(message: InboundMessageRef): string {
  return `the email "${quoted(message.subject) || '(no subject)'}" from ${message.from ? quoted(message.from, 200) : 'an unreadable sender'}, received ${instant(message.receivedAt)}`;
}

/** Not from a designated District SPoC address, or failed SPF/DKIM: not actioned (para 40). */
export function senderNotDesignatedNotice(input: {
  message: InboundMessageRef;
  reason: 'sender' | 'authentication';
  /** Set when the message forwards an attached email whose own sender is not designated. */
  originalFrom?: string | null;
}): Notice {
  const why =
    input.originalFrom !== undefined
      ? `the email it forwards as an attachment was sent from ${input.originalFrom ? quoted(input.originalFrom, 200) : 'an unreadable address'}, which is not a designated Jobcentre Plus District SPoC email address`
      : input.reason === 'sender'
        ? 'it was not sent from a designated Jobcentre Plus District SPoC email address'
        : 'the mail checks (SPF/DKIM) could not confirm it came from the designated Jobcentre Plus District SPoC address it shows';
  return {
    subject: 'Exit Report email not actioned — phone the Jobcentre Plus District SPoC',
    text: lines(
      `We did not action ${describe(input.message)}, because ${why}.`,
      '',
      'Action: phone the Jobcentre Plus District SPoC to tell them (para 40). If it is genuine they will resend it from the designated inbox; when it is agreed it was sent in error, it is deleted (para 46). The message is kept on record.',
      '',
      SIGN_OFF,
    ),
  };
}

/** More than one form in one email: not actioned. */
export function moreThanOneFormNotice(input: { message: InboundMessageRef; formCount: number }): Notice {
  return {
    subject: `Exit Report request not actioned — ${input.formCount} forms in one email`,
    text: lines(
      `We did not action ${describe(input.message)}: it contains ${input.formCount} forms, and each email should carry only one (para 22, 36).`,
      '',
      'Action: phone the Jobcentre Plus District SPoC to ask for each form to be sent in its own email. The message is kept on record.',
      '',
      SIGN_OFF,
    ),
  };
}

/** More than 40 records on a form: processed, and flagged (para 45, 50). */
export function tooManyRecordsNotice(input: {
  message: InboundMessageRef;
  recordCount: number;
  limit: number;
}): Notice {
  return {
    subject: `Exit Report request has ${input.recordCount} records (more than ${input.limit}) — phone Jobcentre Plus`,
    text: lines(
      `The form in ${describe(input.message)} lists ${input.recordCount} participants; a form should have no more than ${input.limit} (para 36).`,
      '',
      'All of them are being processed as usual (para 50).',
      '',
      `Action: phone the Jobcentre Plus District SPoC who sent it to report that the form had more than ${input.limit} records (para 45), and keep a record.`,
      '',
      SIGN_OFF,
    ),
  };
}

/**
 * A WP11 (ch.19 para 5) read from Jobcentre Plus mail with points to check: recorded on the participant's
 * Information Session referral, or on none (no referral on record for the NINO). Spoken of as a WP11, never as
 * an Exit Report request.
 */
export function wp11FlaggedNotice(input: {
  from: string | null;
  subject: string;
  flags: string[];
  actioned: number;
}): Notice {
  const recorded = input.actioned > 0;
  return {
    subject: recorded
      ? `WP11 recorded with ${input.flags.length} point(s) to check — Information Session referral`
      : 'WP11 not matched to an Information Session referral — check with Jobcentre Plus',
    text: lines(
      `The email "${quoted(input.subject) || '(no subject)'}" from ${input.from ? quoted(input.from, 200) : 'an unreadable sender'} was read as a WP11: the participant wants to join the Work Programme (ch.19 para 5).`,
      recorded
        ? "It was recorded on the participant's Information Session referral, and attachment activity is asked for as usual. Please check:"
        : 'It was not recorded on any referral. Please check:',
      '',
      ...input.flags.map((flag) => `- ${quoted(flag.replace(/^WP11:\s*/, ''), 400)}`),
      '',
      recorded
        ? 'Action: check these points with the Jobcentre Plus District SPoC who sent it, and keep a record of what was agreed.'
        : 'Action: check with the Jobcentre Plus District SPoC who sent it which referral the WP11 is about. If the referral arrived clerically (a Special Customer Record), record the referral (wp referrals add) and then the WP11 (wp session wp11).',
      '',
      SIGN_OFF,
    ),
  };
}
