import { instant, lines, type Notice, SIGN_OFF } from './format.ts';

/**
 * Business continuity (paras 85–89): while unencrypted email is suspended, staff use the clerical route.
 * The emails to Work Programme Division themselves are in domain/mail/business-continuity.ts.
 */
export function emailSuspendedNotice(input: { suspendedSince: string; wpdEmailDueAt: string | null }): Notice {
  return {
    subject: 'Exit Report email suspended — use the clerical route',
    text: lines(
      `The unencrypted email process for Exit Reports has been suspended since ${instant(input.suspendedSince)}.`,
      '',
      'Until it is resumed:',
      '- Exit Reports are sent by first class post or courier to the Jobcentre Plus District SPoC, in packages of no more than 49 (para 67, 87).',
      '- Exit Report requests arrive by post (WPER2): check for them daily.',
      '- The ten working day deadlines still apply: allow time for the post.',
      '',
      'Work Programme Division has been emailed that email is suspended, with how long it is expected to last (para 85).',
      input.wpdEmailDueAt
        ? `Once it is expected to last 48 hours, and at the latest if email is still suspended at ${instant(input.wpdEmailDueAt)}, Work Programme Division is emailed again that the clerical route is in use (para 87). If email cannot reach them, phone your DWP Performance Manager.`
        : 'Work Programme Division has been told (para 87).',
      '',
      SIGN_OFF,
    ),
  };
}

export function emailResumedNotice(input: { resumedAt: string }): Notice {
  return {
    subject: 'Exit Report email resumed',
    text: lines(
      `The unencrypted email process for Exit Reports was resumed at ${instant(input.resumedAt)}.`,
      '',
      'Work Programme Division was emailed before email was used again (para 88). Reports already posted need not be resent.',
      '',
      SIGN_OFF,
    ),
  };
}

/** The line every staff notice carries while email is suspended (para 87). */
export const CLERICAL_ROUTE_BANNER =
  'EMAIL TO JOBCENTRE PLUS IS SUSPENDED (business continuity): send Exit Reports by first class post or courier to the Jobcentre Plus District SPoC, at most 49 per package, and confirm each with `wp case confirm-sent` (or the staff-action function). Deadlines are unchanged.';
