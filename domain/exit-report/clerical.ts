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

/** Why a clerical request cannot be recorded for this participant now, or null when it can. */
export function clericalRequestRefusal(
  participant: Participant,
  emailSuspended: boolean,
  input: { requestDate: IsoDate; printedDeadline: IsoDate },
  today: IsoDate,
): string | null {
  if (!participant.scr && !emailSuspended) {
    return 'A clerical WPER2 is recorded for SCR participants, or for anyone while email with Jobcentre Plus is suspended (paras 31, 87); this participant is not SCR and email is in use, so their request comes by WPER2E email.';
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
