/**
 * What a person reading a notice must never meet: a date as the code writes it (2026-04-24), a raw instant
 * (2026-02-02T15:30:00.000Z), or the code's own name for an event or a stage (evidence-recorded). Returns each
 * thing found, so a failing test says what.
 */
const EVENT_AND_STAGE_NAMES = [
  'attachment-backed-out',
  'attachment-recorded',
  'cmo-handover',
  'esf3-received',
  'evidence-recorded',
  'jcp-dna-notified',
  'pm-review',
  'pm-visit-arranged',
  'prap-cancelled',
  'progress-note',
  'provider-resolved',
  'refresh-requested',
  'return-sent',
  'send-failed',
  'send-requested',
  'session-arranged',
  'session-outcome',
  'wp11-received',
  'session-due',
  'did-not-attend',
  'attachment-due',
  'cancel-due',
  'cancelled-did-not-start',
  'event-flagged',
  'record-event',
  'timer-due',
];

export function unreadable(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?/g)) found.push(m[0]);
  for (const m of text.matchAll(/\b\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g)) found.push(m[0]);
  for (const name of EVENT_AND_STAGE_NAMES) if (new RegExp(`(?<![\\w-])${name}(?![\\w-])`).test(text)) found.push(name);
  return found;
}
