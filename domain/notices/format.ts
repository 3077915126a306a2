import { formatLondonDateTime, formatLongDate } from '../calendar/london.ts';
import { redactNinos } from '../mail/nino-tokens.ts';
import { maskNino } from '../nino.ts';

/** A staff notice: plain English, short; the participant named only by case reference and masked NINO. */
export interface Notice {
  subject: string;
  text: string;
}

/** Who a case notice is about. The NINO is masked in every notice; nothing else personal is printed. */
export interface NoticeParticipant {
  caseRef: string;
  nino: string;
}

/** "WP-000123 (JT****56A)". */
export function who(participant: NoticeParticipant): string {
  return `${participant.caseRef} (${maskNino(participant.nino)})`;
}

/** "Fri 14 Jun 2024", or the text as given when it is not a date. */
export function day(date: string): string {
  try {
    return formatLongDate(date);
  } catch {
    return date;
  }
}

/** "Mon 3 Jun 2024 09:15 Europe/London (BST)", or the text as given. */
export function instant(iso: string): string {
  try {
    return formatLondonDateTime(iso);
  } catch {
    return iso;
  }
}

/** Free text from outside (a subject line, an address): NINOs masked, one line, bounded. */
export function quoted(text: string, max = 120): string {
  const line = redactNinos(text.replace(/\s+/g, ' ').trim());
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function lines(...parts: Array<string | false | null | undefined>): string {
  return parts.filter((part): part is string => typeof part === 'string').join('\n');
}

export const SIGN_OFF = '(Sent by wp-orchestrator. Do not reply to this email.)';

/**
 * A notice's text with every date as a person reads it: a counting line that gives an instant twice ("Fri 14 Mar
 * 2014 16:30 Europe/London (GMT) = 2014-03-14T16:30:00.000Z") keeps the first; an instant left is written in
 * London time, a London wall-clock time (2014-03-14T16:30) and a bare date (2014-03-14) as "Fri 14 Mar 2014".
 * Used over the explanations and histories the rules and records write for the audit.
 */
export function readable(text: string): string {
  return text
    .replace(/ = \d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})/g, '')
    .replace(/\b\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})/g, (m) => instant(m))
    .replace(/\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})\b/g, (_m, d: string, t: string) => `${day(d)} ${t}`)
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (m) => day(m));
}

/** The notice with `readable` over its subject and text. */
export function readableNotice(notice: Notice): Notice {
  return { subject: readable(notice.subject), text: readable(notice.text) };
}
