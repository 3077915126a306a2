import type { ComplianceCase, ComplianceEvent } from '../../domain/compliance/case.ts';
import {
  applyEvent,
  applyTimer,
  type ComplianceConfig,
  type ComplianceNoticeIntent,
  enqueueEvent,
  type MetricIntent,
  openComplianceCase,
  type Plan,
  parseComplianceConfig,
  planNextStep,
  type Transition,
} from '../../domain/compliance/lifecycle.ts';
import type { CmoVisit, Esf2aAction } from '../../domain/compliance/visit.ts';
import type { Nino } from '../../domain/nino.ts';

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

export interface Sent {
  at: string;
  notice: ComplianceNoticeIntent;
}

/** Drives a case as the state machine will: plan, apply, await, in virtual time. */
export class Driver {
  c: ComplianceCase;
  now: number;
  startedAt: number;
  sent: Sent[] = [];
  metrics: Array<MetricIntent & { at: string }> = [];
  plans: Plan[] = [];

  constructor(
    v: CmoVisit,
    openedAt: string,
    readonly cfg: ComplianceConfig = config,
  ) {
    this.now = Date.parse(openedAt);
    this.startedAt = this.now;
    this.c = openComplianceCase('CH-000001', v, this.now);
  }

  private step(t: Transition): void {
    this.c = t.case;
    const at = new Date(this.now).toISOString();
    for (const notice of t.notices) {
      if (this.sent.some((s) => s.notice.intentId === notice.intentId))
        throw new Error(`sent twice: ${notice.intentId}`);
      this.sent.push({ at, notice });
    }
    for (const metric of t.metrics) this.metrics.push({ ...metric, at });
  }

  runUntil(iso: string): this {
    const until = Date.parse(iso);
    for (let guard = 0; guard < 10_000; guard++) {
      const plan = planNextStep(this.c, this.now, this.startedAt, this.cfg);
      this.plans.push(plan);
      switch (plan.next) {
        case 'record-event':
          this.step(applyEvent(this.c, plan.event, this.now, this.cfg));
          continue;
        case 'timer-due':
          this.step(applyTimer(this.c, plan.timer, this.now, this.cfg));
          continue;
        case 'continue-as-new':
          this.startedAt = this.now;
          continue;
        case 'end':
          this.now = Math.max(this.now, until);
          return this;
        case 'await': {
          const wake = Date.parse(plan.until);
          if (wake > until) {
            this.now = Math.max(this.now, until);
            return this;
          }
          this.now = wake;
          continue;
        }
      }
    }
    throw new Error('runaway');
  }

  deliver(iso: string, event: ComplianceEvent): this {
    this.runUntil(iso);
    this.c = enqueueEvent(this.c, event).case;
    return this.runUntil(iso);
  }

  kinds(): string[] {
    return this.sent.map((s) => s.notice.kind);
  }

  sentOf(kind: string): Sent[] {
    return this.sent.filter((s) => s.notice.kind === kind);
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
