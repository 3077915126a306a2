import type { RecordKind } from '../../../adapters/store/record-store.ts';
import type { InformationSessionCase, InformationSessionEvent } from '../../../domain/information-session/case.ts';
import {
  applyEvent,
  applyTimer,
  type DueTimer,
  enqueueEvent,
  type InformationSessionConfig,
  type InformationSessionNoticeIntent,
  informationSessionConfigFrom,
  planNextStep,
} from '../../../domain/information-session/lifecycle.ts';
import type { MetricIntent } from '../../../domain/lifecycle/plan.ts';
import { renderInformationSessionNotice } from '../../../domain/notices/information-session-notices.ts';
import type { LifecycleProcess } from '../process.ts';

/** Information Session records: one per referral, found by NINO under their own index key. */
export const informationSessionRecordKind: RecordKind<InformationSessionCase, InformationSessionEvent> = {
  process: 'information-session',
  idPrefix: 'is-',
  index: (c) => ({ gsi1pk: informationSessionIndexKey(c.referral.nino), gsi1sk: `IS#${c.referral.referralDate}` }),
  enqueue: enqueueEvent,
};

export function informationSessionIndexKey(nino: string): string {
  return `IS#NINO#${nino}`;
}

/** The reference a referral is created once under: a repeated import or API call finds the same case. */
export function informationSessionReferenceKey(nino: string, referralDate: string): string {
  return `IS-REFERRAL#${nino}#${referralDate}`;
}

/** The Information Session lifecycle (ch.19) as the workflow's step function drives it. */
export const informationSessionProcess: LifecycleProcess<
  InformationSessionCase,
  InformationSessionEvent,
  InformationSessionConfig,
  InformationSessionNoticeIntent
> = {
  id: 'information-session',
  kind: informationSessionRecordKind,
  configFrom: (provider) => informationSessionConfigFrom(provider, provider.informationSession),
  plan: planNextStep,
  step(record, plan, now, config) {
    if (plan.next === 'timer-due') return applyTimer(record, plan.timer as DueTimer, now, config);
    return applyEvent(record, plan.event as InformationSessionEvent, now, config);
  },
  render: (intent) => renderInformationSessionNotice(intent),
  gauges: (records) => openSessionsByStage(records),
};

/** The stages a gauge counts: what is still open and what it waits for. */
const OPEN_STAGES = ['session-due', 'attended', 'did-not-attend', 'attachment-due', 'cancel-due'] as const;

/**
 * The daily gauge of open Information Session cases by stage (sessions due, awaiting a WP11 after attending or
 * not, attachments due, 'Did Not Start' cancellations awaiting confirmation), over every referral.
 */
export function openSessionsByStage(records: Iterable<InformationSessionCase>): MetricIntent[] {
  const counts = Object.fromEntries(OPEN_STAGES.map((stage) => [stage, 0])) as Record<string, number>;
  for (const c of records) if (c.stage in counts) counts[c.stage] = (counts[c.stage] ?? 0) + 1;
  return OPEN_STAGES.map((stage) => ({
    name: 'InformationSessionsOpen',
    value: counts[stage] ?? 0,
    dimensions: { Stage: stage },
  }));
}
