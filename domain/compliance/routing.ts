import {
  COMPLIANCE_EVENT_NAMES,
  COMPLIANCE_STAGE_WORDS,
  type ComplianceCase,
  type ComplianceEvent,
  type ComplianceStage,
} from './case.ts';
import type { ComplianceConfig } from './config.ts';
import { consume, transition, visitFacts, withAudit } from './record.ts';
import type { EventRoute, Transition } from './types.ts';

const ACTIVE: readonly ComplianceStage[] = ['evidence-window', 'provider-action', 'awaiting-pm-review'];

/** Where an event goes in the case's stage; 'flag' when it does not fit (recorded in the audit, not dropped). */
export function routeEvent(c: ComplianceCase, event: ComplianceEvent): EventRoute {
  const known = 'reference' in event ? c.actions.some((a) => a.reference === event.reference) : true;
  if (!known) return 'flag';
  switch (event.type) {
    case 'evidence-recorded':
      return c.stage === 'closed' || c.stage === 'awaiting-esf3' ? 'flag' : 'record-evidence';
    case 'progress-note':
      return 'record-progress-note';
    case 'provider-resolved':
      return ACTIVE.includes(c.stage) ? 'record-provider-resolved' : 'flag';
    case 'cmo-handover':
      return c.handover === null && ACTIVE.includes(c.stage) ? 'record-cmo-handover' : 'flag';
    case 'esf3-received':
      return c.esf3.receivedDate === null && c.stage !== 'closed' ? 'record-esf3' : 'flag';
    case 'pm-visit-arranged':
      return c.stage === 'provider-action' || c.stage === 'awaiting-pm-review' ? 'record-pm-visit' : 'flag';
    case 'pm-review':
      return c.stage === 'provider-action' || c.stage === 'awaiting-pm-review' ? 'record-pm-review' : 'flag';
  }
}

/** Why an event would be kept but not acted on where the visit stands now, or null if it would be acted on. */
export function whyNotActedOn(c: ComplianceCase, event: ComplianceEvent): string | null {
  if (routeEvent(c, event) !== 'flag') return null;
  const unknown = 'reference' in event && !c.actions.some((a) => a.reference === event.reference);
  return unknown
    ? `${COMPLIANCE_EVENT_NAMES[event.type]} for ESF2a ${JSON.stringify(event.reference)} was recorded, but visit ${c.visit.visitRef} has no ESF2a with that reference: nothing was recorded. Check the reference and record it again.`
    : `${COMPLIANCE_EVENT_NAMES[event.type]} was recorded, but it does not fit where the visit stands (${COMPLIANCE_STAGE_WORDS[c.stage]}): nothing was changed. Check the visit's record, and tell the compliance lead if it needs correcting.`;
}

/** An event that does not fit: kept in the audit, flagged to the compliance lead, never dropped. */
export function flagged(
  c: ComplianceCase,
  event: ComplianceEvent,
  now: number,
  detail: string,
  config: ComplianceConfig,
): Transition {
  const next = withAudit(consume(c, event), now, [{ what: `${event.type} flagged`, detail, flag: true }]);
  return transition(next, [
    {
      intentId: `${c.caseId}:flag:${event.id}`,
      kind: 'event-flagged',
      to: config.recipients,
      facts: { visit: visitFacts(c), event: event.type, detail },
    },
  ]);
}
