import type { ProviderConfig } from '../../domain/config.ts';
import type { Deadline } from '../../domain/deadlines/rules.ts';
import type { ExitReportCase } from '../../domain/lifecycle/exit-report-case.ts';
import type { NoticeIntent } from '../../domain/lifecycle/exit-report-lifecycle.ts';
import {
  deadlinesRecomputedNotice,
  earlyCompletionNotice,
  eventFlaggedNotice,
  formFlaggedNotice,
  messageNotActionedNotice,
  requestExpectedNotice,
} from '../../domain/notices/case-notices.ts';
import {
  escalatedNotice,
  newRequestNotice,
  noRequestReceivedNotice,
  overdueNotice,
  reminderNotice,
  reportFailedChecksNotice,
  wper3ReceivedNotice,
} from '../../domain/notices/exit-report-notices.ts';
import type { NoticeParticipant } from '../../domain/notices/format.ts';
import { senderNotDesignatedNotice } from '../../domain/notices/inbound-notices.ts';
import type { RenderedNotice } from '../../ports/mail.ts';

/** A short, stable case reference for people: 'ER-1A2B3C4D'. */
export function caseRef(caseId: string): string {
  return caseId.replace(/^er-/, 'ER-').slice(0, 11).toUpperCase();
}

/** Turns what the lifecycle or the inbound handler asked for into the plain-English notice. */
export function renderNotice(intent: NoticeIntent, config: ProviderConfig, record?: ExitReportCase): RenderedNotice {
  const f = intent.facts as Record<string, unknown>;
  const participant: NoticeParticipant = record
    ? { caseRef: caseRef(record.caseId), nino: record.participant.nino }
    : { caseRef: 'unknown case', nino: '' };
  const submissionAddress = config.provider.submissionAddress;
  const scr = Boolean(f.scr);
  const requestDate = record?.request?.requestDate ?? '';
  switch (intent.kind) {
    case 'request-expected':
      return requestExpectedNotice({
        participant,
        requestExpected: f.requestExpected as Deadline,
        programmeEnd: f.programmeEnd as Deadline,
        scr,
      });
    case 'request-received': {
      const deadline = f.deadline as Deadline;
      return newRequestNotice({
        participant,
        requestDate,
        deadline,
        due: deadline.due,
        adHoc: f.form === 'AD-HOC',
        scr,
        submissionAddress,
      });
    }
    case 'internal-reminder':
      return reminderNotice({
        participant,
        due: (f.deadline as Deadline).due,
        workingDaysLeft: Number(f.workingDaysLeft),
        scr,
        submissionAddress,
      });
    case 'report-overdue':
      return overdueNotice({ participant, requestDate, due: (f.deadline as Deadline).due });
    case 'wper3-received':
      return wper3ReceivedNotice({
        participant,
        reminderDate: record?.wper3?.reminderDate ?? '',
        escalation: f.escalation as Deadline,
        scr,
        submissionAddress,
      });
    case 'escalated':
      return escalatedNotice({
        participant,
        reminderDate: record?.wper3?.reminderDate ?? '',
        escalationDate: (f.escalation as Deadline).due,
      });
    case 'no-request-received':
      return noRequestReceivedNotice({
        participant,
        expectedOn: record?.deadlines.requestExpected.due ?? '',
        workingDaysWaited: config.noRequestAlertWorkingDays,
      });
    case 'event-flagged':
      return eventFlaggedNotice({ participant, reason: String(f.reason) });
    case 'early-completion-recorded':
      return earlyCompletionNotice({
        participant,
        reason: String(f.reason),
        date: String(f.date),
        adHocWindow: f.adHocWindow as Deadline,
      });
    case 'submission-returned':
      return reportFailedChecksNotice({
        participant,
        problems: (f.problems as string[]) ?? [],
        due: (f.deadline as Deadline | null)?.due,
      });
    case 'mail-rejected': {
      const message = {
        from: (f.from as string | null) ?? null,
        subject: String(f.subject ?? ''),
        receivedAt: String(f.receivedAt),
      };
      if (f.reason === 'sender' || f.reason === 'authentication') {
        return senderNotDesignatedNotice({ message, reason: f.reason });
      }
      return messageNotActionedNotice({ ...message, message: String(f.message ?? '') });
    }
    case 'deadlines-recomputed':
      return deadlinesRecomputedNotice({ participant, moved: (f.moved as string[]) ?? [] });
    case 'form-flagged':
      return formFlaggedNotice({
        from: (f.from as string | null) ?? null,
        subject: String(f.subject ?? ''),
        flags: (f.flags as string[]) ?? [],
        actioned: Number(f.actioned ?? 0),
      });
  }
}
