import { addCalendarDays, endOfDayInLondon, londonDateOf, londonInstant } from '../calendar/london.ts';
import type { IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import { markTimerDone, notYetDone } from '../lifecycle/record.ts';
import type { MiReturnCase, MiReturnStage } from './case.ts';
import { MI_RETURN_METRICS, type MiReturnLifecycleConfig } from './lifecycle-config.ts';
import { caseFacts, lastFailureOf, monthEndOf, NONE, openAttempt, withAudit } from './record.ts';
import { monthLabel } from './return.ts';
import { startAttempt } from './send-step.ts';
import type { DueTimer, TimerKind, Transition } from './types.ts';

/** The MI return timers: which apply to a case now, and one small function per timer kind to act on it. */

const UNSENT: readonly MiReturnStage[] = ['collecting', 'due', 'failed'];

/** The timers that apply now, not yet acted on, earliest first. */
export function pendingTimers(c: MiReturnCase, config: MiReturnLifecycleConfig): DueTimer[] {
  const timers: DueTimer[] = [];
  const neverSent = c.sends.length === 0;
  const attempt = openAttempt(c);
  if (attempt) {
    // Due at once: the plan is the build-and-send step until its outcome is recorded.
    timers.push({
      kind: 'build-and-send',
      at: attempt.requestedAt,
      key: `send-${attempt.attempt}`,
      attempt: attempt.attempt,
      intentId: attempt.intentId,
      refresh: attempt.refresh,
    });
  }
  if (c.stage === 'collecting') {
    timers.push({ kind: 'month-ended', at: monthEndOf(c.reportingMonth), key: 'month-ended' });
  }
  if (neverSent && UNSENT.includes(c.stage)) {
    const calendar = calendarFor(c.division);
    const openedAt = Date.parse(c.openedAt);
    const days = new Set<IsoDate>();
    for (const k of [...config.reminderWorkingDaysBefore].sort((a, b) => b - a)) {
      const day = calendar.workingDaysBefore(c.due.due, k);
      if (days.has(day)) continue;
      days.add(day);
      const at = londonInstant(day, config.noticeTime);
      // A reminder whose moment had passed when the case was opened is not sent late.
      if (Date.parse(at) > openedAt) timers.push({ kind: 'reminder', at, key: `reminder-${k}`, workingDaysBefore: k });
    }
    if (c.stage !== 'collecting') {
      timers.push({ kind: 'send-due', at: londonInstant(c.due.due, config.sendTime), key: 'send-due' });
    }
    // Not while a send is in progress: its outcome decides.
    timers.push({ kind: 'not-sent-alert', at: c.due.dueAt, key: 'not-sent-alert' });
  }
  const lastOutcome = c.attempts.at(-1)?.outcome;
  if (!neverSent && lastOutcome && (c.stage === 'sent' || c.stage === 'failed')) {
    const closeDay = addCalendarDays(londonDateOf(lastOutcome.at), config.closeAfterDays);
    timers.push({ kind: 'close', at: endOfDayInLondon(closeDay), key: `close-${c.attempts.length}` });
  }
  return notYetDone(timers, c.done);
}

/** What a timer handler is given: the case as it was, the case with the timer marked done, the time. */
interface TimerStep {
  c: MiReturnCase;
  base: MiReturnCase;
  timer: DueTimer;
  now: number;
  config: MiReturnLifecycleConfig;
}

/** The reporting month ended: the return can be sent. */
function endMonth({ c, base, now }: TimerStep): Transition {
  const month = monthLabel(c.reportingMonth);
  return {
    case: withAudit({ ...base, stage: 'due' }, now, [
      {
        what: 'month ended',
        detail: `${month} has ended: the return can be sent, and must be by the end of ${c.due.due}.`,
      },
    ]),
    ...NONE,
  };
}

/** N working days before the due date, while not sent: the lead contact and deputy reminded. */
function remind({ c, base, timer, now, config }: TimerStep): Transition {
  return {
    case: withAudit(base, now, [
      {
        what: 'reminder',
        detail: `${timer.workingDaysBefore} working day(s) before the due date ${c.due.due}: lead contact and deputy reminded.`,
      },
    ]),
    notices: [
      {
        intentId: `${c.caseId}:reminder-${timer.workingDaysBefore}`,
        kind: 'mi-return-reminder',
        to: [config.leadContactAddress, config.deputyAddress],
        facts: {
          ...caseFacts(c),
          workingDaysBefore: timer.workingDaysBefore,
          sendAt: londonInstant(c.due.due, config.sendTime),
          lastFailure: lastFailureOf(c),
        },
      },
    ],
    metrics: [{ name: MI_RETURN_METRICS.reminders, value: 1 }],
  };
}

/** The send time on the due day: opens a send attempt (it does not send). */
function sendDue({ base, now, config }: TimerStep): Transition {
  return {
    case: startAttempt(base, { trigger: 'schedule', requestedBy: 'schedule', reason: null }, now, config),
    ...NONE,
  };
}

/** The end of the due day and never sent: alert once, counted late. */
function alertNotSent({ c, base, now, config }: TimerStep): Transition {
  const month = monthLabel(c.reportingMonth);
  return {
    case: withAudit(base, now, [
      {
        what: 'return not sent by the due date',
        detail: `The return for ${month} was due by the end of ${c.due.due} and has not been sent (${c.attempts.length} attempt(s)). Lead contact, deputy and SPoC lead alerted; it is still to be sent.`,
        flag: true,
      },
    ]),
    notices: [
      {
        intentId: `${c.caseId}:not-sent`,
        kind: 'mi-return-not-sent',
        to: [config.leadContactAddress, config.deputyAddress, config.spocLeadAddress],
        facts: { ...caseFacts(c), attempts: c.attempts.length, lastFailure: lastFailureOf(c) },
      },
    ],
    metrics: [{ name: MI_RETURN_METRICS.late, value: 1 }],
  };
}

/** Some days after the (last) send: the case closes; a refresh reopens it. */
function close({ c, base, now }: TimerStep): Transition {
  return {
    case: withAudit({ ...base, stage: 'closed' }, now, [
      {
        what: 'case closed',
        detail: `${c.stage === 'failed' ? 'The last refresh was not sent; the return sent before stands. ' : ''}A refresh can still be asked for: it reopens the case.`,
      },
    ]),
    ...NONE,
  };
}

/** One handler per timer kind: a kind without one does not compile. */
const TIMER_HANDLERS: Readonly<Record<TimerKind, (step: TimerStep) => Transition>> = {
  'month-ended': endMonth,
  reminder: remind,
  'send-due': sendDue,
  'not-sent-alert': alertNotSent,
  close,
  'build-and-send': () => {
    // The send step does I/O: the handler builds, checks and sends, then applies return-sent or send-failed.
    throw new Error('The build-and-send timer is acted on by the send step (sendStepOf), not applyTimer');
  },
};

/** A timer fired: the step for it. Acting twice on one timer changes nothing. */
export function applyTimer(c: MiReturnCase, timer: DueTimer, now: number, config: MiReturnLifecycleConfig): Transition {
  if (timer.key in c.done) return { case: c, ...NONE };
  return TIMER_HANDLERS[timer.kind]({ c, base: markTimerDone(c, timer.key, now), timer, now, config });
}
