import { lifecycleWorkflow } from './asl.ts';

/**
 * One contract's Job Entry MI return for one month (memo 176), Step Functions Standard, JSONPath: opened by the
 * monthly schedule, due on the 5th working day of the next month. Reminders to the lead contact and deputy, the
 * workbook built, checked and emailed at the send time on the due day (or earlier when staff ask), an alert if
 * it has not gone by the end of that day; a refresh of a past month re-sends it and is recorded.
 */
export const miReturnWorkflow = lifecycleWorkflow({
  id: 'mi-return',
  stateMachineName: 'wp-mi-return',
  comment:
    'Job Entry MI return for one contract and month: due the 5th working day of the next month; reminders, build, check and email the workbook, alert if not sent, refreshes recorded. The case record in DynamoDB is the source of truth.',
  events: {
    'send-now': {
      state: 'OpenSendAttempt',
      comment: 'Staff ask to send now, or to refresh a past month: a numbered send attempt is opened.',
    },
    'record-sent': { state: 'RecordReturnSent', comment: 'The attempt sent the return.' },
    'record-send-failed': { state: 'RecordSendFailed', comment: 'The attempt failed: staff alerted.' },
    'answered-by-send': {
      state: 'RecordRequestAnsweredBySend',
      comment: 'A request to send while the return is being sent, or sent since: the send answers it (audit only).',
    },
  },
  timers: {
    'month-ended': { state: 'RecordMonthEnded', comment: 'The reporting month ended: the return can be sent.' },
    reminder: {
      state: 'SendReminderToLeadAndDeputy',
      comment: 'N working days before the due date, while not sent: remind the lead contact and deputy.',
    },
    'send-due': { state: 'OpenScheduledSend', comment: 'The send time on the due day: open a send attempt.' },
    'build-and-send': {
      state: 'BuildCheckAndSendWorkbook',
      comment:
        'Build the workbook from the job entries, check it on read-back, email it to the MI returns address copied to the Performance Manager, once per attempt.',
    },
    'not-sent-alert': { state: 'AlertNotSent', comment: 'The end of the due day and not sent: alert.' },
    close: { state: 'CloseMonth', comment: 'Some days after the send: close (a refresh reopens it).' },
  },
  awaits: {
    'month-end': { state: 'AwaitMonthEnd', comment: 'The reporting month is running.' },
    send: { state: 'AwaitSendTimeOrRequest', comment: 'Await the send time on the due day, or a request to send.' },
    'send-outcome': { state: 'AwaitSendOutcome', comment: 'A send attempt is open.' },
    refresh: { state: 'AwaitRefresh', comment: 'Sent: only a refresh request changes anything.' },
  },
  closedComment: 'Sent, and closed some days after (a refresh reopens it).',
});
