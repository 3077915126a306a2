import type { Deadline } from '../deadlines/rules.ts';
import { day, lines, type Notice, SIGN_OFF } from './format.ts';

/**
 * Emails to a sub-contractor's designated inbox (CPA 18 ch.10 paras 42–44): one record per email, the standard
 * content of the request and nothing more: the participant's NINO, the request date and the return deadline.
 */

/** One participant's row of an Exit Report request, forwarded (para 43). */
export function subContractorForwardNotice(input: {
  subContractor: string;
  nino: string;
  requestDate: string;
  deadline: Deadline;
  submissionAddress: string;
}): Notice {
  return {
    subject: 'Work Programme Exit Report Request',
    text: lines(
      `To ${input.subContractor}: Jobcentre Plus has requested an Exit Report for one participant attached to you.`,
      '',
      `NINO: ${input.nino}`,
      `Request date: ${day(input.requestDate)}`,
      `Report return deadline: ${day(input.deadline.due)} (ten working days, day one being the request date; it must be received by Jobcentre Plus by then)`,
      '',
      `Complete the Exit Report and email it to ${input.submissionAddress}, one report per email: every Exit Report goes to Jobcentre Plus through the provider's designated inbox (para 72).`,
      '',
      SIGN_OFF,
    ),
  };
}

/** A row sent to the wrong sub-contractor: delete it (para 44). */
export function subContractorDeletionNotice(input: {
  subContractor: string;
  nino: string;
  requestDate: string | null;
}): Notice {
  return {
    subject: 'Work Programme Exit Report Request sent to you in error: please delete it',
    text: lines(
      `To ${input.subContractor}: an Exit Report request${input.requestDate ? ` of ${day(input.requestDate)}` : ''} for the participant with NINO ${input.nino} was sent to you in error. This participant is not attached to you.`,
      '',
      'Action: delete the email and any copy of the record from your systems now, do not act on it, and reply to confirm it has been deleted (para 44).',
      '',
      SIGN_OFF,
    ),
  };
}

/** An Exit Report sent to the wrong District: the incident report to DWP security (para 75). */
export function securityIncidentNotice(input: {
  caseRef: string;
  wrongAddress: string | null;
  correctDistrict: string;
  resentTo: string | null;
  sentDate: string | null;
  recordedBy: string;
}): Notice {
  return {
    subject: `Information security incident: Exit Report sent to the wrong Jobcentre Plus District (${input.caseRef})`,
    text: lines(
      `An Exit Report (case ${input.caseRef})${input.sentDate ? ` sent on ${day(input.sentDate)}` : ''} went to the wrong Jobcentre Plus District SPoC${input.wrongAddress ? ` (${input.wrongAddress})` : ''}.`,
      '',
      'Actions taken (CPA 18 ch.10 paras 74–75):',
      '- agreed with the District SPoC by phone that it went to the wrong District; they delete it from their systems;',
      input.resentTo
        ? `- the report has been emailed to the correct District SPoC, ${input.correctDistrict} (${input.resentTo});`
        : `- the report is being posted to the correct District SPoC, ${input.correctDistrict};`,
      '- the record of these actions is kept for three months.',
      '',
      `Recorded by ${input.recordedBy}. No personal details are given in this email; the case reference identifies the record.`,
      '',
      SIGN_OFF,
    ),
  };
}
