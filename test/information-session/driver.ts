import { demoProviderConfig } from '../../domain/config.ts';
import type { InformationSessionCase, InformationSessionEvent } from '../../domain/information-session/case.ts';
import {
  applyEvent,
  applyTimer,
  enqueueEvent,
  type InformationSessionConfig,
  type InformationSessionNoticeIntent,
  informationSessionConfigFrom,
  type MetricIntent,
  openInformationSessionCase,
  type Plan,
  planNextStep,
} from '../../domain/information-session/lifecycle.ts';
import type { InformationSessionReferral } from '../../domain/information-session/referral.ts';
import type { Nino } from '../../domain/nino.ts';

export const config: InformationSessionConfig = informationSessionConfigFrom(demoProviderConfig);

export function referral(overrides: Partial<InformationSessionReferral> = {}): InformationSessionReferral {
  return {
    nino: 'JT310101A' as Nino,
    referralDate: '2024-05-20',
    mandation: 'voluntary',
    annotation: 'Work Programme Information Session-Voluntary',
    esaGroup: 'esa-ir-support-group',
    esaGroupText: 'ESA (IR) Support Group',
    division: 'england-and-wales',
    scr: false,
    caseworkerEmail: 'is-team@provider.example',
    ...overrides,
  };
}

export interface Sent {
  at: string;
  notice: InformationSessionNoticeIntent;
}

/**
 * Drives a case the way the state machine will: plan, apply, await, in virtual time. No runtime, no storage:
 * what the workflow would do at each moment, from the pure functions alone.
 */
export class Driver {
  c: InformationSessionCase;
  now: number;
  startedAt: number;
  sent: Sent[] = [];
  metrics: Array<MetricIntent & { at: string }> = [];
  plans: Plan[] = [];

  constructor(
    r: InformationSessionReferral,
    openedAt: string,
    readonly cfg: InformationSessionConfig = config,
  ) {
    this.now = Date.parse(openedAt);
    this.startedAt = this.now;
    const t = openInformationSessionCase('IS-000001', r, this.now, cfg);
    this.c = t.case;
    this.take(t);
  }

  private take(t: { notices: InformationSessionNoticeIntent[]; metrics: MetricIntent[] }): void {
    const at = new Date(this.now).toISOString();
    for (const notice of t.notices) {
      if (this.sent.some((s) => s.notice.intentId === notice.intentId))
        throw new Error(`sent twice: ${notice.intentId}`);
      this.sent.push({ at, notice });
    }
    for (const metric of t.metrics) this.metrics.push({ ...metric, at });
  }

  /** Runs every step due up to `iso` and leaves the clock there. */
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

  private step(t: {
    case: InformationSessionCase;
    notices: InformationSessionNoticeIntent[];
    metrics: MetricIntent[];
  }) {
    this.c = { ...t.case, version: t.case.version + 1 };
    this.take(t);
  }

  /** Delivers an event at a time (the steps due before it run first). */
  deliver(iso: string, event: InformationSessionEvent): this {
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

  metricCount(name: string, dimensions?: Record<string, string>): number {
    return this.metrics
      .filter((m) => m.name === name && (!dimensions || JSON.stringify(m.dimensions) === JSON.stringify(dimensions)))
      .reduce((sum, m) => sum + m.value, 0);
  }
}

let seq = 0;
const by = 'caseworker1@provider.example';

export const ev = {
  arranged: (sessionDate: string, at: string): InformationSessionEvent => ({
    id: `arranged-${++seq}`,
    type: 'session-arranged',
    sessionDate,
    recordedBy: by,
    recordedAt: at,
  }),
  attended: (sessionDate: string, at: string): InformationSessionEvent => ({
    id: `outcome-${++seq}`,
    type: 'session-outcome',
    outcome: 'attended',
    sessionDate,
    recordedBy: by,
    recordedAt: at,
  }),
  dna: (sessionDate: string, at: string): InformationSessionEvent => ({
    id: `outcome-${++seq}`,
    type: 'session-outcome',
    outcome: 'did-not-attend',
    sessionDate,
    recordedBy: by,
    recordedAt: at,
  }),
  jcpNotified: (notifiedOn: string, at: string): InformationSessionEvent => ({
    id: `jcp-${++seq}`,
    type: 'jcp-dna-notified',
    notifiedOn,
    route: 'phone to the Jobcentre Plus work coach',
    confirmedBy: by,
    recordedAt: at,
  }),
  wp11: (receivedAt: string): InformationSessionEvent => ({
    id: `wp11-${++seq}`,
    type: 'wp11-received',
    receivedAt,
    messageId: `<wp11-${seq}@jcp.example>`,
    wp11: { interviewDate: null, formDate: null },
  }),
  cancelled: (cancelledOn: string, at: string): InformationSessionEvent => ({
    id: `cancel-${++seq}`,
    type: 'prap-cancelled',
    cancelledOn,
    confirmedBy: by,
    recordedAt: at,
  }),
  attached: (
    attachedOn: string,
    at: string,
    referralType: 'work-programme' | 'information-session' = 'work-programme',
  ): InformationSessionEvent => ({
    id: `attach-${++seq}`,
    type: 'attachment-recorded',
    referralType,
    attachedOn,
    recordedBy: by,
    recordedAt: at,
  }),
  backedOut: (backedOutOn: string, at: string): InformationSessionEvent => ({
    id: `backout-${++seq}`,
    type: 'attachment-backed-out',
    backedOutOn,
    recordedBy: by,
    recordedAt: at,
  }),
};
