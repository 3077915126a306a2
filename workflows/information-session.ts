import { lifecycleWorkflow } from './asl.ts';

/**
 * One Information Session referral (CPA 18 ch.19), Step Functions Standard, JSONPath: the session within 15
 * calendar days, the outcome (a mandated non-attendance becomes a task to tell Jobcentre Plus, chased until
 * confirmed), the WP11 awaited to the end of day 21, then attachment by day 28 or a task to cancel the referral on
 * PRaP as 'Did Not Start'. Every date runs from the original referral date: a rearranged session restarts nothing.
 */
export const informationSessionWorkflow = lifecycleWorkflow({
  id: 'information-session',
  stateMachineName: 'wp-information-session',
  comment:
    "Information Session referral: session within 15 calendar days, WP11 within 21 (else cancel on PRaP as 'Did Not Start'), attachment within 28; mandated non-attendance notified to Jobcentre Plus. The case record in DynamoDB is the source of truth.",
  events: {
    'record-session-arranged': {
      state: 'RecordSessionArranged',
      comment: 'A session booked, or rearranged after a missed one: no re-referral, the dates keep running.',
    },
    'record-session-outcome': {
      state: 'RecordSessionOutcome',
      comment:
        'Attended, or did not attend: a mandated participant gives staff a task to tell Jobcentre Plus (the consequence stated); a voluntary one needs no notice.',
    },
    'record-jcp-dna-notified': {
      state: 'RecordJcpDnaNotified',
      comment: 'Staff confirm Jobcentre Plus was told of the non-attendance through the locally agreed route.',
    },
    'record-wp11': {
      state: 'RecordWp11',
      comment: 'A WP11 within 21 days: attachment activity due within 28 days of the referral.',
    },
    'late-wp11': {
      state: 'RecordLateWp11',
      comment: 'A WP11 after day 21: flagged, the referral is cancelled anyway.',
    },
    'record-prap-cancellation': {
      state: 'RecordPrapCancellation',
      comment: "Staff confirm the referral was cancelled on PRaP with the reason 'Did Not Start'.",
    },
    'record-attachment': { state: 'RecordAttachment', comment: 'Attached on PRaP to the Work Programme referral.' },
    'wrong-attachment': {
      state: 'RaiseWrongAttachment',
      comment:
        'Attached to the Information Session referral instead: back it out (PRaP16 process); DWP recovers fees paid on it.',
    },
    'record-back-out': { state: 'RecordBackOut', comment: 'Staff confirm the wrong attachment was backed out.' },
  },
  timers: {
    'session-reminder': { state: 'SendSessionReminder', comment: 'Reminder before the 15-day session date.' },
    'session-overdue': { state: 'RecordSessionOverdue', comment: 'Day 15 ended with no session outcome.' },
    'wp11-window-closed': {
      state: 'RaiseCancelDidNotStart',
      comment: "Day 21 ended with no WP11: a task to cancel the referral on PRaP as 'Did Not Start'.",
    },
    'cancel-chase': { state: 'ChasePrapCancellation', comment: 'The cancellation is not confirmed yet: chase.' },
    'dna-chase': { state: 'ChaseDnaNotice', comment: 'Jobcentre Plus not yet told of the non-attendance: chase.' },
    'attachment-reminder': { state: 'SendAttachmentReminder', comment: 'Reminder before the 28-day attachment date.' },
    'attachment-overdue': { state: 'RecordAttachmentOverdue', comment: 'Day 28 ended with no attachment recorded.' },
  },
  awaits: {
    'session-outcome': { state: 'AwaitSessionOutcome', comment: 'Await the session outcome (or the next timer).' },
    wp11: { state: 'AwaitWp11', comment: 'Await the WP11 (until the end of day 21).' },
    attachment: { state: 'AwaitAttachment', comment: 'Await the attachment (until day 28 and after).' },
    'prap-cancellation': { state: 'AwaitPrapCancellation', comment: 'Await the PRaP cancellation confirmation.' },
    'dna-confirmation': {
      state: 'AwaitDnaConfirmation',
      comment: 'Closed, but Jobcentre Plus is not yet confirmed told of a non-attendance: keep chasing.',
    },
  },
  closedComment: "Attached, or cancelled as 'Did Not Start', with every task confirmed.",
});
