import { lifecycleWorkflow } from './asl.ts';

/**
 * The Exit Report lifecycle of one participant (CPA 18 ch.10, memo 115), Step Functions Standard, JSONPath, in
 * the shape every lifecycle shares (lifecycleWorkflow) with one function, exit-report-step.
 *
 * An execution starts at PlanNextStep, which reads the case record (the truth) and answers with one of: an event
 * to record, a timer that is due, what to await and until when, hand over to a fresh execution (whose name and
 * generation it also gives), or end. Each business step answers the same way from the record it has just
 * written; after a wait, PlanNextStep reads the record again. So an execution can be started from the record at
 * any point: after a restart, after a definition upgrade, or by itself before its first year runs out
 * (continue-as-new). The execution's own state is only { caseId, generation, handOver, plan }.
 */
export const exitReportWorkflow = lifecycleWorkflow({
  id: 'exit-report',
  stateMachineName: 'wp-exit-report',
  comment:
    'Exit Report lifecycle for one participant: WPER2E expected at day 714, report within 10 working days (day one = request date), internal reminders, breach, WPER3 and escalation after 7 working days, early completion and ad hoc requests. The case record in DynamoDB is the source of truth.',
  events: {
    'record-exit-report-request': {
      state: 'RecordExitReportRequest',
      comment:
        'WPER2E (or ad hoc request) received: compute the 10-working-day due date, tell the caseworker how it was counted.',
    },
    'record-wper3-reminder': {
      state: 'RecordWper3Reminder',
      comment: 'WPER3 reminder received: escalation after 7 working days from the reminder date.',
    },
    'send-exit-report': {
      state: 'SendExitReport',
      comment:
        'Check the submitted report (personal data, minimum sections, no special category data), send it one per email from the provider SPoC address, keep a copy for 3 months.',
    },
    'record-report-confirmed-sent': {
      state: 'RecordReportConfirmedSent',
      comment: 'Staff confirm the report went by the clerical route (SCR: post/courier via the Nominated Officer).',
    },
    'return-not-required': {
      state: 'ReturnReportMarkedNotRequired',
      comment:
        "Report no longer required: return it marked 'not appropriate, C/circs received' so the 10-day target is not impacted.",
    },
    'record-early-completion': {
      state: 'RecordEarlyCompletion',
      comment:
        'Early completion (para 10; the date of death for a deceased participant): ad hoc requests possible for 12 months.',
    },
    'record-sub-contractor-error': {
      state: 'RecordSubContractorError',
      comment:
        'A request row sent to the wrong sub-contractor (para 44): email it to delete the record, keep the actions for 3 months.',
    },
    'record-district-call': {
      state: 'RecordDistrictCall',
      comment:
        'The outcome of a call to the District SPoC (paras 39, 45, 50): an original not received, a form sent in error, wrong details, over 40 records.',
    },
    'resend-to-correct-district': {
      state: 'ResendToCorrectDistrict',
      comment:
        'A report sent to the wrong District (paras 74–75): send it to the correct District SPoC, keep the record 3 months, report the incident to DWP security.',
    },
    'record-participant-copy': {
      state: 'RecordParticipantCopy',
      comment: 'The participant was given a copy of the report or told of their right to one, and how (paras 63-64).',
    },
    'withdraw-request': {
      state: 'WithdrawRequest',
      comment:
        'The form was destroyed, or the row removed (paras 46-49): the request is withdrawn, its clock stopped (no reminder, breach or send), and the case awaits the corrected request (a full 10 working days, para 48).',
    },
    flag: {
      state: 'FlagUnexpectedEvent',
      comment:
        'An event that does not fit the stage (e.g. a WPER3E with no open request) is flagged to the SPoC lead, never dropped.',
    },
  },
  timers: {
    'request-expected': { state: 'MarkRequestExpected', comment: 'Day 714 (102 weeks): the WPER2E is now expected.' },
    'no-request-alert': {
      state: 'AlertNoRequestReceived',
      comment: 'No request some working days after programme end: tell the SPoC to contact Jobcentre Plus (para 27).',
    },
    'no-request-close': {
      state: 'CloseNoRequestReceived',
      comment: 'No request within 12 months of programme end: close.',
    },
    'internal-reminder': {
      state: 'SendInternalReminder',
      comment: 'Internal reminder N working days before the due date.',
    },
    'report-due': {
      state: 'RecordBreach',
      comment: 'Due date passed with no report: record the breach, alert the SPoC lead.',
    },
    'escalation-due': {
      state: 'RecordEscalation',
      comment:
        '7 working days after the WPER3 with no report: escalation via the Performance Manager; alert the contract manager.',
    },
    'ad-hoc-window-closed': {
      state: 'CloseAdHocWindow',
      comment: 'The 12-month ad hoc window after early completion ended.',
    },
  },
  awaits: {
    'exit-report-request': { state: 'AwaitExitReportRequest', comment: 'Await the WPER2E (or the next timer).' },
    'exit-report': {
      state: 'AwaitExitReport',
      comment: "Await the report, a WPER3E or a 'no longer required' notice (or the next reminder or deadline).",
    },
    'ad-hoc-request': {
      state: 'AwaitAdHocRequest',
      comment: 'Completed early: await an ad hoc request within 12 months.',
    },
  },
  closedComment: 'Report sent, returned as not required, or the case closed.',
});
