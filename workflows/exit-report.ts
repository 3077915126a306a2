import {
  type AslDefinition,
  awaitEvent,
  caseStep,
  choiceOn,
  handOverStates,
  planningStates,
  type WorkflowSpec,
} from './asl.ts';

/**
 * The Exit Report lifecycle of one participant (CPA 18 ch.10, memo 115), Step Functions Standard, JSONPath.
 *
 * An execution starts at PlanNextStep, which reads the case record (the truth) and answers with one of: an event
 * to record, a timer that is due, what to await and until when, hand over to a fresh execution (whose name and
 * generation it also gives), or end. Each
 * business step answers the same way from the record it has just written; after a wait, PlanNextStep reads
 * the record again. So an
 * execution can be started from the record at any point: after a restart, after a definition upgrade, or by
 * itself before its first year runs out (continue-as-new). The execution's own state is only
 * { caseId, generation, handOver, plan }.
 */
const CASE_STEP = 'CaseStepFunctionArn';
const AWAIT_EVENT = 'AwaitEventFunctionArn';
const PLAN = 'PlanNextStep';
/** Business steps answer with the next plan: they route on directly. */
const ROUTE = 'RouteNextStep';

export const exitReportDefinition: AslDefinition = {
  Comment:
    'Exit Report lifecycle for one participant: WPER2E expected at day 714, report within 10 working days (day one = request date), internal reminders, breach, WPER3 and escalation after 7 working days, early completion and ad hoc requests. The case record in DynamoDB is the source of truth.',
  StartAt: PLAN,
  States: {
    ...planningStates(CASE_STEP),

    RouteEvent: choiceOn(
      '$.plan.route',
      {
        'record-exit-report-request': 'RecordExitReportRequest',
        'record-wper3-reminder': 'RecordWper3Reminder',
        'send-exit-report': 'SendExitReport',
        'record-report-confirmed-sent': 'RecordReportConfirmedSent',
        'return-not-required': 'ReturnReportMarkedNotRequired',
        'record-early-completion': 'RecordEarlyCompletion',
        flag: 'FlagUnexpectedEvent',
      },
      'UnknownPlan',
    ),
    RecordExitReportRequest: caseStep(
      CASE_STEP,
      'record-exit-report-request',
      ROUTE,
      'WPER2E (or ad hoc request) received: compute the 10-working-day due date, tell the caseworker how it was counted.',
    ),
    RecordWper3Reminder: caseStep(
      CASE_STEP,
      'record-wper3-reminder',
      ROUTE,
      'WPER3 reminder received: escalation after 7 working days from the reminder date.',
    ),
    SendExitReport: caseStep(
      CASE_STEP,
      'send-exit-report',
      ROUTE,
      'Check the submitted report (personal data, minimum sections, no special category data), send it one per email from the provider SPoC address, keep a copy for 3 months.',
    ),
    RecordReportConfirmedSent: caseStep(
      CASE_STEP,
      'record-report-confirmed-sent',
      ROUTE,
      'Staff confirm the report went by the clerical route (SCR: post/courier via the Nominated Officer).',
    ),
    ReturnReportMarkedNotRequired: caseStep(
      CASE_STEP,
      'return-not-required',
      ROUTE,
      "Report no longer required: return it marked 'not appropriate, C/circs received' so the 10-day target is not impacted.",
    ),
    RecordEarlyCompletion: caseStep(
      CASE_STEP,
      'record-early-completion',
      ROUTE,
      'Early completion (para 10; the date of death for a deceased participant): ad hoc requests possible for 12 months.',
    ),
    FlagUnexpectedEvent: caseStep(
      CASE_STEP,
      'flag-event',
      ROUTE,
      'An event that does not fit the stage (e.g. a WPER3E with no open request) is flagged to the SPoC lead, never dropped.',
    ),

    RouteTimer: choiceOn(
      '$.plan.timer.kind',
      {
        'request-expected': 'MarkRequestExpected',
        'no-request-alert': 'AlertNoRequestReceived',
        'no-request-close': 'CloseNoRequestReceived',
        'internal-reminder': 'SendInternalReminder',
        'report-due': 'RecordBreach',
        'escalation-due': 'RecordEscalation',
        'ad-hoc-window-closed': 'CloseAdHocWindow',
      },
      'UnknownPlan',
    ),
    MarkRequestExpected: caseStep(CASE_STEP, 'timer', ROUTE, 'Day 714 (102 weeks): the WPER2E is now expected.'),
    AlertNoRequestReceived: caseStep(
      CASE_STEP,
      'timer',
      ROUTE,
      'No request some working days after programme end: tell the SPoC to contact Jobcentre Plus (para 27).',
    ),
    CloseNoRequestReceived: caseStep(CASE_STEP, 'timer', ROUTE, 'No request within 12 months of programme end: close.'),
    SendInternalReminder: caseStep(CASE_STEP, 'timer', ROUTE, 'Internal reminder N working days before the due date.'),
    RecordBreach: caseStep(
      CASE_STEP,
      'timer',
      ROUTE,
      'Due date passed with no report: record the breach, alert the SPoC lead.',
    ),
    RecordEscalation: caseStep(
      CASE_STEP,
      'timer',
      ROUTE,
      '7 working days after the WPER3 with no report: escalation via the Performance Manager; alert the contract manager.',
    ),
    CloseAdHocWindow: caseStep(CASE_STEP, 'timer', ROUTE, 'The 12-month ad hoc window after early completion ended.'),

    RouteAwait: choiceOn(
      '$.plan.awaiting',
      {
        'exit-report-request': 'AwaitExitReportRequest',
        'exit-report': 'AwaitExitReport',
        'ad-hoc-request': 'AwaitAdHocRequest',
      },
      'UnknownPlan',
    ),
    AwaitExitReportRequest: awaitEvent(AWAIT_EVENT, PLAN, 'Await the WPER2E (or the next timer).'),
    AwaitExitReport: awaitEvent(
      AWAIT_EVENT,
      PLAN,
      "Await the report, a WPER3E or a 'no longer required' notice (or the next reminder or deadline).",
    ),
    AwaitAdHocRequest: awaitEvent(AWAIT_EVENT, PLAN, 'Completed early: await an ad hoc request within 12 months.'),

    ...handOverStates(),
    CaseClosed: { Type: 'Succeed', Comment: 'Report sent, returned as not required, or the case closed.' },
    UnknownPlan: {
      Type: 'Fail',
      Error: 'UnknownPlan',
      Cause: 'The planner answered with a step this definition does not know.',
    },
  },
};

export const exitReportWorkflow: WorkflowSpec = {
  id: 'exit-report',
  stateMachineName: 'wp-exit-report',
  definition: exitReportDefinition,
  substitutions: { [CASE_STEP]: 'case-step', [AWAIT_EVENT]: 'await-event' },
};
