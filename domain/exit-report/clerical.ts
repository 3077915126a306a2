import { longDateOf, parseIsoDate } from '../calendar/dates.ts';
import type { IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import type { CaseEvent, ClericalRequest, Participant } from './case.ts';

/**
 * The clerical route (CPA 18 ch.10 paras 31–33, 66–67, 87; memo 115): a WPER2 comes on paper for every SCR
 * participant, and for anyone while email with Jobcentre Plus is suspended. Staff record it; it starts the same
 * 10-working-day cycle as a WPER2E, and the report goes back by first class post or courier to the District's
 * return address, where it must be *received* within the 10 working days.
 */

export interface ClericalRequestInput extends ClericalRequest {
  requestDate: IsoDate;
  /** The report return deadline printed on the WPER2. */
  printedDeadline: IsoDate;
  /** When staff recorded it (an instant). */
  recordedAt: string;
}

/**
 * Why a clerical request cannot be recorded for this participant now, or null when it can. A paper WPER2 is taken
 * for an SCR participant, for anyone while email is suspended, and for anyone when its request date is before
 * `emailRequestsFrom` (memo 115: the first cohort's WPER2s came by post before the emailed WPER2E began).
 */
export function clericalRequestRefusal(
  participant: Participant,
  emailSuspended: boolean,
  input: { requestDate: IsoDate; printedDeadline: IsoDate },
  today: IsoDate,
  emailRequestsFrom: IsoDate | null = null,
): string | null {
  const postalEra = emailRequestsFrom !== null && input.requestDate < emailRequestsFrom;
  if (!participant.scr && !emailSuspended && !postalEra) {
    const era =
      emailRequestsFrom === null
        ? 'no date before which requests came by post is configured (emailRequestsFrom, memo 115)'
        : `the request date ${input.requestDate} is not before ${emailRequestsFrom}, the day the provider began the email process (emailRequestsFrom, memo 115)`;
    return `A clerical WPER2 is recorded for SCR participants, for anyone while email with Jobcentre Plus is suspended (paras 31, 87), or for a request dated before the email process began; this participant is not SCR, email is in use and ${era}, so their request comes by WPER2E email.`;
  }
  if (input.requestDate > today) {
    return `The request date ${input.requestDate} is after today (${longDateOf(parseIsoDate(today))}).`;
  }
  if (input.printedDeadline < input.requestDate) {
    return `The printed return deadline ${input.printedDeadline} is before the request date ${input.requestDate}.`;
  }
  return null;
}

/** The event a recorded WPER2 delivers: the same request event a WPER2E gives, on the clerical route. */
export function clericalRequestEvent(input: ClericalRequestInput): CaseEvent {
  return {
    id: `request:${input.requestDate}`,
    type: 'exit-report-request',
    form: 'WPER2',
    requestDate: input.requestDate,
    receivedAt: input.recordedAt,
    messageId: `WPER2 (paper) recorded by ${input.recordedBy}`,
    returnEmail: null,
    printedDeadline: input.printedDeadline,
    clerical: { district: input.district, returnAddress: input.returnAddress, recordedBy: input.recordedBy },
  };
}

/**
 * The last day a report posted first class still arrives in time: first class arrives the next working day, so
 * the working day before the due date (CPA 18 ch.10 para 66: received within ten working days).
 */
export function lastFirstClassPostingDay(due: IsoDate, division: Participant['division']): IsoDate {
  return calendarFor(division).workingDaysBefore(due, 1);
}
