import { lifecycleWorkflow } from './asl.ts';

/**
 * One CMO visit's compliance handover (memo 147), Step Functions Standard, JSONPath: the 48-hour additional
 * evidence window from the end of the visit, the outstanding ESF2a actions and the PM's selection ("up to 5
 * (20%)"), the ESF3 report within 12 working days, one calendar month to address each action, the PM's review at
 * the first visit after it, and the Contract Performance Review for what is unresolved.
 */
export const complianceWorkflow = lifecycleWorkflow({
  id: 'compliance',
  stateMachineName: 'wp-compliance',
  comment:
    'Compliance handover for one CMO visit: 48-hour evidence window, PM selection, ESF3 within 12 working days, one calendar month per ESF2a, PM review, Contract Performance Review. The case record in DynamoDB is the source of truth.',
  events: {
    'record-evidence': {
      state: 'RecordAdditionalEvidence',
      comment: 'Evidence for an ESF2a: within 48 hours it takes the action out of the PM selection.',
    },
    'record-progress-note': {
      state: 'RecordProgressNote',
      comment: 'A progress note on an action, kept for the PM discussion.',
    },
    'record-provider-resolved': {
      state: 'RecordProviderResolved',
      comment: 'The provider says an action is dealt with; the PM still decides at review.',
    },
    'record-cmo-handover': {
      state: 'RecordCmoHandover',
      comment: "The CMO's handover to the PM: the actual selection, which wins over the prediction.",
    },
    'record-esf3': { state: 'RecordEsf3Report', comment: "The CMO's ESF3 report arrived." },
    'record-pm-visit': { state: 'RecordPmVisitArranged', comment: 'The PM visit is arranged: the check cases named.' },
    'record-pm-review': {
      state: 'RecordPmReview',
      comment: 'Each selected action resolved or unresolved; unresolved ones go onto the Contract Performance Review.',
    },
  },
  timers: {
    'evidence-reminder': { state: 'SendEvidenceReminder', comment: 'Reminder before the 48-hour window closes.' },
    'evidence-window-closed': {
      state: 'CloseEvidenceWindow',
      comment: 'The window closed: the outstanding actions, and the predicted PM selection (all if fewer than 5).',
    },
    'esf3-due': { state: 'FlagEsf3Late', comment: 'No ESF3 within 12 working days of the visit: flagged.' },
    'month-reminder': { state: 'SendMonthReminder', comment: 'Reminder before the calendar month ends.' },
    'provider-action-ended': {
      state: 'EndProviderActionMonth',
      comment: 'The month ended: the selected actions await the PM review.',
    },
  },
  awaits: {
    evidence: { state: 'AwaitAdditionalEvidence', comment: 'The 48-hour window: await evidence.' },
    'handover-or-progress': {
      state: 'AwaitHandoverOrProgress',
      comment: "The month: await the CMO's handover, progress notes and the provider's own resolutions.",
    },
    'pm-review': { state: 'AwaitPmReview', comment: 'Await the PM review at the first visit after the month.' },
    'esf3-report': { state: 'AwaitEsf3Report', comment: 'Actions finished with: await the ESF3 report.' },
  },
  closedComment: 'Every action finished with and the ESF3 received or flagged late.',
});
