import type { MetricIntent } from '../lifecycle/plan.ts';
import { appendAudit, isoInstant } from '../lifecycle/record.ts';
import type { AuditEntry, InformationSessionCase, InformationSessionStage, SessionRecord } from './case.ts';
import { INFORMATION_SESSION_METRICS, type InformationSessionConfig } from './config.ts';
import { consume, participantNotice } from './record.ts';
import type { RoutedEvents, Transition } from './types.ts';

/**
 * A session outcome recorded: attended waits for a WP11 (para 5); a missed voluntary session is not told to
 * Jobcentre Plus (para 6); a missed mandated one is, through the locally agreed route, and chased until confirmed.
 */
export function recordOutcome(
  c: InformationSessionCase,
  e: RoutedEvents['record-session-outcome'],
  now: number,
  config: InformationSessionConfig,
): Transition {
  const d = c.deadlines;
  const sessions = [...c.sessions];
  const open = sessions.findIndex((s) => s.outcome === null && s.date === e.sessionDate);
  const record: SessionRecord = {
    date: e.sessionDate,
    rearranged: sessions.length > 0 && open !== 0,
    outcome: e.outcome,
    recordedAt: e.recordedAt,
  };
  if (open >= 0)
    sessions[open] = { ...(sessions[open] as SessionRecord), outcome: e.outcome, recordedAt: e.recordedAt };
  else sessions.push(record);
  const afterDay21 = c.stage === 'cancel-due';
  const base: InformationSessionCase = { ...consume(c, e), sessions };
  const mandated = c.referral.mandation === 'mandatory';
  if (e.outcome === 'attended') {
    const entries: Omit<AuditEntry, 'at'>[] = [
      {
        what: 'session attended',
        detail: `Attended ${e.sessionDate} (recorded by ${e.recordedBy}). ${
          afterDay21
            ? `After day 21 (${d.wp11Window.due}): the referral is still to be cancelled as 'Did Not Start'; if the participant wants to join, Jobcentre Plus makes a Work Programme referral (para 9).`
            : `No further activity until a WP11 arrives or day 21 ends (${d.wp11Window.due}) (para 5).`
        }`,
      },
    ];
    if (e.sessionDate > d.session.due) {
      entries.push({
        what: 'session after day 15',
        detail: `Held ${e.sessionDate}, after the 15-day date ${d.session.due}.`,
        flag: sessions.every((s) => !s.rearranged) || undefined,
      });
    }
    return {
      case: appendAudit({ ...base, stage: afterDay21 ? 'cancel-due' : 'attended' }, now, entries),
      notices: [],
      metrics: [{ name: INFORMATION_SESSION_METRICS.attended, value: 1 }],
    };
  }
  const metrics: MetricIntent[] = [
    { name: INFORMATION_SESSION_METRICS.notAttended, value: 1, dimensions: { Mandation: c.referral.mandation } },
  ];
  const stage: InformationSessionStage = afterDay21 ? 'cancel-due' : 'did-not-attend';
  if (!mandated) {
    return {
      case: appendAudit({ ...base, stage }, now, [
        {
          what: 'session not attended (voluntary)',
          detail: `Missed ${e.sessionDate}. Voluntary: Jobcentre Plus is not told; it is picked up at their follow-up interview (para 6). The referral is cancelled after day 21 (${d.wp11Window.due}) unless a WP11 arrives.`,
        },
      ]),
      notices: [],
      metrics,
    };
  }
  const index = c.dnaNotices.length;
  const dnaNotices = [
    ...c.dnaNotices,
    { sessionDate: e.sessionDate, taskAt: isoInstant(now), notifiedOn: null, route: null },
  ];
  metrics.push({ name: INFORMATION_SESSION_METRICS.dnaNoticeTasks, value: 1 });
  return {
    case: appendAudit({ ...base, stage, dnaNotices }, now, [
      {
        what: 'session not attended (mandated): tell Jobcentre Plus',
        detail: `Missed ${e.sessionDate}. Jobcentre Plus must be told through the locally agreed route: without this notice Jobcentre Plus cannot pursue sanction activity.${c.mandationCheck.ok ? '' : ' The mandation was queried at referral (Annex A): say so when telling them.'}`,
        flag: true,
      },
    ]),
    notices: [
      participantNotice(c, 'dna-notify-jcp', `dna-notify-jcp-${index}`, [c.caseworkerEmail, config.spocLeadAddress], {
        sessionDate: e.sessionDate,
        referralDate: c.referral.referralDate,
        wp11Window: d.wp11Window,
        mandationQueried: !c.mandationCheck.ok,
        mandationMessage: c.mandationCheck.ok ? null : c.mandationCheck.message,
      }),
    ],
    metrics,
  };
}
