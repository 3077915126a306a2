import { addCalendarDays, endOfDayInLondon } from '../calendar/london.ts';
import type { IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import type { ProviderConfig } from '../config.ts';
import { computeDeadline, type Deadline } from '../deadlines/rules.ts';
import { type ExitReportCase, type Participant, withAudit } from './case.ts';

/** Working days after programme end with no request: the SPoC is asked to contact Jobcentre Plus (para 27). */
export function noRequestAlertDeadline(
  programmeEnd: Deadline,
  config: ProviderConfig,
  participant: Participant,
): Deadline {
  const calendar = calendarFor(participant.division);
  // Day one is the first working day after programme end.
  const firstAfter = calendar.workingDaysFrom(addCalendarDays(programmeEnd.due, 1), 1);
  const due = calendar.workingDaysFrom(firstAfter, config.noRequestAlertWorkingDays);
  return {
    rule: 'programme-end',
    from: programmeEnd.due,
    division: participant.division,
    due,
    dueAt: endOfDayInLondon(due),
    explanation: [
      ...programmeEnd.explanation,
      `No Exit Report request by the end of ${config.noRequestAlertWorkingDays} working days after programme end (${due}): the provider SPoC is asked to contact Jobcentre Plus (CPA 18 ch.10 para 27).`,
    ],
  };
}

/** The Exit Report due date: 10 working days from the request date, or the form's printed date if earlier. */
export function exitReportDeadline(
  requestDate: IsoDate,
  printed: IsoDate | null,
  participant: Participant,
): { deadline: Deadline; computed: Deadline } {
  const computed = computeDeadline('exit-report', requestDate, participant.division);
  if (!printed || printed === computed.due) return { deadline: computed, computed };
  if (printed < computed.due) {
    return {
      computed,
      deadline: {
        ...computed,
        due: printed,
        dueAt: endOfDayInLondon(printed),
        explanation: [
          ...computed.explanation,
          `The form's printed deadline ${printed} is earlier than the computed ${computed.due}: the earlier date is kept.`,
        ],
      },
    };
  }
  return {
    computed,
    deadline: {
      ...computed,
      explanation: [
        ...computed.explanation,
        `The form's printed deadline ${printed} is later than the computed ${computed.due}: the computed (earlier) date is kept.`,
      ],
    },
  };
}

/**
 * Every date of the case counted again on the calendar as it is now (after a bank-holiday refresh: a one-off
 * holiday can be proclaimed months ahead). Returns the case with the new dates and what moved; the caller
 * saves it and wakes the execution so it re-plans its timers.
 */
export function recomputeDeadlines(
  c: ExitReportCase,
  now: number,
  config: ProviderConfig,
): { case: ExitReportCase; moved: string[] } {
  const p = c.participant;
  const programmeEnd = computeDeadline('programme-end', p.referralDate, p.division);
  const next: ExitReportCase['deadlines'] = {
    requestExpected: computeDeadline('request-expected', p.referralDate, p.division),
    programmeEnd,
    noRequestAlert: noRequestAlertDeadline(programmeEnd, config, p),
    exitReport: c.request ? exitReportDeadline(c.request.requestDate, c.request.printedDeadline, p).deadline : null,
    escalation: c.wper3 ? computeDeadline('escalation', c.wper3.reminderDate, p.division) : null,
    adHocWindow: c.earlyCompletion ? computeDeadline('ad-hoc-window', c.earlyCompletion.date, p.division) : null,
    retention: c.report ? computeDeadline('retention', c.report.sentDate, p.division) : null,
  };
  const moved: string[] = [];
  for (const key of Object.keys(next) as (keyof ExitReportCase['deadlines'])[]) {
    const before = c.deadlines[key]?.due ?? null;
    const after = next[key]?.due ?? null;
    if (before !== after) moved.push(`${key}: ${before ?? 'none'} → ${after ?? 'none'}`);
  }
  if (moved.length === 0) return { case: c, moved };
  return {
    case: withAudit({ ...c, deadlines: next }, now, [
      {
        what: 'deadlines recomputed',
        detail: `On the current bank-holiday calendar: ${moved.join('; ')}.`,
        flag: true,
      },
    ]),
    moved,
  };
}
