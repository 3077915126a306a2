import { appendAudit, isoInstant, markTimerDone } from '../lifecycle/record.ts';
import type { InformationSessionCase } from './case.ts';
import { NONE, participantNotice } from './case-record.ts';
import { INFORMATION_SESSION_METRICS, type InformationSessionConfig } from './config.ts';
import type { DueTimer, TimerKind, Transition } from './lifecycle-types.ts';

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
