import { londonInstant } from '../../domain/calendar/london.ts';
import type { CaseEvent } from '../../domain/exit-report/case.ts';
import { clericalRequestEvent } from '../../domain/exit-report/clerical.ts';
import type { InformationSessionEvent } from '../../domain/information-session/case.ts';
import { maskNino, type Nino, parseNino } from '../../domain/nino.ts';
import { complianceProcess } from '../../functions/commons/processes/compliance.ts';
import { informationSessionProcess } from '../../functions/commons/processes/information-session.ts';
import { complianceDeps, complianceEventOf, recordCmoVisit } from '../../functions/staff-action/compliance-actions.ts';
import {
  informationSessionDeps,
  referInformationSession,
  referralOf,
  sessionEventOf,
} from '../../functions/staff-action/information-session-actions.ts';
import type { LocalSystem } from '../runtime/system.ts';
import type { Scenario, ScenarioEvent } from './scenario.ts';

/** One thing that happens at an instant of the scenario: a delivery, a referral, a staff action. */
export interface TimelineStep {
  at: string;
  label: string;
  run: () => Promise<void>;
}

/** The scenario's references (participant, referral, visit) and the case ids they were opened as, both ways. */
export class CaseRefs {
  readonly caseIdsByRef = new Map<string, string>();
  readonly refsByCaseId = new Map<string, string>();

  link(ref: string, caseId: string): void {
    this.caseIdsByRef.set(ref, caseId);
    this.refsByCaseId.set(caseId, ref);
  }

  caseIdOf(ref: string): string {
    return this.caseIdsByRef.get(ref) as string;
  }
}

/** What every step builder works on: the scenario, the running system, the references opened so far. */
export interface TimelineContext {
  scenario: Scenario;
  system: LocalSystem;
  refs: CaseRefs;
}

type EventOfType<K extends ScenarioEvent['type']> = Extract<ScenarioEvent, { type: K }>;

/** One function per kind of scenario event, making the case event it delivers: a missing kind does not compile. */
const CASE_EVENTS: { [K in ScenarioEvent['type']]: (e: EventOfType<K>, id: string) => CaseEvent } = {
  'exit-report-request': (e, id) => ({
    id: `request:${e.requestDate}`,
    type: e.type,
    form: e.form,
    requestDate: e.requestDate,
    receivedAt: e.at,
    messageId: `<${id}@scenario>`,
    returnEmail: e.returnEmail,
    printedDeadline: e.printedDeadline,
  }),
  'clerical-request': (e) => clericalRequestEvent({ ...e, recordedAt: e.at }),
  'wrong-district': (e) => ({
    id: `wrong-district:${e.correctDistrict}`,
    type: e.type,
    correctDistrict: e.correctDistrict,
    correctReturnEmail: e.correctReturnEmail,
    recordedBy: e.recordedBy,
    recordedAt: e.at,
  }),
  'wper3-reminder': (e, id) => ({
    id: `wper3:${e.reminderDate}`,
    type: e.type,
    reminderDate: e.reminderDate,
    receivedAt: e.at,
    messageId: `<${id}@scenario>`,
  }),
  'report-submitted': (e, id) => ({
    id,
    type: e.type,
    submittedAt: e.at,
    messageId: `<${id}@scenario>`,
    submissionKey: `SUBMISSION#${id}`,
  }),
  'report-confirmed-sent': (e, id) => ({
    id,
    type: e.type,
    sentDate: e.sentDate,
    confirmedBy: e.confirmedBy,
    recordedAt: e.at,
  }),
  'not-required': (e, id) => ({ id, type: e.type, receivedAt: e.at, messageId: `<${id}@scenario>` }),
  'early-completion': (e, id) => ({ id, type: e.type, reason: e.reason, date: e.date, recordedAt: e.at }),
};

function toCaseEvent<K extends ScenarioEvent['type']>(e: EventOfType<K>, id: string): CaseEvent {
  return (CASE_EVENTS[e.type as K] as (e: EventOfType<K>, id: string) => CaseEvent)(e, id);
}

/** The Exit Report events, in the scenario's time order (equal instants keep their order: the sort is stable). */
export function exitReportSteps({ scenario, system, refs }: TimelineContext): TimelineStep[] {
  const events = [...scenario.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return events.map((e, index) => ({
    at: e.at,
    label: `${e.participant}  ${e.type}${e.type === 'exit-report-request' && e.repeat ? ' (delivered twice)' : ''}`,
    run: async () => {
      const caseId = refs.caseIdOf(e.participant);
      const id = `${e.participant}-${index}`;
      const event = toCaseEvent(e, id);
      if (e.type === 'report-submitted') {
        await system.cases.putCaseAttachment(
          caseId,
          `SUBMISSION#${id}`,
          { document: e.report },
          Math.floor(Date.parse(e.at) / 1000) + 100 * 86_400,
        );
      }
      await system.deliver(caseId, event);
      if (e.type === 'exit-report-request' && e.repeat) await system.deliver(caseId, event);
    },
  }));
}

/** Information Session referrals (on their referral date, not before the start) and what happens on them. */
export function informationSessionSteps({ scenario, system, refs }: TimelineContext): TimelineStep[] {
  const sessions = informationSessionDeps(system.deps);
  const { referrals, events } = scenario.informationSessions;
  const steps: TimelineStep[] = referrals.map((r) => ({
    at: new Date(Math.max(Date.parse(`${r.referralDate}T09:00:00Z`), Date.parse(scenario.start))).toISOString(),
    label: `${r.ref}  Information Session referral (${r.mandation})`,
    run: async () => {
      const { caseId } = await referInformationSession(sessions, referralOf({ ...r, nino: parseNinoOrThrow(r.nino) }));
      refs.link(r.ref, caseId);
    },
  }));
  for (const [index, e] of events.entries()) {
    steps.push({
      at: e.at,
      label: `${e.referral}  ${e.fact.type}`,
      run: async () => {
        const event: InformationSessionEvent =
          e.fact.type === 'wp11-received'
            ? {
                id: `wp11:<${e.referral}-${index}@scenario>`,
                type: 'wp11-received',
                receivedAt: e.at,
                messageId: `<${e.referral}-${index}@scenario>`,
                wp11: { interviewDate: null, formDate: null },
              }
            : sessionEventOf(e.fact, e.at);
        await system.deliverTo(informationSessionProcess, refs.caseIdOf(e.referral), event);
      },
    });
  }
  return steps;
}

/** CMO visits (recorded when the visit ends) and what happens on them. */
export function complianceSteps({ scenario, system, refs }: TimelineContext): TimelineStep[] {
  const compliance = complianceDeps(system.deps);
  const { visits, events } = scenario.complianceVisits;
  const steps: TimelineStep[] = visits.map((v) => ({
    at: londonInstant(v.visitDate, v.endTime),
    label: `${v.ref}  CMO visit ${v.visitRef}: ${v.actions.length} ESF2a`,
    run: async () => {
      const { caseId } = await recordCmoVisit(compliance, {
        visitRef: v.visitRef,
        contract: v.contract,
        division: v.division,
        visitDate: v.visitDate,
        endTime: v.endTime,
        endsAtLocal: `${v.visitDate}T${v.endTime}`,
        actions: v.actions.map((a) => ({
          reference: a.reference,
          nino: a.nino === null ? null : parseNinoOrThrow(a.nino),
          issue: a.issue,
          flags: [],
        })),
      });
      refs.link(v.ref, caseId);
    },
  }));
  for (const e of events) {
    steps.push({
      at: e.at,
      label: `${e.visit}  ${e.fact.type}`,
      run: async () => {
        await system.deliverTo(complianceProcess, refs.caseIdOf(e.visit), complianceEventOf(e.fact, e.at));
      },
    });
  }
  return steps;
}

function parseNinoOrThrow(text: string): Nino {
  const parsed = parseNino(text);
  if (!parsed.ok) throw new Error(`Scenario NINO ${maskNino(text)}: ${parsed.reason}`);
  return parsed.nino;
}
