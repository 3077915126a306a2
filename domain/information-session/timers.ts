import { addCalendarDays, londonDateOf, londonInstant } from '../calendar/london.ts';
import type { IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import { appendAudit, isoInstant, markTimerDone, notYetDone } from '../lifecycle/record.ts';
import type { InformationSessionCase } from './case.ts';
import { INFORMATION_SESSION_METRICS, type InformationSessionConfig } from './config.ts';
import { BEFORE_DAY_21, NONE, participantNotice } from './record.ts';
import type { DueTimer, TimerKind, Transition } from './types.ts';

/**
 * The timers: when each reminder and chase falls due (reminders in calendar days before the rule's date, chases in
 * working days), and one step per timer kind when it fires.
 */

function chaseDate(c: InformationSessionCase, fromDate: IsoDate, n: number, config: InformationSessionConfig): IsoDate {
  const calendar = calendarFor(c.referral.division);
  // Day one is the first working day after the task's date.
  return calendar.workingDaysFrom(addCalendarDays(fromDate, 1), n * config.chaseEveryWorkingDays);
}

/**
 * The day of a reminder k calendar days before a due date; one that falls on a weekend or bank holiday is sent on
 * the working day before, when staff are there to read it.
 */
export function reminderDay(c: InformationSessionCase, due: IsoDate, k: number): IsoDate {
  const calendar = calendarFor(c.referral.division);
  const day = addCalendarDays(due, -k);
  return calendar.isWorkingDay(day) ? day : calendar.workingDaysBefore(day, 1);
}

/**
 * A reminder for each k calendar days before `due`, one a day at most; a reminder whose moment had passed when
 * its period began (`after`: the referral opened, the WP11 received) is not sent late.
 */
function reminderTimers(
  c: InformationSessionCase,
  kind: 'session-reminder' | 'attachment-reminder',
  due: IsoDate,
  daysBefore: number[],
  after: number,
  config: InformationSessionConfig,
): DueTimer[] {
  const timers: DueTimer[] = [];
  const days = new Set<IsoDate>();
  for (const k of [...daysBefore].sort((a, b) => b - a)) {
    const day = reminderDay(c, due, k);
    if (days.has(day)) continue;
    days.add(day);
    const at = londonInstant(day, config.noticeTime);
    if (Date.parse(at) > after) timers.push({ kind, at, key: `${kind}-${k}`, daysBefore: k });
  }
  return timers;
}

/** The first chase of an unconfirmed task not yet sent (none after the last): every N working days from its date. */
function nextChase(
  c: InformationSessionCase,
  task: { kind: 'cancel-chase' | 'dna-chase'; taskAt: string; keyOf: (n: number) => string; index?: number },
  config: InformationSessionConfig,
): DueTimer[] {
  const taskDate = londonDateOf(task.taskAt);
  for (let n = 1; n <= config.maxChases; n++) {
    const key = task.keyOf(n);
    if (key in c.done) continue;
    const at = londonInstant(chaseDate(c, taskDate, n, config), config.noticeTime);
    const timer: DueTimer = { kind: task.kind, at, key, chase: n };
    return [task.index === undefined ? timer : { ...timer, index: task.index }];
  }
  return [];
}

/** The timers that apply now, not yet acted on, earliest first. */
export function pendingTimers(c: InformationSessionCase, config: InformationSessionConfig): DueTimer[] {
  const timers: DueTimer[] = [];
  const d = c.deadlines;
  if (c.stage === 'session-due') {
    const openedAt = Date.parse(c.openedAt);
    timers.push(
      ...reminderTimers(c, 'session-reminder', d.session.due, config.sessionReminderDaysBefore, openedAt, config),
    );
    timers.push({ kind: 'session-overdue', at: d.session.dueAt, key: 'session-overdue' });
  }
  if (BEFORE_DAY_21.includes(c.stage)) {
    timers.push({ kind: 'wp11-window-closed', at: d.wp11Window.dueAt, key: 'wp11-window-closed' });
  }
  if (c.stage === 'cancel-due' && c.cancellation) {
    const taskAt = c.cancellation.taskAt;
    timers.push(...nextChase(c, { kind: 'cancel-chase', taskAt, keyOf: (n) => `cancel-chase-${n}` }, config));
  }
  if (c.stage === 'attachment-due' && c.wp11) {
    const receivedAt = Date.parse(c.wp11.receivedAt);
    const daysBefore = config.attachmentReminderDaysBefore;
    timers.push(...reminderTimers(c, 'attachment-reminder', d.attachment.due, daysBefore, receivedAt, config));
    timers.push({ kind: 'attachment-overdue', at: d.attachment.dueAt, key: 'attachment-overdue' });
  }
  c.dnaNotices.forEach((notice, index) => {
    if (notice.notifiedOn !== null) return;
    const keyOf = (n: number) => `dna-chase-${index}-${n}`;
    timers.push(...nextChase(c, { kind: 'dna-chase', taskAt: notice.taskAt, keyOf, index }, config));
  });
  return notYetDone(timers, c.done);
}

/** What a timer's step is given: the case as it was, the case with the timer marked done, the timer. */
interface TimerContext {
  c: InformationSessionCase;
  /** The case with this timer's key in `done`: every step builds on it. */
  base: InformationSessionCase;
  timer: DueTimer;
  now: number;
  config: InformationSessionConfig;
}

/** A reminder k calendar days before the 15-day date, to the caseworker. */
function sessionReminder({ c, base, timer, now }: TimerContext): Transition {
  const d = c.deadlines;
  return {
    case: appendAudit(base, now, [
      { what: 'session reminder', detail: `${timer.daysBefore} day(s) before the 15-day date ${d.session.due}.` },
    ]),
    notices: [
      participantNotice(c, 'session-reminder', `session-reminder-${timer.daysBefore}`, [c.caseworkerEmail], {
        session: d.session,
        daysLeft: timer.daysBefore,
        sessions: c.sessions,
      }),
    ],
    metrics: [],
  };
}

/** Day 15 ended with no session outcome recorded. */
function sessionOverdue({ c, base, now, config }: TimerContext): Transition {
  const d = c.deadlines;
  return {
    case: appendAudit(base, now, [
      {
        what: 'session not recorded within 15 days',
        detail: `No session outcome recorded by ${d.session.due}: the session must be completed within 15 calendar days of the referral.`,
        flag: true,
      },
    ]),
    notices: [
      participantNotice(c, 'session-overdue', 'session-overdue', [c.caseworkerEmail, config.spocLeadAddress], {
        session: d.session,
        wp11Window: d.wp11Window,
        sessions: c.sessions,
      }),
    ],
    metrics: [{ name: INFORMATION_SESSION_METRICS.sessionsOverdue, value: 1 }],
  };
}

/** Day 21 ended with no WP11: staff are asked to cancel on PRaP as 'Did Not Start' (paras 5, 7, 13). */
function wp11WindowClosed({ c, base, now }: TimerContext): Transition {
  const d = c.deadlines;
  return {
    case: appendAudit(
      { ...base, stage: 'cancel-due', cancellation: { taskAt: isoInstant(now), cancelledOn: null, confirmedBy: null } },
      now,
      [
        {
          what: "no WP11 by day 21: cancel on PRaP as 'Did Not Start'",
          detail: `21 days from the referral of ${c.referral.referralDate} ended ${d.wp11Window.due} with no WP11. Staff are asked to cancel the Information Session referral on PRaP with the reason 'Did Not Start' and confirm it (paras 5, 7, 13).`,
        },
      ],
    ),
    notices: [
      participantNotice(c, 'cancel-did-not-start', 'cancel-did-not-start', [c.caseworkerEmail], {
        wp11Window: d.wp11Window,
        referralDate: c.referral.referralDate,
        lastStage: c.stage,
      }),
    ],
    metrics: [{ name: INFORMATION_SESSION_METRICS.cancelTasks, value: 1 }],
  };
}

/** The PRaP cancellation not yet confirmed: chased, the last chase flagged. */
function cancelChase({ c, base, timer, now, config }: TimerContext): Transition {
  const d = c.deadlines;
  const last = timer.chase === config.maxChases;
  return {
    case: appendAudit(base, now, [
      {
        what: 'PRaP cancellation chased',
        detail: `Chase ${timer.chase} of ${config.maxChases}: no confirmation that the referral was cancelled as 'Did Not Start'.`,
        flag: last || undefined,
      },
    ]),
    notices: [
      participantNotice(
        c,
        'cancel-did-not-start-chase',
        `cancel-chase-${timer.chase}`,
        [c.caseworkerEmail, config.spocLeadAddress],
        { referralDate: c.referral.referralDate, wp11Window: d.wp11Window, chase: timer.chase, lastChase: last },
      ),
    ],
    metrics: [],
  };
}

/** Jobcentre Plus not yet confirmed as told of a missed mandated session: chased. */
function dnaChase({ c, base, timer, now, config }: TimerContext): Transition {
  const notice = c.dnaNotices[timer.index ?? 0];
  const last = timer.chase === config.maxChases;
  return {
    case: appendAudit(base, now, [
      {
        what: 'DNA notice to Jobcentre Plus chased',
        detail: `Chase ${timer.chase} of ${config.maxChases}: no confirmation that Jobcentre Plus was told of the missed session of ${notice?.sessionDate}.`,
        flag: true,
      },
    ]),
    notices: [
      participantNotice(
        c,
        'dna-notify-jcp-chase',
        `dna-chase-${timer.index}-${timer.chase}`,
        [c.caseworkerEmail, config.spocLeadAddress],
        {
          referralDate: c.referral.referralDate,
          sessionDate: notice?.sessionDate,
          chase: timer.chase,
          lastChase: last,
        },
      ),
    ],
    metrics: [],
  };
}

/** A reminder k calendar days before the 28-day date, to the caseworker. */
function attachmentReminder({ c, base, timer, now }: TimerContext): Transition {
  const d = c.deadlines;
  return {
    case: appendAudit(base, now, [
      {
        what: 'attachment reminder',
        detail: `${timer.daysBefore} day(s) before the 28-day date ${d.attachment.due}.`,
      },
    ]),
    notices: [
      participantNotice(c, 'attachment-reminder', `attachment-reminder-${timer.daysBefore}`, [c.caseworkerEmail], {
        attachment: d.attachment,
        daysLeft: timer.daysBefore,
        receivedAt: c.wp11?.receivedAt,
      }),
    ],
    metrics: [],
  };
}

/** Day 28 ended with a WP11 received and no attachment recorded. */
function attachmentOverdue({ c, base, now, config }: TimerContext): Transition {
  const d = c.deadlines;
  return {
    case: appendAudit(base, now, [
      {
        what: 'attachment overdue',
        detail: `No attachment recorded by ${d.attachment.due} (28 days from the referral) although a WP11 was received.`,
        flag: true,
      },
    ]),
    notices: [
      participantNotice(c, 'attachment-overdue', 'attachment-overdue', [c.caseworkerEmail, config.spocLeadAddress], {
        attachment: d.attachment,
        receivedAt: c.wp11?.receivedAt,
      }),
    ],
    metrics: [{ name: INFORMATION_SESSION_METRICS.attachmentsOverdue, value: 1 }],
  };
}

/** One step per timer kind: a kind without a step does not compile. */
const TIMER_STEPS: Record<TimerKind, (context: TimerContext) => Transition> = {
  'session-reminder': sessionReminder,
  'session-overdue': sessionOverdue,
  'wp11-window-closed': wp11WindowClosed,
  'cancel-chase': cancelChase,
  'dna-chase': dnaChase,
  'attachment-reminder': attachmentReminder,
  'attachment-overdue': attachmentOverdue,
};

/** A timer fired: the step for it. Acting twice on one timer changes nothing. */
export function applyTimer(
  c: InformationSessionCase,
  timer: DueTimer,
  now: number,
  config: InformationSessionConfig,
): Transition {
  if (timer.key in c.done) return { case: c, ...NONE };
  const base = markTimerDone(c, timer.key, now);
  return TIMER_STEPS[timer.kind]({ c, base, timer, now, config });
}
