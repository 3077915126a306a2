import { findNinos } from './nino-tokens.ts';
import type { Finding, InboundKind } from './types.ts';

/**
 * What kind of message this is, from its subject, recipients, body and the titles on any form in it.
 * The request subject is fixed by para 35 ("Work Programme Exit Report Request"); reminders (WPER3E, memo 115),
 * "no longer required" notices (para 80–82) and ad hoc requests (para 83–84) are told apart by their wording.
 */
export interface ClassifyInput {
  subject: string;
  /** The body as text, for "no longer required" wording. */
  bodyText: string;
  to: string[];
  submissionAddresses: string[];
  /** Title lines of the forms found ("… WPER3E", "Reminder", "Ad hoc …"). */
  formTitles: string[];
  /** Forms found with at least one participant row. */
  formsWithParticipants: number;
  formsFound: number;
}

export const REQUEST_SUBJECT = 'work programme exit report request';

const REPLY_PREFIX = /^(?:(?:re|fw|fwd|aw|wg|tr)\s*(?:\[\d+\])?\s*:\s*)+/i;
const NOT_REQUIRED =
  /\b(?:no\s+longer\s+(?:required|needed|appropriate)|not\s+(?:required|needed|appropriate)|requested\s+in\s+error|cancel(?:led|ed)?)\b/i;
const EXIT_REPORT = /\bexit\s*reports?\b|\bwper\s*[23]\s*e?\b/i;
const REMINDER = /\bwper\s*3\s*e?\b|\breminder\b/i;
const AD_HOC = /\bad[\s-]?hoc\b/i;

export function normaliseSubject(subject: string): { text: string; prefixed: boolean } {
  const collapsed = subject.replace(/\s+/g, ' ').trim();
  const stripped = collapsed.replace(REPLY_PREFIX, '').trim();
  return { text: stripped.toLowerCase(), prefixed: stripped.length !== collapsed.length };
}

export function classifyInbound(input: ClassifyInput): { kind: InboundKind; findings: Finding[] } {
  const findings: Finding[] = [];
  const subject = normaliseSubject(input.subject);
  const aboutExitReports = EXIT_REPORT.test(subject.text);
  // A title line counts only when it names the form: "Reminder: accept the read receipt" in prose does not.
  const formTitles = input.formTitles.filter((title) => EXIT_REPORT.test(title));
  const titleSays = (pattern: RegExp): boolean => formTitles.some((title) => pattern.test(title));

  if (input.submissionAddresses.some((address) => input.to.includes(address))) {
    return { kind: 'report-submission', findings };
  }
  if (subject.prefixed && aboutExitReports) {
    findings.push({
      code: 'subject-prefix',
      severity: 'info',
      message: `The subject starts with a reply or forward prefix ("${input.subject.trim().slice(0, 80)}").`,
    });
  }
  // "Exit Report no longer required" in the subject, or a body that says so with no participants to action.
  const body = input.bodyText.slice(0, 10_000);
  if (
    (aboutExitReports && NOT_REQUIRED.test(subject.text)) ||
    (input.formsWithParticipants === 0 &&
      EXIT_REPORT.test(body) &&
      NOT_REQUIRED.test(body) &&
      !REMINDER.test(subject.text) &&
      // A fresh request whose form could not be read is not a cancellation; a reply to one may be.
      (!subject.text.includes('exit report request') || subject.prefixed))
  ) {
    return { kind: 'not-required', findings };
  }
  if ((aboutExitReports && REMINDER.test(subject.text)) || titleSays(REMINDER)) {
    return { kind: 'exit-report-reminder', findings };
  }
  if ((aboutExitReports && AD_HOC.test(subject.text)) || titleSays(AD_HOC)) {
    return { kind: 'ad-hoc-request', findings };
  }
  if (subject.text.includes('exit report request')) {
    if (subject.text !== REQUEST_SUBJECT) {
      findings.push({
        code: 'subject-mismatch',
        severity: 'info',
        message: `The subject is "${input.subject.trim().slice(0, 80)}", not exactly "Work Programme Exit Report Request" (para 35).`,
      });
    }
    return { kind: 'exit-report-request', findings };
  }
  // By subject alone only when no submission address is configured: otherwise a reply from Jobcentre Plus
  // ("RE: Exit Report <NINO>") reaching the SPoC inbox could be taken for a caseworker's report to send.
  if (input.submissionAddresses.length === 0 && aboutExitReports && findNinos(input.subject).length > 0) {
    return { kind: 'report-submission', findings };
  }
  if (input.formsFound > 0) {
    findings.push({
      code: 'subject-mismatch',
      severity: 'reject',
      message: `The message contains an Exit Report request form but its subject ("${input.subject.trim().slice(0, 80)}") is not "Work Programme Exit Report Request" (para 35): not actioned. Phone the Jobcentre Plus District SPoC to confirm.`,
    });
  }
  return { kind: 'unrecognised', findings };
}
