import { londonDateOf } from '../calendar/london.ts';
import type { IsoDate } from '../calendar/types.ts';
import type { ProviderConfig } from '../config.ts';
import { computeDeadline } from '../deadlines/rules.ts';
import { consumeInboxEvent } from '../lifecycle/plan.ts';
import {
  type AuditEntry,
  type CaseEvent,
  type ExitReportCase,
  hasOpenRequest,
  type OpenRequest,
  type Posting,
  withAudit,
} from './case.ts';
import { lastFirstClassPostingDay } from './clerical.ts';
import { exitReportDeadline } from './deadlines.ts';
import { originalNotReceived, recordDistrictCall, withdrawalFits, withdrawRequest } from './error-records.ts';
import { judge, recordReportReceipt } from './package.ts';
import { participantCopyReminder, recordParticipantCopy } from './participant-copy.ts';
import { forwardToSubContractor, recordSubContractorError } from './sub-contractors.ts';
import type { Transition } from './timers.ts';

/** Which workflow state records an event; `flag` when it does not fit the case's stage (flagged, not dropped). */
export type EventRoute =
  | 'record-exit-report-request'
  | 'record-wper3-reminder'
  | 'send-exit-report'
  | 'record-report-confirmed-sent'
  | 'return-not-required'
  | 'record-early-completion'
  | 'record-sub-contractor-error'
  | 'record-district-call'
  | 'resend-to-correct-district'
  | 'record-participant-copy'
  | 'withdraw-request'
  | 'flag';

/** Where an event goes in the stage the case is in. */
export function routeEvent(c: ExitReportCase, event: CaseEvent): EventRoute {
  switch (event.type) {
    case 'exit-report-request':
      if (c.stage === 'awaiting-request') return 'record-exit-report-request';
      if (c.stage === 'completed-early') return 'record-exit-report-request';
      // A re-issued request with an amended date (para 48) or a new request after a report was sent.
      if (hasOpenRequest(c) && c.request && event.requestDate !== c.request.requestDate) {
        return 'record-exit-report-request';
      }
      // A closed case takes a request with a new date as a new cycle: after a report was sent (an ad hoc request),
      // after 'no request received' or the ad hoc window closed (Jobcentre Plus asked late: the report is still
      // owed). The date already handled again is flagged.
      if (c.stage === 'closed' && event.requestDate !== c.request?.requestDate) return 'record-exit-report-request';
      return 'flag';
    case 'wper3-reminder':
      return hasOpenRequest(c) && c.stage !== 'wper3-received' && c.stage !== 'escalated'
        ? 'record-wper3-reminder'
        : 'flag';
    case 'report-submitted':
      return hasOpenRequest(c) ? 'send-exit-report' : 'flag';
    case 'report-confirmed-sent':
      return hasOpenRequest(c) ? 'record-report-confirmed-sent' : 'flag';
    case 'sub-contractor-misdirected':
      // The record of a misdirected row is kept whatever the stage.
      return 'record-sub-contractor-error';
    case 'district-call':
      return 'record-district-call';
    case 'participant-copy-recorded':
      return 'record-participant-copy';
    case 'wrong-district':
      // Only a report that has gone can have gone to the wrong District.
      return c.report && !c.report.notRequired ? 'resend-to-correct-district' : 'flag';
    case 'report-receipt-recorded':
      // Recorded by the same state as the posting it completes.
      return c.report?.posting ? 'record-report-confirmed-sent' : 'flag';
    case 'not-required':
      return hasOpenRequest(c) ? 'return-not-required' : 'flag';
    case 'request-withdrawn':
      // Only the open request the event names (that message, that date) is withdrawn; a report already sent stays.
      return hasOpenRequest(c) && withdrawalFits(c, event) ? 'withdraw-request' : 'flag';
    case 'early-completion':
      return c.stage === 'awaiting-request' ? 'record-early-completion' : 'flag';
  }
}

const APPLIED_EVENT_MEMORY = 50;

/** Takes the event out of the inbox and remembers its id: a repeat is recognised. */
export function consumeEvent(c: ExitReportCase, event: CaseEvent): ExitReportCase {
  return consumeInboxEvent(c, event, APPLIED_EVENT_MEMORY);
}

type EventOf<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>;

/** A WPER2E (or ad hoc request): the 10-working-day due date, how it was counted, the caseworker told. */
export function recordExitReportRequest(
  c: ExitReportCase,
  event: EventOf<'exit-report-request'>,
  now: number,
  config: ProviderConfig,
): Transition {
  const participant = c.participant;
  const cycle = c.cycle + 1;
  const { id: _id, type: _type, ...request } = event satisfies { id: string; type: string } & OpenRequest;
  const entries: Omit<AuditEntry, 'at'>[] = [];
  const { deadline: exitReport, computed } = exitReportDeadline(event.requestDate, event.printedDeadline, participant);
  if (event.printedDeadline && event.printedDeadline !== computed.due) {
    entries.push({
      what: 'deadline mismatch',
      detail: `Printed ${event.printedDeadline}, computed ${computed.due}; kept ${exitReport.due}.`,
      flag: true,
    });
  }
  const reissued = hasOpenRequest(c);
  const clerical = event.clerical ?? null;
  const lastFirstClass = clerical ? lastFirstClassPostingDay(exitReport.due, participant.division) : null;
  entries.unshift({
    what: reissued
      ? 'exit report request re-issued'
      : `${event.form === 'AD-HOC' ? 'ad hoc ' : event.form === 'WPER2' ? 'clerical (WPER2) ' : ''}exit report request recorded`,
    detail: clerical
      ? `Request date ${event.requestDate}; printed deadline ${event.printedDeadline}; report due ${exitReport.due}, to be received by post or courier at ${clerical.district} (${clerical.returnAddress}); last first-class posting day ${lastFirstClass}; recorded by ${clerical.recordedBy}.`
      : `Request date ${event.requestDate}; report due ${exitReport.due} (message ${event.messageId}).`,
    flag: reissued || undefined,
  });
  const resent = originalNotReceived(c, event, now);
  if (resent) entries.push(resent.audit);
  const forward = forwardToSubContractor(c, event, exitReport, now, config);
  entries.push(...forward.audit);
  const next: ExitReportCase = {
    ...consumeEvent(c, event),
    ...(resent ? { errorRecords: [...(c.errorRecords ?? []), resent.record] } : {}),
    ...(forward.records.length > 0
      ? { subContractorRecords: [...(c.subContractorRecords ?? []), ...forward.records] }
      : {}),
    stage: 'report-due',
    closedReason: null,
    cycle,
    request,
    wper3: null,
    report: null,
    deadlines: { ...c.deadlines, exitReport, escalation: null, retention: null },
  };
  return {
    case: withAudit(next, now, entries),
    notices: [
      {
        intentId: `${c.caseId}:request-received@${cycle}`,
        kind: 'request-received',
        to: [participant.caseworkerEmail],
        facts: {
          deadline: exitReport,
          form: event.form,
          scr: participant.scr,
          reissued,
          clerical:
            clerical && lastFirstClass
              ? {
                  district: clerical.district,
                  returnAddress: clerical.returnAddress,
                  lastFirstClassPostingDay: lastFirstClass,
                }
              : null,
        },
      },
      ...forward.notices,
    ],
    metrics: [{ name: 'ExitReportRequestsReceived', value: 1 }],
  };
}

/** A WPER3 reminder: escalation after 7 working days from its date. */
export function recordWper3Reminder(
  c: ExitReportCase,
  e: EventOf<'wper3-reminder'>,
  now: number,
  config: ProviderConfig,
): Transition {
  const escalation = computeDeadline('escalation', e.reminderDate, c.participant.division);
  const next: ExitReportCase = {
    ...consumeEvent(c, e),
    stage: 'wper3-received',
    wper3: { reminderDate: e.reminderDate, receivedAt: e.receivedAt, messageId: e.messageId },
    deadlines: { ...c.deadlines, escalation },
  };
  return {
    case: withAudit(next, now, [
      {
        what: 'WPER3 reminder recorded',
        detail: `Reminder dated ${e.reminderDate}; escalation after ${escalation.due}.`,
      },
    ]),
    notices: [
      {
        intentId: `${c.caseId}:wper3-received@${c.cycle}`,
        kind: 'wper3-received',
        to: [c.participant.caseworkerEmail, config.provider.spocLeadAddress],
        facts: { escalation, scr: c.participant.scr },
      },
    ],
    metrics: [{ name: 'Wper3RemindersReceived', value: 1 }],
  };
}

/** Early completion (para 10): an ad hoc request may come within 12 months. */
export function recordEarlyCompletion(c: ExitReportCase, e: EventOf<'early-completion'>, now: number): Transition {
  const adHocWindow = computeDeadline('ad-hoc-window', e.date, c.participant.division);
  const next: ExitReportCase = {
    ...consumeEvent(c, e),
    stage: 'completed-early',
    earlyCompletion: { reason: e.reason, date: e.date },
    deadlines: { ...c.deadlines, adHocWindow },
  };
  return {
    case: withAudit(next, now, [
      {
        what: 'early completion recorded',
        detail: `${e.reason}${e.reason === 'deceased' ? ' (date of death)' : ''} ${e.date}; ad hoc requests possible until ${adHocWindow.due}. Enter 'Completed Provision' on PRaP.`,
      },
    ]),
    notices: [
      {
        intentId: `${c.caseId}:early-completion`,
        kind: 'early-completion-recorded',
        to: [c.participant.caseworkerEmail],
        facts: { reason: e.reason, date: e.date, adHocWindow },
      },
    ],
    metrics: [],
  };
}

/** Staff confirm the report went by the clerical route. */
export function recordReportConfirmedSent(
  c: ExitReportCase,
  e: EventOf<'report-confirmed-sent'>,
  now: number,
): Transition {
  return recordReportSent(
    consumeEvent(c, e),
    {
      sentAt: e.recordedAt,
      sentDate: e.sentDate,
      route: 'clerical',
      notRequired: false,
      messageId: null,
      posting: e.posting ?? null,
    },
    now,
  );
}

/** Records an event the lifecycle applies without sending mail; a repeat of an applied event changes nothing. */
export function applyEvent(c: ExitReportCase, event: CaseEvent, now: number, config: ProviderConfig): Transition {
  if (c.appliedEventIds.includes(event.id)) return { case: c, notices: [], metrics: [] };
  const route = routeEvent(c, event);
  if (route === 'flag') return flagEvent(c, event, now, config);
  switch (event.type) {
    case 'exit-report-request':
      return recordExitReportRequest(c, event, now, config);
    case 'sub-contractor-misdirected':
      return recordSubContractorError(c, event, now, config, consumeEvent(c, event));
    case 'district-call':
      return recordDistrictCall(c, consumeEvent(c, event), event, now);
    case 'participant-copy-recorded':
      return recordParticipantCopy(c, consumeEvent(c, event), event, now);
    case 'request-withdrawn':
      return withdrawRequest(c, consumeEvent(c, event), event, now);
    case 'wper3-reminder':
      return recordWper3Reminder(c, event, now, config);
    case 'early-completion':
      return recordEarlyCompletion(c, event, now);
    case 'report-confirmed-sent':
      return recordReportConfirmedSent(c, event, now);
    case 'report-receipt-recorded':
      return recordReportReceipt(c, consumeEvent(c, event), event, now);
    case 'report-submitted':
    case 'not-required':
    case 'wrong-district':
      // These send mail first: the step function checks and sends, then calls recordReportSent / returns it.
      throw new Error(`Event ${event.type} is applied by the ${route} step, not applyEvent`);
  }
}

function describeStage(c: ExitReportCase): string {
  if (c.stage === 'closed') return `closed (${c.closedReason ?? 'unknown'})`;
  return c.stage;
}

/** An event that does not fit the stage is flagged to the SPoC lead and kept in the audit, never dropped. */
export function flagEvent(c: ExitReportCase, event: CaseEvent, now: number, config: ProviderConfig): Transition {
  const reason =
    event.type === 'wper3-reminder' || event.type === 'not-required'
      ? `A ${event.type === 'wper3-reminder' ? 'WPER3E reminder' : "'no longer required' notice"} arrived for a case with no open Exit Report request (${describeStage(c)}).`
      : `A ${event.type} event does not fit the case's stage (${describeStage(c)}).`;
  return {
    case: withAudit(consumeEvent(c, event), now, [{ what: `${event.type} flagged`, detail: reason, flag: true }]),
    notices: [
      {
        intentId: `${c.caseId}:flag:${event.id}`,
        kind: 'event-flagged',
        to: [config.provider.spocLeadAddress],
        facts: { eventType: event.type, reason },
      },
    ],
    metrics: [],
  };
}

/** The report has gone (email or clerical): record the date, the working days taken, on time or late; close. */
export function recordReportSent(
  c: ExitReportCase,
  sent: {
    sentAt: string;
    sentDate?: IsoDate;
    route: 'email' | 'clerical';
    notRequired: boolean;
    messageId: string | null;
    /** Posted or by courier: judged on the expected arrival. */
    posting?: Posting | null;
  },
  now: number,
): Transition {
  const due = c.deadlines.exitReport;
  const sentDate = sent.sentDate ?? londonDateOf(sent.sentAt);
  const posting = sent.posting ?? null;
  const { workingDaysTaken, onTime } = judge(c, posting ? posting.expectedArrival : sentDate);
  const retention = computeDeadline('retention', sentDate, c.participant.division);
  const next: ExitReportCase = {
    ...c,
    stage: 'closed',
    closedReason: sent.notRequired ? 'not-required-returned' : 'report-sent',
    report: {
      sentDate,
      sentAt: sent.sentAt,
      workingDaysTaken,
      onTime,
      notRequired: sent.notRequired,
      route: sent.route,
      messageId: sent.messageId,
      ...(posting ? { posting: { ...posting, receivedDate: null } } : {}),
    },
    deadlines: { ...c.deadlines, retention },
  };
  const how = posting
    ? `Posted ${sentDate} (${posting.method === 'first-class' ? 'first class' : 'courier'}${posting.packageId ? `, package ${posting.packageId}` : ''}), expected to arrive ${posting.expectedArrival}`
    : `Sent ${sentDate}`;
  return {
    case: withAudit(next, now, [
      {
        what: sent.notRequired ? "report returned marked 'not appropriate'" : `report sent (${sent.route})`,
        detail: `${how}: ${workingDaysTaken} working day(s) from the request, ${onTime ? 'on time' : 'LATE'} (due ${due?.due ?? 'n/a'}); copy kept until ${retention.due}.`,
        flag: onTime ? undefined : true,
      },
    ]),
    notices: sent.notRequired ? [] : participantCopyReminder(c, sentDate),
    metrics: [{ name: onTime ? 'ExitReportsSentOnTime' : 'ExitReportsSentLate', value: 1 }],
  };
}

/** A submitted report failed its checks (or an SCR case was emailed): returned to the caseworker, event consumed. */
export function returnSubmissionToCaseworker(
  c: ExitReportCase,
  event: CaseEvent,
  problems: string[],
  now: number,
  what = 'submitted report returned to caseworker',
): Transition {
  return {
    case: withAudit(consumeEvent(c, event), now, [{ what, detail: problems.join(' '), flag: true }]),
    notices: [
      {
        intentId: `${c.caseId}:submission-returned:${event.id}`,
        kind: 'submission-returned',
        to: [c.participant.caseworkerEmail],
        facts: { problems, deadline: c.deadlines.exitReport, scr: c.participant.scr },
      },
    ],
    metrics: [],
  };
}
