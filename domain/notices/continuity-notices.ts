import { instant, lines, type Notice, SIGN_OFF } from './format.ts';

/**
 * Business continuity (paras 85–89): while unencrypted email is suspended, staff use the clerical route.
 * The email to Work Programme Division after 48 hours is `wpdSuspensionNotice` in domain/mail/business-continuity.ts.
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
      input.wpdEmailDueAt
        ? `If email is still suspended at ${instant(input.wpdEmailDueAt)} (48 hours), Work Programme Division is emailed automatically (para 87). If email cannot reach them, phone your DWP Performance Manager.`
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
      'Tell Work Programme Division before you start using email again, if you have not already (para 88). Reports already posted need not be resent.',
      '',
      SIGN_OFF,
    ),
  };
}
