import { exitReportIndexKey, exitReportRecordKind } from '../../adapters/store/exit-report-records.ts';
import { londonDateOf } from '../../domain/calendar/london.ts';
import type { CaseEvent, ExitReportCase } from '../../domain/exit-report/case.ts';
import { checkExitReport } from '../../domain/exit-report/content-check.ts';
import { exitReportDeadline } from '../../domain/exit-report/deadlines.ts';
import { requestArrival } from '../../domain/exit-report/resend.ts';
import { compareFormDeadline } from '../../domain/mail/sender-check.ts';
import type { ExitReportRequestForm, ParsedInboundMail } from '../../domain/mail/types.ts';
import { maskNino } from '../../domain/nino.ts';
import { deliverToRecord } from '../commons/deliver.ts';
import { sendNotices } from '../commons/outbox.ts';
import { type Actioned, type InboundMailDeps, notice, sha } from './outcome.ts';
import { resentRequests } from './resent-requests.ts';

/**
 * What an accepted Exit Report message does to the cases: a request, reminder or ad hoc request delivered to
 * each participant's case, a "no longer required" notice to each case it names, a caseworker's submission to
 * its case (or returned with every problem at once).
 */
export function exitReportMail(deps: InboundMailDeps) {
  const { config } = deps;
  const exitReports = deps.cases.recordsOf(exitReportRecordKind);
  const deliverEvent = (caseId: string, event: CaseEvent) =>
    deliverToRecord(deps, exitReports, exitReportRecordKind.process, caseId, event);

  async function caseFor(nino: string): Promise<ExitReportCase | null> {
    const cases = await exitReports.findByIndex(exitReportIndexKey(nino));
    // The participant's most recent referral is the one Jobcentre Plus means.
    return cases.sort((a, b) => b.participant.referralDate.localeCompare(a.participant.referralDate))[0] ?? null;
  }

  async function actionForm(parsed: ParsedInboundMail, form: ExitReportRequestForm, text: string): Promise<Actioned> {
    const flaggedRows = form.invalidRows.map((r) => `Row ${r.rowNumber}: ${r.reason}`);
    const deadlineFlags = new Set<string>();
    const deliveredTo: string[] = [];
    const para39 = resentRequests(form.requestDate);
    let actioned = 0;
    const receivedAt = new Date(deps.now()).toISOString();
    // A WPER3E repeats the original form, Request Date included (memo 115): the escalation counts from the date
    // of the reminder itself, the day the District SPoC sent it (Europe/London), else the day it arrived.
    // A Date header after receipt or more than 14 days before it is not believed.
    const sent = parsed.sentAt ? Date.parse(parsed.sentAt) : Number.NaN;
    const plausible = sent <= deps.now() && deps.now() - sent <= 14 * 86_400_000;
    const reminderDate = londonDateOf(plausible ? new Date(sent) : receivedAt);
    for (const row of form.rows) {
      const found = await caseFor(row.nino);
      if (!found) {
        flaggedRows.push(
          `Row ${row.rowNumber} (${maskNino(row.nino)}): not a participant attached to this provider — contact Jobcentre Plus (paras 45, 49).`,
        );
        continue;
      }
      const arrival =
        form.form === 'WPER3E'
          ? null
          : requestArrival(found, {
              messageId: parsed.messageId,
              requestDate: form.requestDate,
              district: form.district || null,
              subject: parsed.subject,
              text,
              arrivedOn: londonDateOf(receivedAt),
            });
      // The same request from an earlier email (para 39): recorded on the message, not delivered again.
      if (arrival && para39.add(row.nino, arrival)) continue;
      const event: CaseEvent =
        form.form === 'WPER3E'
          ? {
              id: `wper3:${reminderDate}`,
              type: 'wper3-reminder',
              reminderDate,
              receivedAt,
              messageId: parsed.messageId,
            }
          : {
              id: `request:${form.requestDate}`,
              type: 'exit-report-request',
              form: form.form === 'AD-HOC' ? 'AD-HOC' : 'WPER2E',
              requestDate: form.requestDate,
              receivedAt,
              messageId: parsed.messageId,
              returnEmail: form.returnEmail ?? parsed.from,
              printedDeadline: form.returnDeadline,
              district: form.district || null,
              resent: arrival?.kind === 'resent' ? { signals: arrival.signals } : null,
            };
      await deliverEvent(found.caseId, event);
      if (event.type === 'exit-report-request') deliveredTo.push(found.caseId);
      actioned++;
      if (form.form !== 'WPER3E' && form.returnDeadline !== null) {
        // A printed deadline that is not the counted one: the earlier is kept, and the SPoC lead is told.
        const { computed } = exitReportDeadline(form.requestDate, form.returnDeadline, found.participant);
        const mismatch = compareFormDeadline(form.returnDeadline, computed.due).finding;
        if (mismatch !== null) deadlineFlags.add(mismatch.message);
      }
    }
    flaggedRows.push(...deadlineFlags, ...para39.flags());
    return { actioned, flaggedRows, deliveredTo, outcome: para39.outcome() };
  }

  async function actionNotRequired(parsed: ParsedInboundMail): Promise<Actioned> {
    const flaggedRows: string[] = [];
    let actioned = 0;
    for (const nino of parsed.notRequired?.ninos ?? []) {
      const found = await caseFor(nino);
      if (!found) {
        flaggedRows.push(`${maskNino(nino)}: 'no longer required' for a participant not attached to this provider.`);
        continue;
      }
      await deliverEvent(found.caseId, {
        id: `not-required:${sha(parsed.messageId)}`,
        type: 'not-required',
        receivedAt: new Date(deps.now()).toISOString(),
        messageId: parsed.messageId,
      });
      actioned++;
    }
    if ((parsed.notRequired?.ninos ?? []).length === 0) flaggedRows.push('The notice names no valid NINO.');
    return { actioned, flaggedRows };
  }

  async function actionSubmission(parsed: ParsedInboundMail): Promise<Actioned> {
    const submission = parsed.submission;
    const sender = parsed.from ?? config.provider.spocLeadAddress;
    const problems = [...(submission?.problems ?? [])];
    const found = submission?.nino ? await caseFor(submission.nino) : null;
    if (submission?.nino && !found) problems.push('No case for this NINO: check the NINO in the subject.');
    if (!submission?.document || !found || problems.length > 0) {
      // Every finding at once: the content check's problems go back with the reading problems, not after them.
      if (submission?.document) {
        const check = checkExitReport(submission.document, { scr: found?.participant.scr ?? false });
        for (const problem of check.problems) if (!problems.includes(problem)) problems.push(problem);
      }
      await sendNotices(deps, [
        notice(`submission-problems:${sha(parsed.messageId)}`, 'submission-returned', [sender], {
          problems: problems.length > 0 ? problems : ['No Exit Report could be read from the email.'],
          deadline: found?.deadlines.exitReport ?? null,
          scr: found?.participant.scr ?? false,
        }),
      ]);
      return { actioned: 0, flaggedRows: problems };
    }
    const eventId = `submission:${sha(parsed.messageId)}`;
    await deps.cases.putCaseAttachment(
      found.caseId,
      `SUBMISSION#${eventId}`,
      { document: submission.document, from: sender, messageId: parsed.messageId },
      Math.floor(deps.now() / 1000) + 100 * 86_400,
    );
    await deliverEvent(found.caseId, {
      id: eventId,
      type: 'report-submitted',
      submittedAt: new Date(deps.now()).toISOString(),
      messageId: parsed.messageId,
      submissionKey: `SUBMISSION#${eventId}`,
    });
    return { actioned: 1, flaggedRows: [] };
  }

  return { actionForm, actionNotRequired, actionSubmission };
}
