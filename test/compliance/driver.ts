import type { ComplianceCase, ComplianceEvent } from '../../domain/compliance/case.ts';
import {
  applyEvent,
  applyTimer,
  type ComplianceConfig,
  type ComplianceNoticeIntent,
  type DueTimer,
  enqueueEvent,
  openComplianceCase,
  parseComplianceConfig,
  planNextStep,
  type Transition,
} from '../../domain/compliance/lifecycle.ts';
import type { CmoVisit, Esf2aAction } from '../../domain/compliance/visit.ts';
import type { Nino } from '../../domain/nino.ts';
import { LifecycleDriver, type Sent as SentOf } from '../support/lifecycle-driver.ts';

export const config: ComplianceConfig = parseComplianceConfig({
  recipients: ['compliance-lead@provider.example'],
  cprRecipients: ['contract-manager@provider.example'],
});

const PREFIXES = ['JK', 'ME', 'PR', 'SW'];

export function actions(n: number): Esf2aAction[] {
  return Array.from({ length: n }, (_, i) => ({
    reference: `ESF2a-${String(i + 1).padStart(2, '0')}`,
    nino: `${PREFIXES[i % 4]}${String(100000 + i)}${'ABCD'[i % 4]}` as Nino,
    issue: `Issue ${i + 1}: evidence not seen by the CMO`,
    flags: [],
  }));
}

export function visit(overrides: Partial<CmoVisit> & { n?: number } = {}): CmoVisit {
  const { n = 3, ...rest } = overrides;
  const visitDate = rest.visitDate ?? '2014-03-14';
  const endTime = rest.endTime ?? '16:30';
  return {
    visitRef: 'V-TEST',
    contract: 'CPA 99 Example North',
    division: 'england-and-wales',
    visitDate,
    endTime,
    endsAtLocal: `${visitDate}T${endTime}`,
    actions: actions(n),
    ...rest,
  };
}

export type Sent = SentOf<ComplianceNoticeIntent>;

/** Drives a case as the state machine will: plan, apply, await, in virtual time. */
export class Driver extends LifecycleDriver<
  ComplianceCase,
  ComplianceEvent,
  ComplianceConfig,
  ComplianceNoticeIntent,
  DueTimer
> {
  constructor(v: CmoVisit, openedAt: string, cfg: ComplianceConfig = config) {
    const now = Date.parse(openedAt);
    super(
      { plan: planNextStep, applyEvent, applyTimer, enqueue: enqueueEvent },
      openComplianceCase('CH-000001', v, now),
      now,
      cfg,
    );
  }

  /** The compliance transitions count their own versions (withAudit): keep the case as it comes. */
  protected override step(t: Transition): void {
    this.c = t.case;
    this.take(t);
  }

  status(reference: string): string | undefined {
    return this.c.actions.find((a) => a.reference === reference)?.status;
  }

  /** The last value of a metric. */
  lastMetric(name: string, dimensions?: Record<string, string>): number | undefined {
    const found = this.metrics.filter(
      (m) => m.name === name && (!dimensions || Object.entries(dimensions).every(([k, v]) => m.dimensions?.[k] === v)),
    );
    return found.at(-1)?.value;
  }
}

let seq = 0;
export function id(): string {
  seq += 1;
  return `ev-${seq}`;
}
