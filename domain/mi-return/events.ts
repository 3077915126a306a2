import type { MetricIntent } from '../lifecycle/plan.ts';
import type { AuditEntry, MiReturnCase, MiReturnEvent, MiReturnSend, SendAttempt } from './case.ts';
import type { MiReturnLifecycleConfig } from './lifecycle-config.ts';
import { MI_RETURN_METRICS } from './lifecycle-config.ts';
import { caseFacts, consume, NONE, openAttempt, plain, withAudit } from './record.ts';
import { monthLabel } from './return.ts';
import { flagEvent, routeEvent } from './routing.ts';
import { closeAttempt, startAttempt } from './send-step.ts';
import type { EventRoute, Transition } from './types.ts';

/** Each event route, applied by one small function; the table below names them all. */

type EventOf<K extends MiReturnEvent['type']> = Extract<MiReturnEvent, { type: K }>;

type RouteHandler = (c: MiReturnCase, event: MiReturnEvent, now: number, config: MiReturnLifecycleConfig) => Transition;

/** send-requested / refresh-requested (as the 'send-due' timer): open a send attempt. */
function sendNow(c: MiReturnCase, event: MiReturnEvent, now: number, config: MiReturnLifecycleConfig): Transition {
  const e = event as EventOf<'send-requested' | 'refresh-requested'>;
  const reason = e.type === 'refresh-requested' ? e.reason : null;
  return {
    case: startAttempt(consume(c, e), { trigger: e.type, requestedBy: e.requestedBy, reason }, now, config),
    ...NONE,
  };
}

/** A send request the send in progress, or one made since, answers: recorded, nothing more. */
function answeredBySend(c: MiReturnCase, event: MiReturnEvent, now: number): Transition {
  const e = event as EventOf<'send-requested'>;
  const sending = openAttempt(c);
  return {
    case: withAudit(consume(c, e), now, [
      {
        what: 'send request answered',
        detail: `${e.requestedBy} asked for the return for ${monthLabel(c.reportingMonth)} to be sent; ${
          sending ? `it was being sent already (attempt ${sending.attempt})` : `it was sent ${c.sends.at(-1)?.sentAt}`
        }, which answers the request.`,
      },
    ]),
    ...NONE,
  };
}

/** One handler per route: a route without one does not compile. */
const ROUTE_HANDLERS: Readonly<Record<EventRoute, RouteHandler>> = {
  'send-now': sendNow,
  'record-sent': (c, event, now, config) => recordSent(consume(c, event), event as EventOf<'return-sent'>, now, config),
  'record-send-failed': (c, event, now, config) =>
    recordSendFailed(consume(c, event), event as EventOf<'send-failed'>, now, config),
  'answered-by-send': answeredBySend,
  flag: flagEvent,
};

/** Records an event routed by `planNextStep`; a repeat of an applied event changes nothing. */
export function applyEvent(
  c: MiReturnCase,
  event: MiReturnEvent,
  now: number,
  config: MiReturnLifecycleConfig,
): Transition {
  if (c.appliedEventIds.includes(event.id)) return { case: c, ...NONE };
  return ROUTE_HANDLERS[routeEvent(c, event)](c, event, now, config);
}

function recordSent(
  c: MiReturnCase,
  e: Extract<MiReturnEvent, { type: 'return-sent' }>,
  now: number,
  config: MiReturnLifecycleConfig,
): Transition {
  const attempt = c.attempts.find((a) => a.attempt === e.attempt) as SendAttempt;
  // The attempt on the record says whether this re-sends a month already sent, not the event.
  const refresh = attempt.refresh;
  const late = !refresh && Date.parse(e.sentAt) > Date.parse(c.due.dueAt);
  const changes = e.changes?.map(plain);
  const send: MiReturnSend = {
    attempt: e.attempt,
    sentAt: e.sentAt,
    messageId: e.messageId,
    fileName: e.fileName,
    refresh,
    entriesCount: e.entriesCount,
    late,
    ...(e.digest === undefined ? {} : { digest: e.digest }),
    ...(changes === undefined ? {} : { changes }),
  };
  const next: MiReturnCase = {
    ...c,
    ...closeAttempt(c, e.attempt, { result: 'sent', at: e.sentAt }, now),
    stage: 'sent',
    sends: [...c.sends, send],
  };
  const to = `the MI returns address (${config.miReturnsAddress}), copied to the Performance Manager (${config.performanceManagerAddress})`;
  const metrics: MetricIntent[] = [];
  let entry: Omit<AuditEntry, 'at'>;
  if (refresh) {
    metrics.push({ name: MI_RETURN_METRICS.refreshes, value: 1 });
    entry = {
      what: 'return re-sent (refresh)',
      detail: `${e.fileName} sent again ${e.sentAt} to ${to}, rebuilt with ${e.entriesCount} job entries of the month${attempt.reason ? `; asked for by ${attempt.requestedBy}: ${attempt.reason}` : ` (asked for by ${attempt.requestedBy})`}.${changes && changes.length > 0 ? ` Figures changed: ${changes.join('; ')}.` : ''}`,
    };
  } else {
    metrics.push({ name: MI_RETURN_METRICS.sent, value: 1 });
    // A late send is counted late once: here, unless the not-sent alert already counted it.
    if (late && !('not-sent-alert' in c.done)) metrics.push({ name: MI_RETURN_METRICS.late, value: 1 });
    entry = {
      what: 'return sent',
      detail: `${e.fileName} sent ${e.sentAt} to ${to}, built with ${e.entriesCount} job entries of the month: ${late ? 'LATE, after' : 'on time, by'} the end of the due day ${c.due.due}.`,
      flag: late || undefined,
    };
  }
  return {
    case: withAudit(next, now, [entry]),
    notices: [
      {
        intentId: `${c.caseId}:sent:${e.attempt}`,
        kind: 'mi-return-sent',
        to: [config.leadContactAddress, config.deputyAddress],
        facts: {
          ...caseFacts(c),
          fileName: e.fileName,
          sentAt: e.sentAt,
          entriesCount: e.entriesCount,
          refresh,
          late,
          reason: attempt.reason,
          requestedBy: attempt.requestedBy,
          changes: changes ?? [],
          miReturnsAddress: config.miReturnsAddress,
          performanceManagerAddress: config.performanceManagerAddress,
        },
      },
    ],
    metrics,
  };
}

function recordSendFailed(
  c: MiReturnCase,
  e: Extract<MiReturnEvent, { type: 'send-failed' }>,
  now: number,
  config: MiReturnLifecycleConfig,
): Transition {
  const attempt = c.attempts.find((a) => a.attempt === e.attempt) as SendAttempt;
  const reason = plain(e.reason);
  const pastDue = now > Date.parse(c.due.dueAt);
  // The send time on the due day tries again by itself when this failure came before it.
  const scheduledRetry = c.sends.length === 0 && !('send-due' in c.done);
  const next: MiReturnCase = {
    ...c,
    ...closeAttempt(c, e.attempt, { result: 'failed', at: e.at, reason }, now),
    stage: 'failed',
  };
  return {
    case: withAudit(next, now, [
      {
        what: attempt.refresh ? 'refresh not sent' : 'return not sent',
        detail: `Attempt ${e.attempt} failed ${e.at}: ${reason}. Nothing was sent.${
          attempt.refresh
            ? ' The return sent before stands until a refresh goes.'
            : pastDue
              ? ` The return was due by the end of ${c.due.due}.`
              : ` Still due by the end of ${c.due.due}.`
        }${scheduledRetry ? ` It will be tried again at ${config.sendTime} on the due day.` : ''}`,
        flag: true,
      },
    ]),
    notices: [
      {
        intentId: `${c.caseId}:send-failed:${e.attempt}`,
        kind: 'mi-return-send-failed',
        to: [config.leadContactAddress, config.deputyAddress, config.spocLeadAddress],
        facts: {
          ...caseFacts(c),
          attempt: e.attempt,
          at: e.at,
          reason,
          refresh: attempt.refresh,
          pastDue,
          scheduledRetry,
          sendTime: config.sendTime,
        },
      },
    ],
    metrics: [{ name: MI_RETURN_METRICS.sendFailures, value: 1 }],
  };
}
