import { londonInstant } from '../calendar/london.ts';
import { calendarFor } from '../calendar/working-days.ts';
import type { TransitionOf } from '../lifecycle/plan.ts';
import { isoInstant, markTimerDone, notYetDone } from '../lifecycle/record.ts';
import type { ActionRecord, AuditEntry, ComplianceCase } from './case.ts';
import type { ComplianceConfig } from './config.ts';
import type { ComplianceFacts } from './notice-intents.ts';
import {
  actionFacts,
  afterActions,
  outstandingRefs,
  transition,
  visitFacts,
  visitNotice,
  withAudit,
} from './record.ts';
import { predictSelection } from './selection.ts';
import type { ComplianceNoticeIntentOf, DueTimer, TimerKind, Transition } from './types.ts';

/** The compliance timers: which apply to a case now, and one small function per timer kind to act on it. */

/** The timers that apply now, not yet acted on, earliest first. */
export function pendingTimers(c: ComplianceCase, config: ComplianceConfig): DueTimer[] {
  const timers: DueTimer[] = [];
  const d = c.deadlines;
  if (c.stage !== 'closed' && c.esf3.receivedDate === null && !c.esf3.late) {
    timers.push({ kind: 'esf3-due', at: d.esf3Report.dueAt, key: 'esf3-due' });
  }
  if (c.stage === 'evidence-window') {
    const closes = Date.parse(d.evidenceWindow.dueAt);
    for (const h of [...config.evidenceReminderHoursBefore].sort((a, b) => b - a)) {
      const at = closes - h * 3_600_000;
      // A reminder whose moment had passed when the case was opened is not sent late.
      if (at > Date.parse(c.openedAt)) {
        timers.push({ kind: 'evidence-reminder', at: isoInstant(at), key: `evidence-reminder-${h}h`, hoursBefore: h });
      }
    }
    timers.push({ kind: 'evidence-window-closed', at: d.evidenceWindow.dueAt, key: 'evidence-window-closed' });
  }
  if (c.stage === 'provider-action') {
    const calendar = calendarFor(c.visit.division);
    const after = Math.max(Date.parse(d.evidenceWindow.dueAt), Date.parse(c.openedAt));
    for (const k of [...config.monthReminderWorkingDaysBefore].sort((a, b) => b - a)) {
      const at = londonInstant(calendar.workingDaysBefore(d.providerAction.due, k), config.noticeTime);
      if (Date.parse(at) > after) {
        timers.push({ kind: 'month-reminder', at, key: `month-reminder-${k}wd`, workingDaysBefore: k });
      }
    }
    timers.push({ kind: 'provider-action-ended', at: d.providerAction.dueAt, key: 'provider-action-ended' });
  }
  return notYetDone(timers, c.done);
}

/** What a timer handler is given: the case as it was, the case with the timer marked done, the time. */
interface TimerStep {
  c: ComplianceCase;
  base: ComplianceCase;
  timer: DueTimer;
  now: number;
  config: ComplianceConfig;
}

/** A reminder to the compliance lead naming the actions still to do; recorded, and sent only if there are any. */
function remindOf<Kind extends 'evidence-window-closing' | 'month-deadline-approaching'>(
  { c, base, timer, now, config }: TimerStep,
  audit: Omit<AuditEntry, 'at'>,
  kind: Kind,
  actions: ActionRecord[],
  facts: ComplianceFacts[Kind],
): TransitionOf<ComplianceCase, ComplianceNoticeIntentOf<Kind>> {
  const next = withAudit(base, now, [audit]);
  if (actions.length === 0) return transition(next, []);
  return transition(next, [visitNotice(c, kind, timer.key, config.recipients, facts)]);
}

/** Some hours before the 48 hours end: the compliance lead is told which actions are still open. */
function remindEvidenceWindow(step: TimerStep): Transition {
  const { c, timer } = step;
  const open = c.actions.filter((a) => a.status === 'open');
  const audit = {
    what: 'evidence window reminder',
    detail: `${timer.hoursBefore ?? '?'} hours before; ${open.length} open.`,
  };
  return remindOf(step, audit, 'evidence-window-closing', open, {
    deadline: c.deadlines.evidenceWindow,
    hoursBefore: timer.hoursBefore ?? null,
    actions: open.map(actionFacts),
  });
}

/** The 48 hours ended: open actions become outstanding, the PM selection is predicted. */
function closeEvidenceWindow({ c, base, now, config }: TimerStep): Transition {
  const actions = base.actions.map((a): ActionRecord => (a.status === 'open' ? { ...a, status: 'outstanding' } : a));
  let next: ComplianceCase = { ...base, actions };
  const refs = outstandingRefs(next);
  const prediction = predictSelection(refs);
  next = { ...next, prediction, stage: refs.length === 0 ? afterActions(next) : 'provider-action' };
  next = withAudit(next, now, [
    {
      what: 'evidence window closed',
      detail: `${refs.length} outstanding; predicted PM selection ${prediction.size}${prediction.all ? ' (all)' : ` of ${refs.length}`}.`,
    },
  ]);
  return transition(next, [
    {
      intentId: `${c.caseId}:outstanding-and-selection`,
      kind: 'outstanding-and-selection',
      to: config.recipients,
      facts: {
        visit: visitFacts(c),
        evidenceWindow: c.deadlines.evidenceWindow,
        providerAction: c.deadlines.providerAction,
        accepted: next.actions.filter((a) => a.status === 'evidence-accepted').map(actionFacts),
        outstanding: next.actions.filter((a) => a.status === 'outstanding').map(actionFacts),
        prediction: { outstanding: prediction.outstanding, size: prediction.size, all: prediction.all },
      },
    },
  ]);
}

/** The ESF3 was due and is not in: flagged late, once. */
function esf3Due({ c, base, now, config }: TimerStep): Transition {
  if (c.esf3.receivedDate !== null) return transition(base, []);
  let next: ComplianceCase = { ...base, esf3: { ...c.esf3, late: true } };
  if (next.stage === 'awaiting-esf3') next = { ...next, stage: 'closed' };
  next = withAudit(next, now, [
    { what: 'ESF3 report late', detail: `Not received by ${c.deadlines.esf3Report.due}.`, flag: true },
  ]);
  return transition(next, [
    {
      intentId: `${c.caseId}:esf3-late`,
      kind: 'esf3-late',
      to: config.recipients,
      facts: { visit: visitFacts(c), deadline: c.deadlines.esf3Report },
    },
  ]);
}

/** Working days before the one calendar month ends: the outstanding actions, to the compliance lead. */
function remindMonthEnd(step: TimerStep): Transition {
  const { c, timer } = step;
  const outstanding = c.actions.filter((a) => a.status === 'outstanding');
  const audit = {
    what: 'one calendar month reminder',
    detail: `${timer.workingDaysBefore ?? '?'} working day(s) before ${c.deadlines.providerAction.due}; ${outstanding.length} outstanding.`,
  };
  return remindOf(step, audit, 'month-deadline-approaching', outstanding, {
    deadline: c.deadlines.providerAction,
    workingDaysBefore: timer.workingDaysBefore ?? null,
    actions: outstanding.map(actionFacts),
    selectionKnown: c.handover !== null,
  });
}

/** The one calendar month ended: the selected actions await the PM's next visit. */
function endProviderAction({ c, base, now }: TimerStep): Transition {
  const next = withAudit({ ...base, stage: 'awaiting-pm-review' }, now, [
    {
      what: 'one calendar month ended',
      detail: `${c.deadlines.providerAction.due}: the selected actions come into the scope of the PM's next visit.`,
    },
  ]);
  return transition(next, []);
}

/** One handler per timer kind: a kind without one does not compile. */
const TIMER_HANDLERS: Readonly<Record<TimerKind, (step: TimerStep) => Transition>> = {
  'evidence-reminder': remindEvidenceWindow,
  'evidence-window-closed': closeEvidenceWindow,
  'esf3-due': esf3Due,
  'month-reminder': remindMonthEnd,
  'provider-action-ended': endProviderAction,
};

/** Acts on a due timer (once: its key is recorded in `done`). */
export function applyTimer(c: ComplianceCase, timer: DueTimer, now: number, config: ComplianceConfig): Transition {
  if (timer.key in c.done) return transition(c, []);
  return TIMER_HANDLERS[timer.kind]({ c, base: markTimerDone(c, timer.key, now), timer, now, config });
}
