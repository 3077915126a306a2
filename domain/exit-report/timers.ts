import { endOfDayInLondon, londonInstant } from '../calendar/london.ts';
import { calendarFor } from '../calendar/working-days.ts';
import type { ProviderConfig } from '../config.ts';
import { computeDeadline } from '../deadlines/rules.ts';
import type { TransitionOf } from '../lifecycle/plan.ts';
import { type ExitReportCase, iso, withAudit } from './case.ts';
import { lastFirstClassPostingDay } from './clerical.ts';
import type { ExitReportNoticeIntent } from './notice-intents.ts';

export type TimerKind =
  | 'request-expected'
  | 'no-request-alert'
  | 'no-request-close'
  | 'internal-reminder'
  | 'report-due'
  | 'escalation-due'
  | 'ad-hoc-window-closed';

export interface DueTimer {
  kind: TimerKind;
  at: string;
  /** Key in `case.done` once acted on. */
  key: string;
  workingDaysBefore?: number;
}

export type Transition = TransitionOf<ExitReportCase, ExitReportNoticeIntent>;

/** The timers that apply in the case's current stage, not yet acted on, earliest first. */
export function pendingTimers(c: ExitReportCase, config: ProviderConfig): DueTimer[] {
  const timers: DueTimer[] = [];
  const d = c.deadlines;
  switch (c.stage) {
    case 'awaiting-request': {
      timers.push({
        kind: 'request-expected',
        at: londonInstant(d.requestExpected.due, config.noticeTime),
        key: 'request-expected',
      });
      if (d.noRequestAlert) {
        timers.push({ kind: 'no-request-alert', at: d.noRequestAlert.dueAt, key: 'no-request-alert' });
        const closeAt = endOfDayInLondon(computeDeadline('ad-hoc-window', d.programmeEnd.due).due);
        timers.push({ kind: 'no-request-close', at: closeAt, key: 'no-request-close' });
      }
      break;
    }
    case 'report-due': {
      const due = d.exitReport;
      const request = c.request;
      if (!due || !request) break;
      const calendar = calendarFor(c.participant.division);
      for (const k of [...config.reminderWorkingDaysBefore].sort((a, b) => b - a)) {
        const day = calendar.workingDaysBefore(due.due, k);
        const at = londonInstant(day, config.noticeTime);
        // A reminder whose moment had passed when the request arrived is not sent late.
        if (Date.parse(at) > Date.parse(request.receivedAt)) {
          timers.push({ kind: 'internal-reminder', at, key: `reminder-${k}@${c.cycle}`, workingDaysBefore: k });
        }
      }
      timers.push({ kind: 'report-due', at: due.dueAt, key: `report-due@${c.cycle}` });
      break;
    }
    case 'wper3-received':
      if (d.escalation) timers.push({ kind: 'escalation-due', at: d.escalation.dueAt, key: `escalation@${c.cycle}` });
      break;
    case 'completed-early':
      if (d.adHocWindow) {
        timers.push({ kind: 'ad-hoc-window-closed', at: d.adHocWindow.dueAt, key: `ad-hoc-window@${c.cycle}` });
      }
      break;
    default:
      break;
  }
  return timers.filter((t) => !(t.key in c.done)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** One timer's step: `c` already has the timer marked done. */
type TimerStep = (c: ExitReportCase, timer: DueTimer, now: number, config: ProviderConfig) => Transition;

const requestExpected: TimerStep = (c, _timer, now) => ({
  case: withAudit(c, now, [
    {
      what: 'WPER2E now expected',
      detail: `Day 714 (102 weeks) reached on ${c.deadlines.requestExpected.due}: check the designated inbox daily.`,
    },
  ]),
  notices: [
    {
      intentId: `${c.caseId}:request-expected`,
      kind: 'request-expected',
      to: [c.participant.caseworkerEmail],
      facts: {
        requestExpected: c.deadlines.requestExpected,
        programmeEnd: c.deadlines.programmeEnd,
        scr: c.participant.scr,
      },
    },
  ],
  metrics: [],
});

const noRequestAlert: TimerStep = (c, _timer, now, config) => ({
  case: withAudit(c, now, [
    { what: 'no exit report request received', detail: 'SPoC asked to contact Jobcentre Plus (para 27).', flag: true },
  ]),
  notices: [
    {
      intentId: `${c.caseId}:no-request-received`,
      kind: 'no-request-received',
      to: [config.provider.spocLeadAddress],
      facts: { programmeEnd: c.deadlines.programmeEnd, alert: c.deadlines.noRequestAlert },
    },
  ],
  metrics: [{ name: 'ExitReportRequestsMissing', value: 1 }],
});

const noRequestClose: TimerStep = (c, _timer, now) => ({
  case: withAudit({ ...c, stage: 'closed', closedReason: 'no-request-received' }, now, [
    { what: 'case closed', detail: 'No Exit Report request in the 12 months after programme end.' },
  ]),
  notices: [],
  metrics: [],
});

const internalReminder: TimerStep = (c, timer, now) => ({
  case: withAudit(c, now, [
    {
      what: 'internal reminder',
      detail: `${timer.workingDaysBefore} working day(s) before the due date ${c.deadlines.exitReport?.due}.`,
    },
  ]),
  notices: [
    {
      intentId: `${c.caseId}:reminder-${timer.workingDaysBefore}@${c.cycle}`,
      kind: 'internal-reminder',
      to: [c.participant.caseworkerEmail],
      facts: {
        deadline: c.deadlines.exitReport,
        workingDaysLeft: timer.workingDaysBefore ?? 0,
        scr: c.participant.scr,
        lastFirstClassPostingDay:
          c.deadlines.exitReport && (c.participant.scr || c.request?.form === 'WPER2')
            ? lastFirstClassPostingDay(c.deadlines.exitReport.due, c.participant.division)
            : null,
      },
    },
  ],
  metrics: [],
});

const reportDue: TimerStep = (c, _timer, now, config) => ({
  case: withAudit({ ...c, stage: 'overdue' }, now, [
    { what: 'breach: exit report overdue', detail: `Due ${c.deadlines.exitReport?.due}; no report sent.`, flag: true },
  ]),
  notices: [
    {
      intentId: `${c.caseId}:overdue@${c.cycle}`,
      kind: 'report-overdue',
      to: [c.participant.caseworkerEmail, config.provider.spocLeadAddress],
      facts: { deadline: c.deadlines.exitReport, scr: c.participant.scr },
    },
  ],
  metrics: [{ name: 'ExitReportsOverdue', value: 1 }],
});

const escalationDue: TimerStep = (c, _timer, now, config) => ({
  case: withAudit({ ...c, stage: 'escalated' }, now, [
    {
      what: 'escalated to the Performance Manager',
      detail: `7 working days from the WPER3 reminder ended ${c.deadlines.escalation?.due}; Jobcentre Plus escalates via the Performance Manager (memo 115).`,
      flag: true,
    },
  ]),
  notices: [
    {
      intentId: `${c.caseId}:escalated@${c.cycle}`,
      kind: 'escalated',
      to: [config.provider.contractManagerAddress, config.provider.spocLeadAddress],
      facts: { escalation: c.deadlines.escalation, deadline: c.deadlines.exitReport },
    },
  ],
  metrics: [{ name: 'Escalations', value: 1 }],
});

const adHocWindowClosed: TimerStep = (c, _timer, now) => ({
  case: withAudit({ ...c, stage: 'closed', closedReason: 'ad-hoc-window-ended' }, now, [
    { what: 'case closed', detail: `The 12-month ad hoc window ended ${c.deadlines.adHocWindow?.due}.` },
  ]),
  notices: [],
  metrics: [],
});

const TIMER_STEPS: Record<TimerKind, TimerStep> = {
  'request-expected': requestExpected,
  'no-request-alert': noRequestAlert,
  'no-request-close': noRequestClose,
  'internal-reminder': internalReminder,
  'report-due': reportDue,
  'escalation-due': escalationDue,
  'ad-hoc-window-closed': adHocWindowClosed,
};

/** A timer fired: the step for it. Acting twice on one timer changes nothing. */
export function applyTimer(c: ExitReportCase, timer: DueTimer, now: number, config: ProviderConfig): Transition {
  if (timer.key in c.done) return { case: c, notices: [], metrics: [] };
  return TIMER_STEPS[timer.kind]({ ...c, done: { ...c.done, [timer.key]: iso(now) } }, timer, now, config);
}
