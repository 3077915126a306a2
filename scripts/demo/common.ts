/** What the demo scenario's builders share: JSON objects, invented NINOs, instants. */
export type Json = Record<string, unknown>;

/** Invented NINOs in a valid format (prefix WP, suffix A): no real person's number. */
export const nino = (i: number) => `WP${String(100000 + i).padStart(6, '0')}A`;
export const at = (date: string, time = '10:00') => `${date}T${time}:00Z`;
