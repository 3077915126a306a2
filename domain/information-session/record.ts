import { consumeInboxEvent } from '../lifecycle/plan.ts';
import type { InformationSessionCase, InformationSessionEvent, InformationSessionStage } from './case.ts';
import type { InformationSessionFacts, ParticipantFacts } from './notice-intents.ts';
import type { InformationSessionNoticeIntentOf, InformationSessionNoticeKind, Transition } from './types.ts';

/** What every step of the Information Session lifecycle does to the case record: audit, consume, the facts. */

/** The facts every notice about the participant carries (guidance allows the NINO and the SCR flag). */
export function participantFacts(c: InformationSessionCase): ParticipantFacts {
  return { caseRef: c.caseId, nino: c.referral.nino, scr: c.referral.scr, mandation: c.referral.mandation };
}

const APPLIED_EVENT_MEMORY = 50;

/** The event taken out of the inbox and remembered as applied. */
export function consume(c: InformationSessionCase, event: InformationSessionEvent): InformationSessionCase {
  return consumeInboxEvent(c, event, APPLIED_EVENT_MEMORY);
}

/** A notice about the participant, its id the case's and `key`: a step repeated sends nothing new. */
export function participantNotice<Kind extends InformationSessionNoticeKind>(
  c: InformationSessionCase,
  kind: Kind,
  key: string,
  to: string[],
  facts: InformationSessionFacts[Kind],
): InformationSessionNoticeIntentOf<Kind> {
  return { intentId: `${c.caseId}:${key}`, kind, to, facts: { ...participantFacts(c), ...facts } };
}

/** A step that sends nothing and counts nothing. */
export const NONE: Omit<Transition, 'case'> = { notices: [], metrics: [] };

/** The stages before day 21 ends: a WP11 may still come. */
export const BEFORE_DAY_21: readonly InformationSessionStage[] = ['session-due', 'attended', 'did-not-attend'];
