import { computeDeadline } from '../../../domain/deadlines/rules.ts';
import type { CaseEvent, ExitReportCase } from '../../../domain/exit-report/case.ts';
import {
  consumeEvent,
  recordReportSent,
  returnSubmissionToCaseworker,
  type Transition,
} from '../../../domain/exit-report/lifecycle.ts';
import type { ExitReportDocument } from '../../../domain/exit-report/types.ts';
import { findNinos } from '../../../domain/mail/nino-tokens.ts';
import type { CaseHandlerDeps } from '../deps.ts';
import { sendOnce } from '../outbox.ts';

/** What sending needs: every handler dependency but the notice renderer (a process renders its own). */
type SenderDeps = Omit<CaseHandlerDeps, 'renderNotice'>;

export interface ExitReportSender {
  sendSubmitted(record: ExitReportCase, event: Extract<CaseEvent, { type: 'report-submitted' }>): Promise<Transition>;
  returnNotRequired(record: ExitReportCase): Promise<{ messageId: string | null }>;
}

export type CheckExitReport = (doc: ExitReportDocument, opts: { scr: boolean }) => { ok: boolean; problems: string[] };
export type ComposeExitReport = (input: {
  from: string;
  to: string;
  report: ExitReportDocument;
  date?: Date;
}) => Promise<Buffer>;

const SCR_REFUSAL =
  "This is a Special Customer Record (SCR) case: its Exit Report must never be emailed. The Nominated Officer marks 'SCR participant' clearly at the top and sends it securely by post or courier to the Nominated Officer in the Jobcentre Plus office (at most 49 reports per package); then confirm it as sent with `wp case confirm-sent`.";

const SUSPENDED_REFUSAL =
  'Email to Jobcentre Plus is suspended (business continuity, CPA 18 ch.10 paras 85–89): this report was not emailed. Send it by first class post or courier to the Jobcentre Plus District SPoC (at most 49 per package), then confirm it as sent with `wp case confirm-sent`. The deadline is unchanged.';

/** The 'no longer required' return when it cannot go by email (SCR, or email suspended). */
export const NOT_REQUIRED_CLERICALLY =
  "Jobcentre Plus says this participant's Exit Report is no longer required. It must still be returned (para 82), and it cannot go by email here (an SCR participant, or email is suspended): write across it 'not appropriate, C/circs received - participant no longer in receipt of benefit or requested in error', send it by post or courier to the Jobcentre Plus District SPoC, then confirm it as sent with `wp case confirm-sent`.";

function epochSecondsOfEndOf(date: string): number {
  return Math.floor(Date.parse(`${date}T23:59:59Z`) / 1000);
}

/**
 * Sends what the guidance says must be sent for an Exit Report: one report per email, subject exactly
 * "Work Programme Exit Report", from the designated provider SPoC address, to the form's return address, after
 * the content checks. A failing report goes back to the caseworker with the reasons and is never sent.
 */
export function makeExitReportSender(
  deps: SenderDeps & { checkReport: CheckExitReport; composeExitReport: ComposeExitReport },
): ExitReportSender {
  async function sendReport(record: ExitReportCase, report: ExitReportDocument): Promise<{ messageId: string | null }> {
    const to = record.request?.returnEmail;
    if (!to) throw new Error(`Case ${record.caseId} has no return email address to send the Exit Report to`);
    const from = deps.config.provider.spocAddress;
    const now = deps.now();
    const result = await sendOnce(deps, `${record.caseId}:exit-report@${record.cycle}`, async () => ({
      raw: await deps.composeExitReport({ from, to, report, date: new Date(now) }),
      from,
      to: [to],
    }));
    if (result.sent) {
      // The copy kept for audit, 3 months from sending (para 65, 73): deleted by TTL (the local sweep, locally).
      const sentDate = new Date(now).toISOString().slice(0, 10);
      const retention = computeDeadline('retention', sentDate, record.participant.division);
      await deps.cases.putCaseAttachment(
        record.caseId,
        `REPORT#${record.cycle}`,
        { report, messageId: result.messageId, sentAt: new Date(now).toISOString(), to },
        epochSecondsOfEndOf(retention.due),
      );
    }
    return { messageId: result.messageId };
  }

  return {
    async sendSubmitted(record, event) {
      const now = deps.now();
      if (record.participant.scr) return returnSubmissionToCaseworker(record, event, [SCR_REFUSAL], now);
      if ((await deps.continuity()).suspendedSince !== null) {
        return returnSubmissionToCaseworker(record, event, [SUSPENDED_REFUSAL], now);
      }
      const stored = await deps.cases.getCaseAttachment(record.caseId, `SUBMISSION#${event.id}`);
      const report = stored?.document as ExitReportDocument | undefined;
      if (!report) {
        return returnSubmissionToCaseworker(
          record,
          event,
          ['The submitted report could not be found; please send it again.'],
          now,
        );
      }
      // Every finding goes back to the caseworker at once: a NINO that does not match the case, and each
      // problem the content check finds (a date of birth under the NINO heading is both).
      const check = deps.checkReport(report, { scr: record.participant.scr });
      const reportNinos = findNinos(report.nino);
      const sameNino = report.nino === record.participant.nino || reportNinos[0] === record.participant.nino;
      const problems = [...(sameNino ? [] : ['The NINO in the report does not match the case.']), ...check.problems];
      if (problems.length > 0) return returnSubmissionToCaseworker(record, event, problems, now);
      const { messageId } = await sendReport(record, report);
      return recordReportSent(
        consumeEvent(record, event),
        { sentAt: new Date(now).toISOString(), route: 'email', notRequired: false, messageId },
        now,
      );
    },
    async returnNotRequired(record) {
      if (record.participant.scr) return { messageId: null };
      const report: ExitReportDocument = {
        firstName: '',
        surname: '',
        nino: record.participant.nino,
        participantDetails: `NINO ${record.participant.nino}`,
        summary: 'Not required.',
        workAndReasons: 'Not required.',
        nextSteps: 'Not required.',
        furtherInformation: null,
        notRequired: true,
      };
      return sendReport(record, report);
    },
  };
}
