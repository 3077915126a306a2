import { longDateOf, parseIsoDate } from '../calendar/dates.ts';
import type { IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import type { ExitReportCase, ExitReportRequestEvent } from './case.ts';

/**
 * CPA 18 ch.10 para 39: when the provider does not accept the read receipt within 24 hours, the District SPoC
 * phones, and if the email never arrived, re-sends the WPER2E; the provider records that the original was not
 * received. What an arriving request is, against the case it names:
 *
 * - **duplicate**: the case already has (or is about to apply) a request with the same request date from another
 *   email: the same request sent twice. No second cycle; the SPoC lead is told, and the message's outcome says so.
 * - **re-sent**: a request the case never had, with a sign that it is the re-send of one that did not arrive:
 *   the request date is one or more working days before the day it arrived (the District sent it on the request
 *   date and called when no receipt came), or the subject or the District's note says it is re-sent. Recorded on
 *   the case as "original email not received" and flagged; the deadline still counts from the request date.
 *   Not a re-send: the District's corrected form after a withdrawal (paras 47–48).
 * - **new**: anything else.
 */
export type RequestArrival =
  | { kind: 'new' }
  | { kind: 'duplicate'; earlierMessageId: string; earlierReceivedAt: string; sameDistrict: boolean }
  | { kind: 'resent'; signals: string[] };

/** "re-send", "resent", "re-sending", "sent again", "resubmitted" in the subject or the District's text. */
const RESEND_WORDING = /\bre-?sen(?:d|t|ding)\b|\bsent\s+again\b|\bre-?submitted\b/i;

export function requestArrival(
  c: ExitReportCase,
  arriving: {
    messageId: string;
    requestDate: IsoDate;
    district: string | null;
    subject: string;
    /** The message's text (the form read from it is in there too: only words count, not dates). */
    text: string;
    /** The day it arrived, Europe/London. */
    arrivedOn: IsoDate;
  },
): RequestArrival {
  const waiting = c.inbox.find(
    (e): e is ExitReportRequestEvent => e.type === 'exit-report-request' && e.requestDate === arriving.requestDate,
  );
  const earlier = c.request?.requestDate === arriving.requestDate ? c.request : (waiting ?? null);
  if (earlier && earlier.messageId !== arriving.messageId) {
    const known = earlier.district ?? earlier.clerical?.district ?? null;
    return {
      kind: 'duplicate',
      earlierMessageId: earlier.messageId,
      earlierReceivedAt: earlier.receivedAt,
      sameDistrict: known === null || arriving.district === null || known === arriving.district,
    };
  }
  // The same message again (a retry after a failure part-way): what its first reading found.
  if (earlier) return earlier.resent ? { kind: 'resent', signals: earlier.resent.signals } : { kind: 'new' };
  const afterWithdrawal = (c.errorRecords ?? []).some((r) => r.what === 'request-withdrawn' && r.cycle === c.cycle);
  if (afterWithdrawal) return { kind: 'new' };
  const signals: string[] = [];
  const calendar = calendarFor(c.participant.division);
  const day = (d: IsoDate) => longDateOf(parseIsoDate(d));
  if (calendar.workingDaysTaken(arriving.requestDate, arriving.arrivedOn) >= 2) {
    signals.push(
      `the request date ${day(arriving.requestDate)} is one or more working days before it arrived (${day(arriving.arrivedOn)})`,
    );
  }
  if (RESEND_WORDING.test(arriving.subject)) signals.push('the subject says it is re-sent');
  else if (RESEND_WORDING.test(arriving.text)) signals.push("the District SPoC's email says it is re-sent");
  return signals.length > 0 ? { kind: 'resent', signals } : { kind: 'new' };
}
