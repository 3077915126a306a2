import { formatLongDate, londonDateOf } from '../calendar/london.ts';
import { appendAudit } from '../lifecycle/record.ts';
import type { AuditEntry, InformationSessionCase, InformationSessionEvent, SessionRecord } from './case.ts';
import { INFORMATION_SESSION_METRICS, type InformationSessionConfig } from './config.ts';
import { consume, NONE, participantNotice } from './record.ts';
import { flagEvent, routeEvent } from './routing.ts';
import { recordOutcome } from './session-outcome.ts';
import type { EventRoute, RoutedEvents, Transition } from './types.ts';

/** The step for one route: the event it carries, the new record, its notices and figures. */
type EventStep<R extends EventRoute> = (
  c: InformationSessionCase,
  e: RoutedEvents[R],
  now: number,
  config: InformationSessionConfig,
) => Transition;

/** A session arranged or rearranged: the dates still run from the referral (para 8). */
function recordSessionArranged(
  c: InformationSessionCase,
  e: RoutedEvents['record-session-arranged'],
  now: number,
): Transition {
  const d = c.deadlines;
  const rearranged = c.sessions.length > 0;
  const session: SessionRecord = { date: e.sessionDate, rearranged, outcome: null, recordedAt: e.recordedAt };
  const entries: Omit<AuditEntry, 'at'>[] = [
    {
      what: rearranged ? 'session rearranged' : 'session arranged',
      detail: `Session on ${e.sessionDate} (recorded by ${e.recordedBy}).${rearranged ? ` No re-referral comes (para 8): the dates still run from the referral of ${c.referral.referralDate}.` : ''}`,
    },
  ];
  if (e.sessionDate > d.session.due) {
    entries.push({
      what: 'session after day 15',
      detail: `${e.sessionDate} is after the 15-day date ${d.session.due}.`,
      flag: !rearranged || undefined,
    });
  }
  if (e.sessionDate > d.wp11Window.due) {
    entries.push({
      what: 'session after day 21',
      detail: `${e.sessionDate} is after day 21 (${d.wp11Window.due}): the referral is cancelled as 'Did Not Start' after day 21 whatever happens; if the participant then wants to join, Jobcentre Plus makes a Work Programme referral (para 9, 12).`,
    });
  }
  return { case: appendAudit({ ...consume(c, e), sessions: [...c.sessions, session] }, now, entries), ...NONE };
}

/** Staff confirm they told Jobcentre Plus of a missed mandated session: the oldest open DNA task closes. */
function recordJcpDnaNotified(
  c: InformationSessionCase,
  e: RoutedEvents['record-jcp-dna-notified'],
  now: number,
): Transition {
  const index = c.dnaNotices.findIndex((n) => n.notifiedOn === null);
  const dnaNotices = c.dnaNotices.map((n, i) => (i === index ? { ...n, notifiedOn: e.notifiedOn, route: e.route } : n));
  const missed = c.dnaNotices[index]?.sessionDate ?? '';
  return {
    case: appendAudit({ ...consume(c, e), dnaNotices }, now, [
      {
        what: 'Jobcentre Plus told of non-attendance',
        detail: `Session of ${missed} missed; Jobcentre Plus told on ${e.notifiedOn} by ${e.route} (confirmed by ${e.confirmedBy}).`,
      },
    ]),
    notices: [],
    metrics: [{ name: INFORMATION_SESSION_METRICS.dnaNoticesSent, value: 1 }],
  };
}

/** A WP11 within 21 days: attachment activity on the Work Programme referral is due by day 28. */
function recordWp11(c: InformationSessionCase, e: RoutedEvents['record-wp11'], now: number): Transition {
  const d = c.deadlines;
  const notAttended = c.stage !== 'attended';
  const next: InformationSessionCase = {
    ...consume(c, e),
    stage: 'attachment-due',
    wp11: { receivedAt: e.receivedAt, messageId: e.messageId, facts: e.wp11, late: false },
  };
  return {
    case: appendAudit(next, now, [
      {
        what: 'WP11 received',
        detail: `Received ${londonDateOf(e.receivedAt)}, within 21 days of the referral (day 21: ${d.wp11Window.due}); attachment activity on the Work Programme referral due by ${d.attachment.due}.${notAttended ? ' No attended session is recorded: a participant may volunteer without attending (para 7 note).' : ''}`,
      },
    ]),
    notices: [
      participantNotice(c, 'attachment-due', 'attachment-due', [c.caseworkerEmail], {
        receivedAt: e.receivedAt,
        attachment: d.attachment,
        wp11: e.wp11,
      }),
    ],
    metrics: [{ name: INFORMATION_SESSION_METRICS.wp11Received, value: 1 }],
  };
}

/** A WP11 after day 21: flagged; the referral is still cancelled as 'Did Not Start' (para 12). */
function lateWp11(
  c: InformationSessionCase,
  e: RoutedEvents['late-wp11'],
  now: number,
  config: InformationSessionConfig,
): Transition {
  const d = c.deadlines;
  const reason = `A WP11 was received on ${formatLongDate(londonDateOf(e.receivedAt))}, after day 21 (${formatLongDate(d.wp11Window.due)}). Jobcentre Plus only issues a WP11 within 21 days of the referral; after that they make a Work Programme referral (para 12). The Information Session referral is still to be cancelled as 'Did Not Start'; do not attach to it. Check with Jobcentre Plus that a Work Programme referral will follow.`;
  return {
    case: appendAudit(
      {
        ...consume(c, e),
        wp11: c.wp11 ?? { receivedAt: e.receivedAt, messageId: e.messageId, facts: e.wp11, late: true },
      },
      now,
      [{ what: 'late WP11 flagged', detail: reason, flag: true }],
    ),
    notices: [
      participantNotice(c, 'wp11-late', `wp11-late:${e.id}`, [c.caseworkerEmail, config.spocLeadAddress], {
        receivedAt: e.receivedAt,
        wp11Window: d.wp11Window,
        reason,
      }),
    ],
    metrics: [{ name: INFORMATION_SESSION_METRICS.wp11Late, value: 1 }],
  };
}

/** Staff confirm the PRaP cancellation ('Did Not Start'): the case closes. */
function recordPrapCancellation(
  c: InformationSessionCase,
  e: RoutedEvents['record-prap-cancellation'],
  now: number,
): Transition {
  const d = c.deadlines;
  const early = e.cancelledOn <= d.wp11Window.due;
  const next: InformationSessionCase = {
    ...consume(c, e),
    stage: 'closed',
    closedReason: 'cancelled-did-not-start',
    cancellation: {
      taskAt: c.cancellation?.taskAt ?? e.recordedAt,
      cancelledOn: e.cancelledOn,
      confirmedBy: e.confirmedBy,
    },
  };
  return {
    case: appendAudit(next, now, [
      {
        what: "referral cancelled on PRaP: 'Did Not Start'",
        detail: `Cancelled ${e.cancelledOn} (confirmed by ${e.confirmedBy}).${early ? ` That is not after day 21 (${d.wp11Window.due}): check the date.` : ''}`,
        flag: early || undefined,
      },
    ]),
    notices: [],
    metrics: [{ name: INFORMATION_SESSION_METRICS.cancelledDidNotStart, value: 1 }],
  };
}

/** Attached to the Work Programme referral: the case closes, on time or late against day 28. */
function recordAttachment(c: InformationSessionCase, e: RoutedEvents['record-attachment'], now: number): Transition {
  const d = c.deadlines;
  const onTime = e.attachedOn <= d.attachment.due;
  return {
    case: appendAudit(
      {
        ...consume(c, e),
        stage: 'closed',
        closedReason: 'attached',
        attachment: { attachedOn: e.attachedOn, onTime, recordedBy: e.recordedBy },
      },
      now,
      [
        {
          what: 'attached to the Work Programme referral',
          detail: `Attached ${e.attachedOn} (recorded by ${e.recordedBy}): ${onTime ? 'within' : 'LATE, after'} 28 days of the referral (${d.attachment.due}).`,
          flag: onTime ? undefined : true,
        },
      ],
    ),
    notices: [],
    metrics: [
      {
        name: onTime ? INFORMATION_SESSION_METRICS.attachedOnTime : INFORMATION_SESSION_METRICS.attachedLate,
        value: 1,
      },
    ],
  };
}

/** An attachment to the Information Session referral itself: back it out (PRaP16); DWP recovers the fees (para 14). */
function wrongAttachment(
  c: InformationSessionCase,
  e: RoutedEvents['wrong-attachment'],
  now: number,
  config: InformationSessionConfig,
): Transition {
  const d = c.deadlines;
  const detail = `An attachment was recorded on ${e.attachedOn} against the Information Session referral (by ${e.recordedBy}). Attachments are only made to Work Programme referrals (para 14): back it out using the normal PRaP16 process. Any fees paid resulting from an incorrect attachment will be recovered by DWP.`;
  return {
    case: appendAudit(
      {
        ...consume(c, e),
        wrongAttachments: [
          ...c.wrongAttachments,
          { attachedOn: e.attachedOn, recordedAt: e.recordedAt, backedOutOn: null },
        ],
      },
      now,
      [{ what: 'incorrect attachment to an Information Session referral', detail, flag: true }],
    ),
    notices: [
      participantNotice(
        c,
        'wrong-attachment',
        `wrong-attachment:${e.id}`,
        [c.caseworkerEmail, config.spocLeadAddress, config.contractManagerAddress],
        {
          attachedOn: e.attachedOn,
          recordedBy: e.recordedBy,
          wp11Received: c.wp11 !== null && !c.wp11.late,
          attachment: c.stage === 'attachment-due' ? d.attachment : null,
        },
      ),
    ],
    metrics: [{ name: INFORMATION_SESSION_METRICS.wrongAttachments, value: 1 }],
  };
}

/** The incorrect attachment backed out: the oldest open one is marked. */
function recordBackOut(c: InformationSessionCase, e: RoutedEvents['record-back-out'], now: number): Transition {
  const index = c.wrongAttachments.findIndex((w) => w.backedOutOn === null);
  return {
    case: appendAudit(
      {
        ...consume(c, e),
        wrongAttachments: c.wrongAttachments.map((w, i) => (i === index ? { ...w, backedOutOn: e.backedOutOn } : w)),
      },
      now,
      [
        {
          what: 'incorrect attachment backed out (PRaP16)',
          detail: `Backed out ${e.backedOutOn} (by ${e.recordedBy}).`,
        },
      ],
    ),
    ...NONE,
  };
}

/** One step per route: a route without a step does not compile. */
const EVENT_STEPS: { [R in EventRoute]: EventStep<R> } = {
  'record-session-arranged': recordSessionArranged,
  'record-session-outcome': recordOutcome,
  'record-jcp-dna-notified': recordJcpDnaNotified,
  'record-wp11': recordWp11,
  'late-wp11': lateWp11,
  'record-prap-cancellation': recordPrapCancellation,
  'record-attachment': recordAttachment,
  'wrong-attachment': wrongAttachment,
  'record-back-out': recordBackOut,
  flag: flagEvent,
};

/** Records an event routed by `planNextStep`; a repeat of an applied event changes nothing. */
export function applyEvent(
  c: InformationSessionCase,
  event: InformationSessionEvent,
  now: number,
  config: InformationSessionConfig,
): Transition {
  if (c.appliedEventIds.includes(event.id)) return { case: c, ...NONE };
  const route = routeEvent(c, event);
  // routeEvent chooses the route from the event's type, so the event is the one that route's step takes
  // (`routeEvent` returns a plain EventRoute: TypeScript cannot follow that link by itself).
  const step = EVENT_STEPS[route] as EventStep<EventRoute>;
  return step(c, event, now, config);
}
