import { longDateOf, parseIsoDate } from '../../domain/calendar/dates.ts';
import { londonDateOf } from '../../domain/calendar/london.ts';
import type { RequestArrival } from '../../domain/exit-report/resend.ts';
import { maskNino } from '../../domain/nino.ts';

/**
 * Para 39 over one message: which of its rows repeat a request already handled from an earlier email (duplicates:
 * not delivered again), and the signs that it is the re-send of an email never received. The SPoC lead's flags
 * and the fields kept on the message's outcome (the console's Inbound mail page shows both).
 */
export function resentRequests(requestDate: string) {
  const duplicates = new Map<string, { ninos: string[]; receivedAt: string; otherDistrict: boolean }>();
  const signals = new Set<string>();
  let resentRows = 0;
  const day = (iso: string) => longDateOf(parseIsoDate(iso));
  return {
    /** Notes the row; true when it is a duplicate (not to be delivered again). */
    add(nino: string, arrival: RequestArrival): boolean {
      if (arrival.kind === 'resent') {
        resentRows++;
        for (const s of arrival.signals) signals.add(s);
      }
      if (arrival.kind !== 'duplicate') return false;
      const earlier = duplicates.get(arrival.earlierMessageId) ?? {
        ninos: [],
        receivedAt: arrival.earlierReceivedAt,
        otherDistrict: false,
      };
      earlier.ninos.push(maskNino(nino));
      earlier.otherDistrict ||= !arrival.sameDistrict;
      duplicates.set(arrival.earlierMessageId, earlier);
      return true;
    },
    flags(): string[] {
      const flags = [...duplicates].map(
        ([messageId, d]) =>
          `${d.ninos.length} row(s) (${d.ninos.join(', ')}) were already requested, with the same request date, by an earlier email${d.otherDistrict ? ' from another District' : ''} (${messageId}, received ${day(londonDateOf(d.receivedAt))}): a duplicate of a request already handled, so no second cycle and nothing sent again (para 39).${d.otherDistrict ? ' Check with both District SPoCs which District asked.' : ''}`,
      );
      if (resentRows > 0) {
        flags.push(
          `Re-sent WPER2E (para 39): ${[...signals].join('; ')}. Recorded on ${resentRows} case(s) that the original email was not received; the deadline counts from the request date (${day(requestDate)}). If the District SPoC says it was sent only once, record their call (district-call, reason original-received).`,
        );
      }
      return flags;
    },
    /** Kept on the message's outcome. */
    outcome(): Record<string, unknown> {
      return {
        ...(duplicates.size > 0
          ? {
              duplicateOf: [...duplicates.keys()],
              duplicateRows: [...duplicates.values()].reduce((n, d) => n + d.ninos.length, 0),
            }
          : {}),
        ...(resentRows > 0 ? { resent: { signals: [...signals], rows: resentRows } } : {}),
      };
    },
  };
}
