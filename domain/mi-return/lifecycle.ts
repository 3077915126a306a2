import * as z from 'zod';
import { addCalendarDays, endOfDayInLondon, londonDateOf, londonInstant } from '../calendar/london.ts';
import type { IsoDate } from '../calendar/types.ts';
import { calendarFor } from '../calendar/working-days.ts';
import { computeDeadline } from '../deadlines/rules.ts';
import { emailAddress } from '../email-address.ts';
import {
  consumeInboxEvent,
  enqueueInboxEvent,
  type Plan as GenericPlan,
  type MetricIntent,
  type NoticeIntentOf,
  planFromRecord,
  type TransitionOf,
} from '../lifecycle/plan.ts';

export type { MetricIntent } from '../lifecycle/plan.ts';

import { redactNinos } from '../mail/nino-tokens.ts';
import type { AuditEntry, MiReturnCase, MiReturnEvent, MiReturnSend, MiReturnStage, SendAttempt } from './case.ts';
import { type MiReturnConfig, miReturnFileName, monthLabel } from './return.ts';

/**
 * The monthly job entry MI return (memo 176) as pure functions over the case record, in the shape of the other
 * lifecycles: `planNextStep` says what to do next, `applyEvent` / `applyTimer` return the new record with the
 * notices (intents: a kind and facts) and the dashboard figures. Nothing here reads a clock, reads job entries,
 * builds a workbook or sends mail.
 *
 * Sending is a step of its own. The send time on the due day (timer 'send-due'), a staff 'send-requested' or a
 * 'refresh-requested' do not send: applying them opens a numbered send attempt and moves the case to 'sending'.
 * While it is 'sending' the plan answers with the timer 'build-and-send' (due at once), which the workflow routes
 * to the handler: it builds the return from the job entries as they stand, checks the workbook, and emails it
 * under the outbound intent `<caseId>:send:<attempt>`, claimed before sending (functions/commons/outbox.ts
 * `sendOnce`). It then applies 'return-sent' or 'send-failed' for that attempt (ids from `returnSentEvent` /
 * `sendFailedEvent`, one per attempt). A retried step finds the plan unchanged and the intent already claimed:
 * it records the outcome and sends nothing. Only a new attempt, from a new request, has a new intent id and can
 * send again.
 */

export { EXECUTION_LIFETIME_MS } from '../lifecycle/plan.ts';

const londonTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour, Europe/London)');

/** What the lifecycle needs beyond MiReturnConfig. */
export const MiReturnLifecycleOptionsSchema = z.object({
  /** Alerted, with the lead contact and deputy, when a send fails or the return is not sent by the due day. */
  spocLeadAddress: emailAddress,
  /** Reminders to the lead contact and deputy, in working days before the due date. */
  reminderWorkingDaysBefore: z.array(z.number().int().min(1).max(20)).default([3, 1]),
  /** Time of day (Europe/London) reminders are sent. */
  noticeTime: londonTime.default('09:00'),
  /** Time of day (Europe/London) on the due day at which the return is built and sent, if not sent before. */
  sendTime: londonTime.default('09:00'),
  /** A sent return's case closes at the end of this many calendar days after the send (a refresh reopens it). */
  closeAfterDays: z.number().int().min(0).max(366).default(7),
});
export type MiReturnLifecycleOptions = z.infer<typeof MiReturnLifecycleOptionsSchema>;

export type MiReturnLifecycleConfig = MiReturnConfig & MiReturnLifecycleOptions;

/** The lifecycle's configuration: the MI return's, with the lifecycle options (validated, defaults filled in). */
export function miReturnLifecycleConfig(
  miReturn: MiReturnConfig,
  options: z.input<typeof MiReturnLifecycleOptionsSchema>,
): MiReturnLifecycleConfig {
  const result = MiReturnLifecycleOptionsSchema.safeParse(options);
  if (!result.success) throw new Error(`Invalid MI return lifecycle options: ${z.prettifyError(result.error)}`);
  return { ...miReturn, ...result.data };
}

/** The dashboard figures (EMF metric names). */
export const MI_RETURN_METRICS = Object.freeze({
  due: 'MiReturnsDue',
  sent: 'MiReturnsSent',
  /** Once per month not sent by the end of its due day (at the alert, or at a late send when no alert came first). */
  late: 'MiReturnsLate',
  refreshes: 'MiReturnRefreshes',
  reminders: 'MiReturnReminders',
  sendFailures: 'MiReturnSendFailures',
});

export type TimerKind =
  /** The reporting month ended: the return can be sent. */
  | 'month-ended'
  /** To the lead contact and deputy, N working days before the due date, while not sent. */
  | 'reminder'
  /** The send time on the due day: opens a send attempt (it does not send). */
  | 'send-due'
  /** A send attempt is open: the handler builds, checks and emails the workbook. Never applied by applyTimer. */
  | 'build-and-send'
  /** The end of the due day and never sent: alert once. */
  | 'not-sent-alert'
  /** Some days after the (last) send: close. */
  | 'close';

export interface DueTimer {
  kind: TimerKind;
  at: string;
  /** Key in `case.done` once acted on. */
  key: string;
  workingDaysBefore?: number;
  /** build-and-send: the attempt, its outbound intent id, and whether it re-sends a month already sent. */
  attempt?: number;
  intentId?: string;
  refresh?: boolean;
}

export type Awaiting =
  /** The reporting month is running. */
  | 'month-end'
  /** The month ended: a send request, or the send time on the due day. */
  | 'send'
  /** A send attempt is open (only seen if a step is stuck: the plan is 'build-and-send'). */
  | 'send-outcome'
  /** Sent: only a refresh request changes anything. */
  | 'refresh';

export type EventRoute =
  /** send-requested / refresh-requested (as the 'send-due' timer): open a send attempt. */
  | 'send-now'
  /** return-sent for the open attempt. */
  | 'record-sent'
  /** send-failed for the open attempt. */
  | 'record-send-failed'
  /**
   * send-requested while the month's return is being sent, or once it was sent after the request was made (a
   * month the request itself opened, already past its send time, is sent at once): the send answers the request.
   * Recorded in the audit; the sent notice is the one outcome staff are told.
   */
  | 'answered-by-send'
  | 'flag';

export type Plan = GenericPlan<MiReturnStage, MiReturnEvent, EventRoute, DueTimer, Awaiting>;

export type MiReturnNoticeKind =
  /** To the lead contact and deputy: the return is due, with the date and how it was counted. */
  | 'mi-return-reminder'
  /** To the lead contact, deputy and SPoC lead: the due day ended and the return has not gone. */
  | 'mi-return-not-sent'
  /** To the lead contact and deputy: what was sent, when, the due date and how it was counted. */
  | 'mi-return-sent'
  /** To the lead contact, deputy and SPoC lead: the workbook check failed or the mail service refused it. */
  | 'mi-return-send-failed'
  | 'event-flagged';

export type MiReturnNoticeIntent = NoticeIntentOf<MiReturnNoticeKind>;

export type Transition = TransitionOf<MiReturnCase, MiReturnNoticeIntent>;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The case id for a contract's reporting month (`mi-4001234-2026-12`): one case per contract and month; the
 * prefix names the process, as `er-` and `is-` do.
 */
export function miReturnCaseId(contractNumber: string, reportingMonth: string): string {
  return `mi-${contractNumber.trim()}-${reportingMonth}`;
}

/** The outbound intent of a send attempt: claimed before the workbook is emailed, so it goes at most once. */
export function sendIntentId(caseId: string, attempt: number): string {
  return `${caseId}:send:${attempt}`;
}

/** 'YYYY-MM' → the first day of the next month. */
function firstOfNextMonth(month: string): IsoDate {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The instant the reporting month ends (midnight Europe/London at the start of the next month). */
export function monthEndOf(reportingMonth: string): string {
  return londonInstant(firstOfNextMonth(reportingMonth), '00:00');
}

function caseFacts(c: MiReturnCase): Record<string, unknown> {
  return {
    caseRef: c.caseId,
    contractNumber: c.contractNumber,
    providerName: c.providerName,
    reportingMonth: c.reportingMonth,
    fileName: c.fileName,
    due: c.due,
  };
}

function withAudit(c: MiReturnCase, now: number, entries: Omit<AuditEntry, 'at'>[]): MiReturnCase {
  return { ...c, audit: [...c.audit, ...entries.map((e) => ({ at: iso(now), ...e }))] };
}

const APPLIED_EVENT_MEMORY = 50;

function consume(c: MiReturnCase, event: MiReturnEvent): MiReturnCase {
  return consumeInboxEvent(c, event, APPLIED_EVENT_MEMORY);
}

/** Adds an event to the inbox unless it is already there or was applied: one effect per event. */
export function enqueueEvent(c: MiReturnCase, event: MiReturnEvent): { case: MiReturnCase; duplicate: boolean } {
  return enqueueInboxEvent(c, event);
}

/** Free text from people or from a check (a reason, a failure): one line, NINOs masked. */
function plain(text: string): string {
  return redactNinos(text.replace(/\s+/g, ' ').trim());
}

/**
 * A new case for a contract's reporting month: the due date counted (5th working day of the next month, the
 * configured division's bank holidays), 'collecting' while the month runs, 'due' once it has ended.
 */
export function openMiReturnCase(
  caseId: string,
  reportingMonth: string,
  now: number,
  config: MiReturnLifecycleConfig,
): Transition {
  const due = computeDeadline('mi-return', reportingMonth, config.division);
  const fileName = miReturnFileName(config.contractNumber, config.providerName, reportingMonth);
  const monthEnded = now >= Date.parse(monthEndOf(reportingMonth));
  const c: MiReturnCase = {
    caseId,
    contractNumber: config.contractNumber.trim(),
    providerName: config.providerName.trim(),
    reportingMonth,
    division: config.division,
    stage: monthEnded ? 'due' : 'collecting',
    due,
    fileName,
    attempts: [],
    sends: [],
    done: {},
    inbox: [],
    appliedEventIds: [],
    audit: [],
    openedAt: iso(now),
    version: 0,
  };
  return {
    case: withAudit(c, now, [
      {
        what: 'case opened',
        detail: `Job entry MI return for ${monthLabel(reportingMonth)}, contract ${c.contractNumber}: ${fileName}, due by the end of ${due.due} (the 5th working day of the next month); sent automatically at ${config.sendTime} that day unless sent before.${monthEnded ? '' : ' The month is still running: nothing can be sent before it ends.'}`,
      },
    ]),
    notices: [],
    metrics: [{ name: MI_RETURN_METRICS.due, value: 1 }],
  };
}

/** The send attempt in progress, when the case is 'sending'. */
export function openAttempt(c: MiReturnCase): SendAttempt | undefined {
  const last = c.attempts.at(-1);
  return c.stage === 'sending' && last && last.outcome === null ? last : undefined;
}

/** Where an event goes in the stage the case is in. */
export function routeEvent(c: MiReturnCase, event: MiReturnEvent): EventRoute {
  switch (event.type) {
    case 'send-requested':
      // A month already sent is sent again only by a refresh, which says why.
      if (c.stage === 'due' || c.stage === 'failed') return 'send-now';
      if (c.stage === 'sending') return 'answered-by-send';
      if (c.stage !== 'collecting' && (c.sends.at(-1)?.sentAt ?? '') >= event.recordedAt) return 'answered-by-send';
      return 'flag';
    case 'refresh-requested':
      return c.stage === 'collecting' || c.stage === 'sending' ? 'flag' : 'send-now';
    case 'return-sent':
      return openAttempt(c)?.attempt === event.attempt ? 'record-sent' : 'flag';
    case 'send-failed':
      return openAttempt(c)?.attempt === event.attempt ? 'record-send-failed' : 'flag';
  }
}

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
  return timers.filter((t) => !(t.key in c.done)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function awaitingFor(stage: MiReturnStage): Awaiting {
  if (stage === 'collecting') return 'month-end';
  if (stage === 'due' || stage === 'failed') return 'send';
  if (stage === 'sending') return 'send-outcome';
  return 'refresh';
}

/**
 * What the workflow does next, given the record, the time and when this execution started. A plan
 * `{ next: 'timer-due', timer: { kind: 'build-and-send' } }` is the send step (see `sendStepOf`); every other
 * timer is applied by `applyTimer`, every event by `applyEvent`.
 */
export function planNextStep(
  c: MiReturnCase,
  now: number,
  executionStartedAt: number,
  config: MiReturnLifecycleConfig,
): Plan {
  return planFromRecord(c, {
    route: (event) => routeEvent(c, event),
    timers: pendingTimers(c, config),
    awaiting: awaitingFor(c.stage),
    finished: (timer) => c.stage === 'closed' && !timer,
    now,
    executionStartedAt,
  });
}

/** What the build-and-send step is to do, while a send attempt is open. */
export interface SendStep {
  caseId: string;
  attempt: number;
  /** Claim it before emailing (sendOnce): a retried step then finds it claimed and sends nothing. */
  intentId: string;
  contractNumber: string;
  providerName: string;
  reportingMonth: string;
  fileName: string;
  refresh: boolean;
  requestedBy: string;
  reason: string | null;
}

export function sendStepOf(c: MiReturnCase): SendStep | undefined {
  const a = openAttempt(c);
  if (!a) return undefined;
  return {
    caseId: c.caseId,
    attempt: a.attempt,
    intentId: a.intentId,
    contractNumber: c.contractNumber,
    providerName: c.providerName,
    reportingMonth: c.reportingMonth,
    fileName: c.fileName,
    refresh: a.refresh,
    requestedBy: a.requestedBy,
    reason: a.reason,
  };
}

/** The outcome event for the open attempt after the workbook went; its id is one per attempt. */
export function returnSentEvent(
  step: Pick<SendStep, 'intentId' | 'attempt' | 'refresh'>,
  sent: {
    sentAt: string;
    messageId: string;
    fileName: string;
    entriesCount: number;
    digest?: string;
    changes?: string[];
  },
): Extract<MiReturnEvent, { type: 'return-sent' }> {
  return { id: `${step.intentId}:sent`, type: 'return-sent', attempt: step.attempt, refresh: step.refresh, ...sent };
}

/** The outcome event for the open attempt when nothing was sent; its id is one per attempt. */
export function sendFailedEvent(
  step: Pick<SendStep, 'intentId' | 'attempt'>,
  failed: { at: string; reason: string },
): Extract<MiReturnEvent, { type: 'send-failed' }> {
  return { id: `${step.intentId}:failed`, type: 'send-failed', attempt: step.attempt, ...failed };
}

const NONE: Omit<Transition, 'case'> = { notices: [], metrics: [] };

/** Opens send attempt n+1 and moves the case to 'sending'. Nothing is sent here. */
function startAttempt(
  c: MiReturnCase,
  request: { trigger: SendAttempt['trigger']; requestedBy: string; reason: string | null },
  now: number,
  config: MiReturnLifecycleConfig,
): MiReturnCase {
  const n = c.attempts.length + 1;
  const refresh = c.sends.length > 0;
  const attempt: SendAttempt = {
    attempt: n,
    intentId: sendIntentId(c.caseId, n),
    trigger: request.trigger,
    requestedAt: iso(now),
    requestedBy: request.requestedBy,
    refresh,
    reason: request.reason === null ? null : plain(request.reason),
    outcome: null,
  };
  const month = monthLabel(c.reportingMonth);
  const lastSent = c.sends.at(-1);
  let entry: Omit<AuditEntry, 'at'>;
  if (refresh && lastSent) {
    entry = {
      what: 'refresh requested',
      detail: `${request.requestedBy} asked for the return for ${month}, last sent ${lastSent.sentAt}, to be sent again${attempt.reason ? `: ${attempt.reason}` : ''}. It is rebuilt from the job entries as they stand now (attempt ${n}).`,
    };
  } else if (request.trigger === 'schedule') {
    entry = {
      what: 'send time reached',
      detail: `${config.sendTime} on the due day ${c.due.due}: the return for ${month} is built, checked and sent (attempt ${n}).`,
    };
  } else {
    entry = {
      what: 'send requested',
      detail: `${request.requestedBy} asked for the return for ${month} to be sent now (due by the end of ${c.due.due})${attempt.reason ? `: ${attempt.reason}` : ''} (attempt ${n}).`,
    };
  }
  return withAudit({ ...c, stage: 'sending', attempts: [...c.attempts, attempt] }, now, [entry]);
}

function closeAttempt(c: MiReturnCase, n: number, outcome: NonNullable<SendAttempt['outcome']>, now: number) {
  return {
    attempts: c.attempts.map((a) => (a.attempt === n ? { ...a, outcome } : a)),
    done: { ...c.done, [`send-${n}`]: iso(now) },
  };
}

/** Records an event routed by `planNextStep`; a repeat of an applied event changes nothing. */
export function applyEvent(
  c: MiReturnCase,
  event: MiReturnEvent,
  now: number,
  config: MiReturnLifecycleConfig,
): Transition {
  if (c.appliedEventIds.includes(event.id)) return { case: c, ...NONE };
  const route = routeEvent(c, event);
  switch (route) {
    case 'send-now': {
      const e = event as Extract<MiReturnEvent, { type: 'send-requested' | 'refresh-requested' }>;
      const reason = e.type === 'refresh-requested' ? e.reason : null;
      return {
        case: startAttempt(consume(c, e), { trigger: e.type, requestedBy: e.requestedBy, reason }, now, config),
        ...NONE,
      };
    }
    case 'record-sent':
      return recordSent(consume(c, event), event as Extract<MiReturnEvent, { type: 'return-sent' }>, now, config);
    case 'record-send-failed':
      return recordSendFailed(consume(c, event), event as Extract<MiReturnEvent, { type: 'send-failed' }>, now, config);
    case 'answered-by-send': {
      const e = event as Extract<MiReturnEvent, { type: 'send-requested' }>;
      const sending = openAttempt(c);
      return {
        case: withAudit(consume(c, e), now, [
          {
            what: 'send request answered',
            detail: `${e.requestedBy} asked for the return for ${monthLabel(c.reportingMonth)} to be sent; ${
              sending
                ? `it was being sent already (attempt ${sending.attempt})`
                : `it was sent ${c.sends.at(-1)?.sentAt}`
            }, which answers the request.`,
          },
        ]),
        ...NONE,
      };
    }
    case 'flag':
      return flagEvent(c, event, now, config);
  }
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

function describeStage(c: MiReturnCase): string {
  const last = c.sends.at(-1);
  return last ? `${c.stage}, last sent ${last.sentAt}` : c.stage;
}

function flagReason(c: MiReturnCase, event: MiReturnEvent): string {
  const month = monthLabel(c.reportingMonth);
  switch (event.type) {
    case 'send-requested':
      if (c.stage === 'collecting') {
        return `The return for ${month} cannot be sent before the month has ended: its job entries are not complete. It can be sent from ${firstOfNextMonth(c.reportingMonth)}.`;
      }
      if (c.stage === 'sending') return `The return for ${month} is being sent already.`;
      return `The return for ${month} was sent already. To send it again after job entries were corrected, ask for a refresh and say why.`;
    case 'refresh-requested':
      if (c.stage === 'collecting') {
        return `The month ${month} has not ended: there is nothing to refresh yet.`;
      }
      return `The return for ${month} is being sent at the moment: ask for the refresh again once it is recorded as sent.`;
    case 'return-sent':
    case 'send-failed':
      return `A ${event.type} outcome for send attempt ${event.attempt} of ${month} does not match the send in progress (${openAttempt(c)?.attempt ?? 'none'}).`;
  }
}

/** An event that does not fit the case's stage is flagged to the SPoC lead and kept in the audit, never dropped. */
export function flagEvent(
  c: MiReturnCase,
  event: MiReturnEvent,
  now: number,
  config: MiReturnLifecycleConfig,
): Transition {
  const reason = `${flagReason(c, event)} (Stage: ${describeStage(c)}.)`;
  const requestedBy = 'requestedBy' in event ? event.requestedBy : null;
  return {
    case: withAudit(consume(c, event), now, [
      {
        what: `${event.type} flagged`,
        detail: `${reason}${requestedBy ? ` Asked for by ${requestedBy}.` : ''}`,
        flag: true,
      },
    ]),
    notices: [
      {
        intentId: `${c.caseId}:flag:${event.id}`,
        kind: 'event-flagged',
        to: [config.spocLeadAddress, config.leadContactAddress],
        facts: { ...caseFacts(c), eventType: event.type, reason, requestedBy },
      },
    ],
    metrics: [],
  };
}

/** A timer fired: the step for it. Acting twice on one timer changes nothing. */
export function applyTimer(c: MiReturnCase, timer: DueTimer, now: number, config: MiReturnLifecycleConfig): Transition {
  if (timer.key in c.done) return { case: c, ...NONE };
  const base: MiReturnCase = { ...c, done: { ...c.done, [timer.key]: iso(now) } };
  const month = monthLabel(c.reportingMonth);
  switch (timer.kind) {
    case 'month-ended':
      return {
        case: withAudit({ ...base, stage: 'due' }, now, [
          {
            what: 'month ended',
            detail: `${month} has ended: the return can be sent, and must be by the end of ${c.due.due}.`,
          },
        ]),
        ...NONE,
      };
    case 'reminder':
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
    case 'send-due':
      return {
        case: startAttempt(base, { trigger: 'schedule', requestedBy: 'schedule', reason: null }, now, config),
        ...NONE,
      };
    case 'not-sent-alert':
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
    case 'close':
      return {
        case: withAudit({ ...base, stage: 'closed' }, now, [
          {
            what: 'case closed',
            detail: `${c.stage === 'failed' ? 'The last refresh was not sent; the return sent before stands. ' : ''}A refresh can still be asked for: it reopens the case.`,
          },
        ]),
        ...NONE,
      };
    case 'build-and-send':
      // The send step does I/O: the handler builds, checks and sends, then applies return-sent or send-failed.
      throw new Error('The build-and-send timer is acted on by the send step (sendStepOf), not applyTimer');
  }
}

function lastFailureOf(c: MiReturnCase): { at: string; reason: string } | null {
  const outcome = c.attempts.at(-1)?.outcome;
  return outcome?.result === 'failed' ? { at: outcome.at, reason: outcome.reason } : null;
}

/** For logs: the case in one line. */
export function describeCase(c: MiReturnCase): string {
  return `${c.caseId} ${c.fileName} due ${c.due.due}: ${describeStage(c)}`;
}
