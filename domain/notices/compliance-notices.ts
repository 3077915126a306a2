import { COMPLIANCE_EVENT_NAMES } from '../compliance/case.ts';
import type { ActionFacts, ComplianceNoticeIntent } from '../compliance/lifecycle.ts';
import type { ComplianceNoticeFacts, VisitFacts } from '../compliance/notice-intents.ts';
import type { Deadline } from '../deadlines/rules.ts';
import { maskNino } from '../nino.ts';
import { day, instant, lines, type Notice, quoted, readableNotice, SIGN_OFF } from './format.ts';

/**
 * Notices of the compliance handover (memo 147), to the provider's compliance lead and, for the Contract
 * Performance Review, the contract manager. Each gives the date that matters and how it was counted; NINOs are
 * masked, issue text is quoted on one line with any NINO in it masked.
 */

function visitLine(v: VisitFacts): string {
  return `CMO visit ${v.visitRef} (${v.contract}) on ${day(v.visitDate)}`;
}

function actionLine(a: Pick<ActionFacts, 'reference' | 'maskedNino' | 'issue'>, extra = ''): string {
  const nino = a.maskedNino ? ` (${maskNino(a.maskedNino)})` : '';
  const label = /^esf2a/i.test(a.reference) ? a.reference : `ESF2a ${a.reference}`;
  return `  - ${label}${nino}: ${quoted(a.issue)}${extra}`;
}

function counted(deadline: Deadline): string[] {
  return ['How it was counted:', ...deadline.explanation.map((line) => `  ${line}`)];
}

/** At the visit: every ESF2a with its 48-hour and one-calendar-month deadlines, and when the ESF3 is expected. */
export function visitRecordedNotice(f: ComplianceNoticeFacts<'visit-recorded'>): Notice {
  return {
    subject: `CMO visit ${f.visit.visitRef}: ${f.actions.length} ESF2a, evidence by ${instant(f.evidenceWindow.dueAt)}, action by ${day(f.providerAction.due)}`,
    text: lines(
      `${visitLine(f.visit)} raised ${f.actions.length} ESF2a action(s). Each has two deadlines:`,
      `  48 hours for additional evidence: until ${instant(f.evidenceWindow.dueAt)}. Evidence given in time takes the action out of the Performance Manager's selection.`,
      `  One calendar month to address it: until the end of ${day(f.providerAction.due)}. The Performance Manager reviews the selected cases at the first visit after that.`,
      '',
      ...f.actions.map((a) => actionLine(a)),
      '',
      `The CMO's ESF3 report is expected by ${day(f.esf3Report.due)} (12 working days); it is flagged if it has not arrived by then.`,
      '',
      'The 48 hours, counted:',
      ...f.evidenceWindow.explanation.map((line) => `  ${line}`),
      'The calendar month, counted:',
      ...f.providerAction.explanation.map((line) => `  ${line}`),
      'The ESF3, counted:',
      ...f.esf3Report.explanation.map((line) => `  ${line}`),
      '',
      SIGN_OFF,
    ),
  };
}

export function evidenceWindowClosingNotice(f: ComplianceNoticeFacts<'evidence-window-closing'>): Notice {
  return {
    subject: `48-hour evidence window closes ${instant(f.deadline.dueAt)}: ${f.visit.visitRef}, ${f.actions.length} ESF2a open`,
    text: lines(
      `The 48-hour additional evidence window for ${visitLine(f.visit)} closes at ${instant(f.deadline.dueAt)}.`,
      `Evidence the CMO has not seen can still be given for these ESF2a actions; after the window they stay outstanding and the CMO selects up to 5 for the Performance Manager:`,
      ...f.actions.map((a) => actionLine(a)),
      '',
      ...counted(f.deadline),
      '',
      SIGN_OFF,
    ),
  };
}

export function outstandingAndSelectionNotice(f: ComplianceNoticeFacts<'outstanding-and-selection'>): Notice {
  const n = f.outstanding.length;
  const selection =
    n === 0
      ? 'Nothing is outstanding, so nothing will be selected for the Performance Manager.'
      : f.prediction.all
        ? `All ${n} will be selected for the Performance Manager to check (fewer than 6 outstanding: all are selected).`
        : `The CMO will select ${f.prediction.size} of the ${n} for the Performance Manager to check; which ones is the CMO's choice, and is recorded when the handover arrives.`;
  return {
    subject: `${n} ESF2a outstanding after 48 hours: ${f.visit.visitRef}, predicted PM selection ${f.prediction.size}`,
    text: lines(
      `The 48-hour additional evidence window for ${visitLine(f.visit)} closed at ${instant(f.evidenceWindow.dueAt)}.`,
      f.accepted.length > 0 && `Evidence recorded in time for ${f.accepted.map((a) => a.reference).join(', ')}.`,
      n > 0 && 'Outstanding:',
      ...f.outstanding.map((a) => actionLine(a)),
      '',
      selection,
      n > 0 &&
        `Address every outstanding action by the end of ${day(f.providerAction.due)} (one calendar month from the visit); the Performance Manager reviews the selected ones at their first visit after that date. Record progress notes as you go: they are kept for the discussion.`,
      '',
      ...counted(f.evidenceWindow),
      n > 0 && '',
      ...(n > 0 ? counted(f.providerAction) : []),
      '',
      SIGN_OFF,
    ),
  };
}

export function esf3LateNotice(f: ComplianceNoticeFacts<'esf3-late'>): Notice {
  return {
    subject: `ESF3 report not received: ${f.visit.visitRef}, due ${day(f.deadline.due)}`,
    text: lines(
      `The CMO's ESF3 report for ${visitLine(f.visit)} was expected by the end of ${day(f.deadline.due)} (12 working days from the visit) and has not been recorded as received.`,
      'Check with the Compliance Monitoring Officer or your Performance Manager, and record the report when it arrives.',
      '',
      ...counted(f.deadline),
      '',
      SIGN_OFF,
    ),
  };
}

export function monthDeadlineApproachingNotice(f: ComplianceNoticeFacts<'month-deadline-approaching'>): Notice {
  const left =
    f.workingDaysBefore === null
      ? ''
      : f.workingDaysBefore === 1
        ? ' (1 working day left)'
        : ` (${f.workingDaysBefore} working days left)`;
  return {
    subject: `One calendar month ends ${day(f.deadline.due)}: ${f.visit.visitRef}, ${f.actions.length} ESF2a outstanding`,
    text: lines(
      `The one calendar month to address the ESF2a actions from ${visitLine(f.visit)} ends at the end of ${day(f.deadline.due)}${left}.`,
      'Outstanding:',
      ...f.actions.map((a) =>
        actionLine(
          a,
          `${a.selected === true ? ' [selected for the PM]' : ''}${a.providerResolved ? ' [reported resolved]' : ''}${a.progressNotes > 0 ? ` [${a.progressNotes} progress note(s)]` : ''}`,
        ),
      ),
      f.selectionKnown ? '' : 'The CMO handover (which actions the PM will check) has not been recorded yet.',
      'Steps taken are noted by the Performance Manager for future discussions; record them as progress notes.',
      '',
      ...counted(f.deadline),
      '',
      SIGN_OFF,
    ),
  };
}

export function unresolvedToCprNotice(f: ComplianceNoticeFacts<'unresolved-to-cpr'>): Notice {
  return {
    subject: `${f.entries.length} ESF2a unresolved at the PM review: to the Contract Performance Review (${f.visit.visitRef})`,
    text: lines(
      `At the Performance Manager's visit on ${day(f.pmVisitDate)}, these ESF2a actions from ${visitLine(f.visit)} were not resolved. They go onto the Contract Performance Review list (memo 147 step 6), with their history:`,
      ...f.entries.flatMap((e) => [actionLine(e), ...e.history.map((h) => `      ${quoted(h, 300)}`)]),
      '',
      `The one calendar month ended ${day(f.deadline.due)}.`,
      ...counted(f.deadline),
      '',
      SIGN_OFF,
    ),
  };
}

export function complianceEventFlaggedNotice(f: ComplianceNoticeFacts<'event-flagged'>): Notice {
  const what = COMPLIANCE_EVENT_NAMES[f.event] ?? 'A record';
  return {
    subject: `Compliance record not acted on: ${what.charAt(0).toLowerCase()}${what.slice(1)} on ${f.visit.visitRef}`,
    text: lines(`${visitLine(f.visit)}.`, '', quoted(f.detail, 400), '', SIGN_OFF),
  };
}

/** The notice for an intent from the compliance lifecycle, every date in it as a person reads it. */
export function complianceNotice(intent: ComplianceNoticeIntent): Notice {
  return readableNotice(complianceNoticeOf(intent));
}

function complianceNoticeOf(intent: ComplianceNoticeIntent): Notice {
  switch (intent.kind) {
    case 'visit-recorded':
      return visitRecordedNotice(intent.facts);
    case 'evidence-window-closing':
      return evidenceWindowClosingNotice(intent.facts);
    case 'outstanding-and-selection':
      return outstandingAndSelectionNotice(intent.facts);
    case 'esf3-late':
      return esf3LateNotice(intent.facts);
    case 'month-deadline-approaching':
      return monthDeadlineApproachingNotice(intent.facts);
    case 'unresolved-to-cpr':
      return unresolvedToCprNotice(intent.facts);
    case 'event-flagged':
      return complianceEventFlaggedNotice(intent.facts);
  }
}
