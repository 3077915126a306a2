import type { RecordKind } from '../../../adapters/store/record-store.ts';
import type { ComplianceCase, ComplianceEvent } from '../../../domain/compliance/case.ts';
import {
  applyEvent,
  applyTimer,
  type ComplianceConfig,
  type ComplianceNoticeIntent,
  complianceFigures,
  type DueTimer,
  enqueueEvent,
  parseComplianceConfig,
  planNextStep,
  type Transition,
} from '../../../domain/compliance/lifecycle.ts';
import type { ProviderConfig } from '../../../domain/config.ts';
import type { MetricIntent } from '../../../domain/lifecycle/plan.ts';
import { complianceNotice } from '../../../domain/notices/compliance-notices.ts';
import type { LifecycleProcess } from '../process.ts';

/** Compliance visits: one record per CMO visit, found by the visit's reference. */
export const complianceRecordKind: RecordKind<ComplianceCase, ComplianceEvent> = {
  process: 'compliance',
  idPrefix: 'cv-',
  index: (c) => ({ gsi1pk: complianceIndexKey(c.visit.visitRef), gsi1sk: `CV#${c.visit.visitDate}` }),
  enqueue: enqueueEvent,
};

export function complianceIndexKey(visitRef: string): string {
  return `CMO#VISIT#${visitRef}`;
}

/** The reference a visit is created once under: a repeated import finds the same case. */
export function complianceReferenceKey(contract: string, visitRef: string): string {
  return `CMO-VISIT#${contract}#${visitRef}`;
}

export function complianceConfigFrom(provider: ProviderConfig): ComplianceConfig {
  return parseComplianceConfig({
    recipients: [provider.provider.spocLeadAddress],
    cprRecipients: [provider.provider.contractManagerAddress],
    noticeTime: provider.noticeTime,
    ...provider.compliance,
  });
}

/**
 * What the dashboard counts from a step: the actions newly selected for the PM, resolved at review and escalated
 * to the Contract Performance Review (differences, so a sum over time is true). Open actions by deadline are a
 * gauge: the status run counts them from the records.
 */
export function complianceCounters(before: ComplianceCase, after: ComplianceCase): MetricIntent[] {
  const b = complianceFigures(before);
  const a = complianceFigures(after);
  const counters: MetricIntent[] = [];
  const delta = (name: string, value: number) => {
    // No contract dimension: the dashboard shows the provider's totals (CloudWatch matches exact dimension sets).
    if (value > 0) counters.push({ name, value });
  };
  delta('Esf2aSelectedForPm', a.selectedForPm - b.selectedForPm);
  delta('Esf2aResolvedAtPmReview', a.resolved - b.resolved);
  delta('Esf2aEscalatedToCpr', a.escalatedToCpr - b.escalatedToCpr);
  return counters;
}

/** The gauge of open ESF2a actions by the deadline they are working to, over every visit. */
export function openActionsByDeadline(records: Iterable<ComplianceCase>): MetricIntent[] {
  const totals = { 'evidence-window': 0, 'provider-action': 0, 'pm-review': 0 };
  for (const c of records) {
    const f = complianceFigures(c).openByDeadline;
    for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += f[k];
  }
  return Object.entries(totals).map(([deadline, value]) => ({
    name: 'OpenEsf2aActions',
    value,
    dimensions: { Deadline: deadline },
  }));
}

function withCounters(before: ComplianceCase, t: Transition): Transition {
  return { ...t, metrics: t.case === before ? [] : complianceCounters(before, t.case) };
}

/** The compliance handover (memo 147) as the workflow's step function drives it. */
export const complianceProcess: LifecycleProcess<
  ComplianceCase,
  ComplianceEvent,
  ComplianceConfig,
  ComplianceNoticeIntent
> = {
  id: 'compliance',
  kind: complianceRecordKind,
  configFrom: complianceConfigFrom,
  plan: planNextStep,
  step(record, plan, now, config) {
    if (plan.next === 'timer-due') return withCounters(record, applyTimer(record, plan.timer as DueTimer, now, config));
    return withCounters(record, applyEvent(record, plan.event as ComplianceEvent, now, config));
  },
  render: (intent) => complianceNotice(intent),
  gauges: (records) => openActionsByDeadline(records),
};
