import { londonDateOf } from '../calendar/london.ts';
import type { ProviderConfig } from '../config.ts';
import { computeDeadline } from '../deadlines/rules.ts';
import {
  type AuditEntry,
  type CaseEvent,
  type ErrorRecord,
  type ExitReportCase,
  type WithdrawalGrounds,
  withAudit,
} from './case.ts';
import type { ExitReportNoticeIntent } from './notice-intents.ts';
import type { Transition } from './timers.ts';

/**
 * Errors and their records (CPA 18 ch.10 paras 39, 45–50, 74–75): what staff were told on the phone, and what
 * was done about a report sent to the wrong District. Each record is kept three months (paras 44, 75) on the case.
 */

type EventOf<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>;

const CALL_REASONS: Record<EventOf<'district-call'>['reason'], string> = {
  'original-not-received': 'the original request email was not received (para 39)',
  'original-received':
    'the District SPoC says the request was sent only once: the original was received, not re-sent (this corrects the automatic para 39 record)',
  'sent-in-error': 'the form was sent to us in error (para 45)',
  'wrong-details': 'the form has participants with wrong details (para 45)',
  'other-provider': 'the form has participants of another provider (para 45)',
  'over-40-records': 'the form has more than 40 participant records (para 45)',
  'wrong-district': 'an Exit Report went to the wrong District (para 74)',
};

const CALL_WHAT: Partial<Record<EventOf<'district-call'>['reason'], string>> = {
  'original-not-received': 'original request not received',
  'original-received': 'correction: original request was received',
};

function keepUntil(c: ExitReportCase, now: number): string {
  return computeDeadline('retention', londonDateOf(new Date(now)), c.participant.division).due;
}

function withRecord(c: ExitReportCase, record: ErrorRecord): ExitReportCase {
  return { ...c, errorRecords: [...(c.errorRecords ?? []), record] };
}

/** The outcome of a call to the District SPoC (paras 39, 45, 50), recorded for audit. */
export function recordDistrictCall(
  c: ExitReportCase,
  consumed: ExitReportCase,
  e: EventOf<'district-call'>,
  now: number,
): Transition {
  const detail = `Called the District SPoC on ${e.calledOn}: ${CALL_REASONS[e.reason]}. Outcome: ${e.outcome}`;
  const record: ErrorRecord = {
    what: e.reason,
    at: e.recordedAt,
    recordedBy: e.recordedBy,
    detail,
    cycle: c.cycle,
    keepUntil: keepUntil(c, now),
  };
  return {
    case: withAudit(withRecord(consumed, record), now, [
      {
        what: CALL_WHAT[e.reason] ?? 'call to the District recorded',
        detail: `${detail} (recorded by ${e.recordedBy}).`,
        flag: true,
      },
    ]),
    notices: [],
    metrics: [],
  };
}

/**
 * A report sent to the wrong District (paras 74–75), once it has gone to the correct one (`resentTo`, or by post
 * when it went clerically): the record kept three months, and the incident reported to DWP security.
 */
export function recordWrongDistrict(
  c: ExitReportCase,
  consumed: ExitReportCase,
  e: EventOf<'wrong-district'>,
  resent: { to: string | null; messageId: string | null },
  now: number,
  config: ProviderConfig,
): Transition {
  const wrongAddress = c.request?.returnEmail ?? null;
  const how = resent.to
    ? `re-sent by email to ${resent.to}`
    : `to be posted to ${e.correctDistrict} by the clerical route (it went by post)`;
  const detail = `Sent to the wrong District${wrongAddress ? ` (${wrongAddress})` : ''}; ${how}; the wrong District deletes its copy.`;
  const record: ErrorRecord = {
    what: 'wrong-district',
    at: e.recordedAt,
    recordedBy: e.recordedBy,
    detail,
    cycle: c.cycle,
    keepUntil: keepUntil(c, now),
  };
  const notices: ExitReportNoticeIntent[] = [];
  const security = config.provider.dwpSecurityAddress;
  if (security) {
    notices.push({
      intentId: `${c.caseId}:security-incident:${e.id}`,
      kind: 'security-incident',
      to: [security, config.provider.spocLeadAddress],
      facts: {
        wrongAddress,
        correctDistrict: e.correctDistrict,
        resentTo: resent.to,
        sentDate: c.report?.sentDate ?? null,
        recordedBy: e.recordedBy,
      },
    });
  }
  return {
    case: withAudit(withRecord(consumed, record), now, [
      {
        what: 'report sent to the wrong District',
        detail: `${detail} Recorded by ${e.recordedBy}; kept until ${record.keepUntil}; ${security ? 'incident reported to DWP security' : 'no DWP security address configured: report the incident to DWP security yourself'} (para 75).`,
        flag: true,
      },
    ]),
    notices,
    metrics: [],
  };
}

const WITHDRAWAL_GROUNDS_TEXT: Record<WithdrawalGrounds, string> = {
  'sent-in-error': 'the form was sent to us in error; it was destroyed (para 46)',
  'not-designated-inbox': 'the form did not come from the designated District SPoC inbox; it was destroyed (para 46)',
  'wrong-details': "the participant's row had wrong details and was removed from the form (para 49)",
  'other-provider': 'the participant belongs to another provider; the row was removed from the form (para 49)',
};

/** A withdrawn request's event fits the case only while that request (that message, that date) is still open. */
export function withdrawalFits(c: ExitReportCase, e: EventOf<'request-withdrawn'>): boolean {
  return c.request !== null && c.request.messageId === e.messageId && c.request.requestDate === e.requestDate;
}

/**
 * Paras 46–50: the request is withdrawn. Its clock stops (no reminder, breach or send follows from it: the
 * stage's timers are gone, a report submitted for it is flagged), the case awaits a request again (or an ad hoc
 * one after early completion), and the request's event id is forgotten so that the District's corrected form
 * (para 47) is taken even with the same date; with an amended date (para 48) it runs a full new cycle either way.
 */
export function withdrawRequest(
  c: ExitReportCase,
  consumed: ExitReportCase,
  e: EventOf<'request-withdrawn'>,
  now: number,
): Transition {
  const detail = `Request dated ${e.requestDate} (message ${e.messageId}) withdrawn: ${WITHDRAWAL_GROUNDS_TEXT[e.grounds]}. ${e.reason}`;
  const record: ErrorRecord = {
    what: 'request-withdrawn',
    at: e.recordedAt,
    recordedBy: e.recordedBy,
    detail,
    cycle: c.cycle,
    keepUntil: keepUntil(c, now),
  };
  const requestEventId = `request:${e.requestDate}`;
  const next: ExitReportCase = {
    ...withRecord(consumed, record),
    stage: c.earlyCompletion ? 'completed-early' : 'awaiting-request',
    request: null,
    wper3: null,
    deadlines: { ...c.deadlines, exitReport: null, escalation: null },
    appliedEventIds: consumed.appliedEventIds.filter((id) => id !== requestEventId),
  };
  return {
    case: withAudit(next, now, [
      {
        what: 'request withdrawn',
        detail: `${detail} (recorded by ${e.recordedBy}). No reminder, breach or send follows from this request; awaiting the corrected request from the District SPoC (paras 47–48), which starts a full ten working days.`,
        flag: true,
      },
    ]),
    notices: [],
    metrics: [],
  };
}

/** Who made the records the system keeps by itself (para 39's, from the signs of a re-sent request). */
export const AUTOMATIC = 'the system (automatic, para 39)';

/**
 * Para 39: a request that arrived as the re-send of an email never received. The record (kept three months) and
 * its flagged audit line, or null when the request is not a re-send. Staff correct it with a district call.
 */
export function originalNotReceived(
  c: ExitReportCase,
  e: EventOf<'exit-report-request'>,
  now: number,
): { record: ErrorRecord; audit: Omit<AuditEntry, 'at'> } | null {
  if (!e.resent) return null;
  const detail = `The WPER2E dated ${e.requestDate} (message ${e.messageId}) arrived as a re-send: ${e.resent.signals.join('; ')}. For audit: the original email was not received (para 39). The deadline counts from the request date.`;
  return {
    record: {
      what: 'original-not-received',
      at: new Date(now).toISOString(),
      recordedBy: AUTOMATIC,
      detail,
      cycle: c.cycle + 1,
      keepUntil: keepUntil(c, now),
    },
    audit: {
      what: 'original email not received',
      detail: `${detail} Recorded automatically; if the District SPoC says otherwise, record their call (district-call, reason original-received).`,
      flag: true,
    },
  };
}
