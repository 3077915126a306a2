import { addCalendarDays, londonDateOf, londonInstant } from '../calendar/london.ts';
import type { IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
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

/** The timers that apply now, not yet acted on, earliest first. */
export function pendingTimers(c: InformationSessionCase, config: InformationSessionConfig): DueTimer[] {
  const timers: DueTimer[] = [];
  const d = c.deadlines;
  const openedAt = Date.parse(c.openedAt);
  if (c.stage === 'session-due') {
    const days = new Set<IsoDate>();
    for (const k of [...config.sessionReminderDaysBefore].sort((a, b) => b - a)) {
      const day = reminderDay(c, d.session.due, k);
      if (days.has(day)) continue;
      days.add(day);
      const at = londonInstant(day, config.noticeTime);
      // A reminder whose moment had passed when the referral was opened is not sent late.
      if (Date.parse(at) > openedAt)
        timers.push({ kind: 'session-reminder', at, key: `session-reminder-${k}`, daysBefore: k });
    }
    timers.push({ kind: 'session-overdue', at: d.session.dueAt, key: 'session-overdue' });
  }
  if (BEFORE_DAY_21.includes(c.stage)) {
    timers.push({ kind: 'wp11-window-closed', at: d.wp11Window.dueAt, key: 'wp11-window-closed' });
  }
  if (c.stage === 'cancel-due' && c.cancellation) {
    const taskDate = londonDateOf(c.cancellation.taskAt);
    for (let n = 1; n <= config.maxChases; n++) {
      if (`cancel-chase-${n}` in c.done) continue;
      const at = londonInstant(chaseDate(c, taskDate, n, config), config.noticeTime);
      timers.push({ kind: 'cancel-chase', at, key: `cancel-chase-${n}`, chase: n });
      break;
    }
  }
  if (c.stage === 'attachment-due' && c.wp11) {
    const receivedAt = Date.parse(c.wp11.receivedAt);
    const days = new Set<IsoDate>();
    for (const k of [...config.attachmentReminderDaysBefore].sort((a, b) => b - a)) {
      const day = reminderDay(c, d.attachment.due, k);
      if (days.has(day)) continue;
      days.add(day);
      const at = londonInstant(day, config.noticeTime);
      if (Date.parse(at) > receivedAt) {
        timers.push({ kind: 'attachment-reminder', at, key: `attachment-reminder-${k}`, daysBefore: k });
      }
    }
    timers.push({ kind: 'attachment-overdue', at: d.attachment.dueAt, key: 'attachment-overdue' });
  }
  c.dnaNotices.forEach((notice, index) => {
    if (notice.notifiedOn !== null) return;
    const taskDate = londonDateOf(notice.taskAt);
    for (let n = 1; n <= config.maxChases; n++) {
      const key = `dna-chase-${index}-${n}`;
      if (key in c.done) continue;
      const at = londonInstant(chaseDate(c, taskDate, n, config), config.noticeTime);
      timers.push({ kind: 'dna-chase', at, key, chase: n, index });
      break;
    }
  });
  return timers.filter((t) => !(t.key in c.done)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
