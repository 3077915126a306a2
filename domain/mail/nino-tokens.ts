import { maskNino, parseNino } from '../nino.ts';

/** NINO-shaped text in free text: "AB123456C", "ab 12 34 56 c", with spaces or non-breaking spaces between groups. */
const NINO_SHAPED = /(?<![A-Za-z0-9])[A-Za-z]{2}(?:[ \u00a0]?\d){6}[ \u00a0]?[A-Da-d](?![A-Za-z0-9])/g;

/** Every valid NINO in the text, normalised, first occurrence order, without repeats. */
export function findNinos(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(NINO_SHAPED)) {
    const parsed = parseNino(match[0]);
    if (parsed.ok && !found.includes(parsed.nino)) found.push(parsed.nino);
  }
  return found;
}

/** The text with every NINO-shaped token masked: a last guard for messages that may be logged. */
export function redactNinos(text: string): string {
  return text.replace(NINO_SHAPED, (token) => maskNino(token));
}
