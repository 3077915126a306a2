import { demoProviderConfig } from '../../domain/config.ts';
import type { InformationSessionCase, InformationSessionEvent } from '../../domain/information-session/case.ts';
import {
  applyEvent,
  applyTimer,
  type DueTimer,
  enqueueEvent,
  type InformationSessionConfig,
  type InformationSessionNoticeIntent,
  informationSessionConfigFrom,
  openInformationSessionCase,
  planNextStep,
} from '../../domain/information-session/lifecycle.ts';
import type { InformationSessionReferral } from '../../domain/information-session/referral.ts';
import type { Nino } from '../../domain/nino.ts';
import { LifecycleDriver, type Sent as SentOf } from '../support/lifecycle-driver.ts';

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

export type Sent = SentOf<InformationSessionNoticeIntent>;

/**
 * Drives a case the way the state machine will: plan, apply, await, in virtual time. No runtime, no storage:
 * what the workflow would do at each moment, from the pure functions alone.
 */
export class Driver extends LifecycleDriver<
  InformationSessionCase,
  InformationSessionEvent,
  InformationSessionConfig,
  InformationSessionNoticeIntent,
  DueTimer
> {
  constructor(r: InformationSessionReferral, openedAt: string, cfg: InformationSessionConfig = config) {
    const now = Date.parse(openedAt);
    const t = openInformationSessionCase('IS-000001', r, now, cfg);
    super({ plan: planNextStep, applyEvent, applyTimer, enqueue: enqueueEvent }, t.case, now, cfg);
    this.take(t);
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
