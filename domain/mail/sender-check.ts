import { formatLongDate } from '../calendar/london.ts';
import type { ProviderConfig } from '../config.ts';
import type { Finding, ParsedInboundMail } from './types.ts';

/**
 * The sender checks of para 38–40: a request is actioned only when it comes from a designated Jobcentre Plus
 * District SPoC address and, in AWS, when SES says the message is authentic. Locally there are no verdicts
 * (null): only the address is checked.
 */
export interface SesVerdicts {
  spf?: string;
  dkim?: string;
  dmarc?: string;
  spam?: string;
  virus?: string;
}

export type SenderCheck = { ok: true } | { ok: false; reason: 'sender' | 'authentication'; message: string };

const PHONE_THE_DISTRICT =
  'Do not action it. Keep a record, and phone the Jobcentre Plus District SPoC to tell them (para 40); they will resend it from the designated inbox if it is genuine.';

export function checkSender(
  parsed: Pick<ParsedInboundMail, 'from'>,
  verdicts: SesVerdicts | null,
  config: Pick<ProviderConfig, 'designatedJcpSenders'>,
): SenderCheck {
  const from = parsed.from?.trim().toLowerCase() ?? null;
  const designated = config.designatedJcpSenders.map((address) => address.trim().toLowerCase());
  if (from === null || !designated.includes(from)) {
    return {
      ok: false,
      reason: 'sender',
      message: `This message was not sent from a designated Jobcentre Plus District SPoC address (it came from ${from ?? 'no readable address'}). ${PHONE_THE_DISTRICT}`,
    };
  }
  if (verdicts === null) {
    return { ok: true };
  }
  const failed: string[] = [];
  if (!isPass(verdicts.spf)) failed.push(`SPF ${verdict(verdicts.spf)}`);
  if (!isPass(verdicts.dkim)) failed.push(`DKIM ${verdict(verdicts.dkim)}`);
  // DKIM can pass for a signature by some other domain; a DMARC failure says the From address is not aligned.
  if (isFail(verdicts.dmarc)) failed.push('DMARC FAIL');
  if (isFail(verdicts.virus)) failed.push('virus scan FAIL');
  if (failed.length > 0) {
    return {
      ok: false,
      reason: 'authentication',
      message: `This message claims to come from ${from}, a designated Jobcentre Plus District SPoC address, but the mail checks did not confirm it (${failed.join(', ')}). ${PHONE_THE_DISTRICT}`,
    };
  }
  return { ok: true };
}

/**
 * The deadline printed on the form against the one counted by the calendar (ten working days, day one the
 * request date): the earlier is kept, and any difference is a 'flag' finding: the inbound handler sends it to
 * the SPoC lead with the form's other flags (docs/mail.md), and the caseworker's notice shows the kept date.
 */
export function compareFormDeadline(
  printed: string | null,
  computed: string,
): { keep: string; finding: Finding | null } {
  if (printed === null || printed === computed) {
    return { keep: computed, finding: null };
  }
  const keep = printed < computed ? printed : computed;
  const which = printed < computed ? 'the earlier, printed date is kept' : 'the earlier, counted date is kept';
  return {
    keep,
    finding: {
      code: 'deadline-mismatch',
      severity: 'flag',
      message: `The Report Return Deadline printed on the form (${readable(printed)}) is not the one counted from the request date (${readable(computed)}): ${which}. Check it with the Jobcentre Plus District SPoC.`,
    },
  };
}

/**
 * Where to send the read receipt the form asks for (para 22, 38), or null. Only to a designated District SPoC
 * address: an MDN sent automatically to an arbitrary Disposition-Notification-To would let anyone use the
 * provider's inbox to send mail (RFC 8098 section 6.2).
 */
export function readReceiptRecipient(
  parsed: Pick<ParsedInboundMail, 'readReceiptTo'>,
  config: Pick<ProviderConfig, 'designatedJcpSenders'>,
): string | null {
  const to = parsed.readReceiptTo?.trim().toLowerCase() ?? null;
  if (to === null) return null;
  return config.designatedJcpSenders.some((address) => address.trim().toLowerCase() === to) ? to : null;
}

function isPass(value: string | undefined): boolean {
  return value?.trim().toUpperCase() === 'PASS';
}

function isFail(value: string | undefined): boolean {
  return value?.trim().toUpperCase() === 'FAIL';
}

function verdict(value: string | undefined): string {
  return value === undefined || value.trim() === '' ? 'missing' : value.trim().toUpperCase().slice(0, 30);
}

function readable(date: string): string {
  try {
    return formatLongDate(date);
  } catch {
    return date;
  }
}
