import { MAX_ROWS_READ } from '../../domain/mail/limits.ts';
import type { Finding } from '../../domain/mail/types.ts';

/** The findings and error texts the inbound reader shares between the message, its body and its attachments. */

export function tooManyRows(where: string): Finding {
  return {
    code: 'too-many-rows',
    severity: 'reject',
    message: `${capitalise(where)} has more than ${MAX_ROWS_READ} rows; only the first ${MAX_ROWS_READ} were read. Not actioned: phone the Jobcentre Plus District SPoC.`,
  };
}

export function unreadable(name: string, reason: string): Finding {
  return {
    code: 'attachment-unreadable',
    severity: 'flag',
    message: `The attachment "${name}" could not be read: ${reason}.`,
  };
}

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 200) || 'unknown error';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
