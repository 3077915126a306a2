// The explanation lines of a deadline: enough for a person to recount it with a calendar in hand.
import { civilOf, isWeekend, longDateOf, longMonthOf } from '../calendar/dates.ts';
import { formatLondonDateTime } from '../calendar/london.ts';
import type { IndexedWorkingDayCalendar } from '../calendar/working-days.ts';
import type { DeadlineRuleName, RuleDefinition } from './rules.ts';

type Def<K extends RuleDefinition['kind']> = Extract<RuleDefinition, { kind: K }>;

export const END_OF_DAY = 'due by end of day (23:59 Europe/London)';

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function bankHolidaysOf(calendar: IndexedWorkingDayCalendar): string {
  return `${calendar.divisionName} bank holidays`;
}

/** Why a day in the covered range is not a working day: 'weekend' or the holiday's name. */
function reasonAt(calendar: IndexedWorkingDayCalendar, index: number): string {
  return calendar.holidayAt(index) ?? (isWeekend(calendar.firstEpochDay + index) ? 'weekend' : 'not a working day');
}

function longAt(calendar: IndexedWorkingDayCalendar, index: number): string {
  return longDateOf(calendar.firstEpochDay + index);
}

/** 'Skipped …' lines for the non-working days from `from` to `to` (indexes, inclusive): a weekend is one line. */
function skippedLines(calendar: IndexedWorkingDayCalendar, from: number, to: number, lines: string[]): void {
  let i = from;
  while (i <= to) {
    const reason = reasonAt(calendar, i);
    let end = i;
    if (reason === 'weekend') {
      while (end + 1 <= to && reasonAt(calendar, end + 1) === 'weekend') end++;
    }
    lines.push(
      end === i
        ? `Skipped ${longAt(calendar, i)} (${reason})`
        : `Skipped ${longAt(calendar, i)} – ${longAt(calendar, end)} (${reason})`,
    );
    i = end + 1;
  }
}

/** Day lines from the start index to the due index, with the skipped days between them. */
function countLines(
  calendar: IndexedWorkingDayCalendar,
  start: number,
  dueIndex: number,
  startLabel: string,
  lines: string[],
): void {
  const startWorks = calendar.isWorkingAt(start);
  if (!startWorks) {
    const dayOne = calendar.indexOfOrdinal(calendar.dayOneOrdinal(start));
    lines.push(
      `${longAt(calendar, start)} is not a working day (${reasonAt(calendar, start)}); day one is ${longAt(calendar, dayOne)}`,
    );
  }
  let day = 0;
  let skippedFrom = -1;
  for (let i = start; i <= dueIndex; i++) {
    if (!calendar.isWorkingAt(i)) {
      if (skippedFrom < 0) skippedFrom = i;
      continue;
    }
    if (skippedFrom >= 0) {
      skippedLines(calendar, skippedFrom, i - 1, lines);
      skippedFrom = -1;
    }
    day++;
    const note = day === 1 ? (startWorks ? ` (${startLabel})` : ` (first working day after the ${startLabel})`) : '';
    const due = i === dueIndex ? ` — ${END_OF_DAY}` : '';
    lines.push(`Day ${day}: ${longAt(calendar, i)}${note}${due}`);
  }
}

export function explainWorkingDays(
  rule: DeadlineRuleName,
  definition: Def<'working-days'>,
  calendar: IndexedWorkingDayCalendar,
  start: number,
  dueIndex: number,
): string[] {
  const lines = [
    `Rule ${rule}: ${definition.days} working days; day one is the ${definition.fromLabel} when it is a working day (${bankHolidaysOf(calendar)}).`,
  ];
  countLines(calendar, start, dueIndex, definition.fromLabel, lines);
  lines.push(`Due ${longAt(calendar, dueIndex)}: ${definition.purpose} (${definition.source}).`);
  return lines;
}

export function explainMonthlyWorkingDay(
  rule: DeadlineRuleName,
  definition: Def<'working-day-of-next-month'>,
  calendar: IndexedWorkingDayCalendar,
  reporting: { year: number; month: number },
  start: number,
  dueIndex: number,
): string[] {
  const { year, month } = civilOf(calendar.firstEpochDay + start);
  const lines = [
    `Rule ${rule}: the ${ordinal(definition.n)} working day of the month after the ${definition.fromLabel}; day one is the 1st of that month when it is a working day (${bankHolidaysOf(calendar)}).`,
    `Reporting month ${longMonthOf(reporting.year, reporting.month)}: due on the ${ordinal(definition.n)} working day of ${longMonthOf(year, month)}.`,
  ];
  countLines(calendar, start, dueIndex, '1st of the month', lines);
  lines.push(`Due ${longAt(calendar, dueIndex)}: ${definition.purpose} (${definition.source}).`);
  return lines;
}

/** A note when a calendar-day result falls on a weekend or bank holiday: such dates are not moved. */
function notMovedLine(calendar: IndexedWorkingDayCalendar, dueDay: number, lines: string[]): void {
  const index = dueDay - calendar.firstEpochDay;
  if (index < 0 || index >= calendar.dayCount) {
    if (isWeekend(dueDay)) {
      lines.push(`${longDateOf(dueDay)} is a weekend day; calendar days are counted, so the date is not moved.`);
    }
    return;
  }
  if (!calendar.isWorkingAt(index)) {
    lines.push(
      `${longDateOf(dueDay)} is not a working day (${reasonAt(calendar, index)}); calendar days are counted, so the date is not moved.`,
    );
  }
}

export function explainCalendarDays(
  rule: DeadlineRuleName,
  definition: Def<'calendar-days'>,
  calendar: IndexedWorkingDayCalendar,
  startDay: number,
  dueDay: number,
): string[] {
  const weeks = definition.days % 7 === 0 && definition.days >= 28 ? ` (${definition.days / 7} weeks)` : '';
  const label = definition.fromLabel.charAt(0).toUpperCase() + definition.fromLabel.slice(1);
  const lines = [
    `Rule ${rule}: ${definition.fromLabel} + ${definition.days} calendar days${weeks}; ${definition.purpose} (${definition.source}).`,
    `${label} ${longDateOf(startDay)} + ${definition.days} calendar days${weeks} = ${longDateOf(dueDay)}`,
  ];
  notMovedLine(calendar, dueDay, lines);
  lines.push(`Due by end of day ${longDateOf(dueDay)} (23:59 Europe/London)`);
  return lines;
}

export function explainCalendarMonths(
  rule: DeadlineRuleName,
  definition: Def<'calendar-months'>,
  calendar: IndexedWorkingDayCalendar,
  startDay: number,
  dueDay: number,
  clamped: boolean,
): string[] {
  const months = `${definition.months} calendar month${definition.months === 1 ? '' : 's'}`;
  const label = definition.fromLabel.charAt(0).toUpperCase() + definition.fromLabel.slice(1);
  const startCivil = civilOf(startDay);
  const dueCivil = civilOf(dueDay);
  const clampNote = clamped
    ? ` (${longMonthOf(dueCivil.year, dueCivil.month)} has no day ${startCivil.day}, so its last day)`
    : '';
  const lines = [
    `Rule ${rule}: ${definition.fromLabel} + ${months}, the same day of the month or the last day of a shorter month; ${definition.purpose} (${definition.source}).`,
    `${label} ${longDateOf(startDay)} + ${months} = ${longDateOf(dueDay)}${clampNote}`,
  ];
  notMovedLine(calendar, dueDay, lines);
  lines.push(`Due by end of day ${longDateOf(dueDay)} (23:59 Europe/London)`);
  return lines;
}

export function explainHours(
  rule: DeadlineRuleName,
  definition: Def<'hours'>,
  _calendar: IndexedWorkingDayCalendar,
  startMs: number,
  dueMs: number,
): string[] {
  const start = new Date(startMs);
  const due = new Date(dueMs);
  const startText = formatLondonDateTime(start);
  const dueText = formatLondonDateTime(due);
  const lines = [
    `Rule ${rule}: ${definition.hours} hours from the ${definition.fromLabel}, elapsed time including nights, weekends and bank holidays; ${definition.purpose} (${definition.source}).`,
    `End of visit: ${startText} = ${start.toISOString()}`,
    `+ ${definition.hours} hours = ${dueText} = ${due.toISOString()}`,
  ];
  const startZone = startText.slice(-4, -1);
  const dueZone = dueText.slice(-4, -1);
  if (startZone !== dueZone) {
    lines.push(
      `The clocks change in between (${startZone} to ${dueZone}), so the London time of day differs from the visit's.`,
    );
  }
  lines.push(`Due at ${dueText}.`);
  return lines;
}
