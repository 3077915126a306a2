import { addCalendarDays, londonDateOf, londonInstant } from '../calendar/london.ts';
import type { IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import { notYetDone } from '../lifecycle/record.ts';
import type { InformationSessionCase } from './case.ts';
import { BEFORE_DAY_21 } from './case-record.ts';
import type { InformationSessionConfig } from './config.ts';
import type { DueTimer } from './lifecycle-types.ts';

/** When each reminder and chase falls due: calendar days before the rule's date, chases in working days. */

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
