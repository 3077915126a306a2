/**
 * The same N participants as bench/lifecycle-run.ts through the same two years, from the Exit Report lifecycle's
 * pure functions alone: open, plan, apply timers and events, the report's content check and its recording as
 * sent, in virtual time; no engine, no store, no mail. What the rules themselves cost, for the ratio beside the
 * local runtime's time (issue 17: the system was above 100× its own rules).
 */
import { demoProviderConfig } from '../domain/config.ts';
import type { CaseEvent, ExitReportCase, Participant } from '../domain/exit-report/case.ts';
import {
  applyEvent,
  applyTimer,
  consumeEvent,
  type DueTimer,
  enqueueEvent,
  flagEvent,
  openExitReportCase,
  planNextStep,
  recordReportSent,
} from '../domain/exit-report/lifecycle.ts';
import { lifecycleScenario } from './lifecycle-run.ts';
import { plainMailWiring } from './plain-wiring.ts';

// The same content check as the runtime's bench run (plainMailWiring's one-line stand-in).
const checkReport = plainMailWiring().checkReport;

type Step = ReturnType<typeof applyEvent>;

/** Runs one case's steps due up to `until` (ms), as the workflow would; returns the number of transitions. */
function runUntil(state: { c: ExitReportCase; now: number; startedAt: number }, until: number): number {
  let steps = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const plan = planNextStep(state.c, state.now, state.startedAt, demoProviderConfig);
    let t: Step | undefined;
    if (plan.next === 'timer-due') t = applyTimer(state.c, plan.timer as DueTimer, state.now, demoProviderConfig);
    else if (plan.next === 'record-event') {
      const event = plan.event as CaseEvent;
      if (plan.route === 'flag') t = flagEvent(state.c, event, state.now, demoProviderConfig);
      else if (plan.route === 'send-exit-report') {
        const check = checkReport(REPORT, { scr: state.c.participant.scr });
        if (!check.ok) throw new Error(`pure lifecycle: the bench report failed its check: ${check.problems}`);
        const sentAt = new Date(state.now).toISOString();
        t = recordReportSent(
          consumeEvent(state.c, event),
          { sentAt, route: 'email', notRequired: false, messageId: '<pure@bench>' },
          state.now,
        );
      } else t = applyEvent(state.c, event, state.now, demoProviderConfig);
    } else if (plan.next === 'continue-as-new') {
      state.startedAt = state.now;
      continue;
    } else if (plan.next === 'await') {
      const wake = Date.parse(plan.until);
      if (wake > until) break;
      state.now = wake;
      continue;
    } else break;
    state.c = { ...t.case, version: t.case.version + 1 };
    steps++;
  }
  state.now = Math.max(state.now, until);
  return steps;
}

const REPORT = {
  firstName: 'Sam',
  surname: 'Example',
  nino: 'WP100000A',
  participantDetails: 'Sam Example WP100000A',
  summary: 'Completed a CV workshop and two work trials.',
  workAndReasons: 'Four weeks of work experience in retail.',
  nextSteps: 'Sector-based work academy in logistics.',
  furtherInformation: null,
  notRequired: false,
};

/** Every participant of the bench scenario to its end; returns the time taken and how many closed with a report. */
export function runPureLifecycles(count: number): { seconds: number; closedReportSent: number; steps: number } {
  const scenario = lifecycleScenario(count);
  const eventsOf = new Map<string, typeof scenario.events>();
  for (const e of scenario.events) {
    const ref = (e as { participant: string }).participant;
    eventsOf.set(ref, [...(eventsOf.get(ref) ?? []), e]);
  }
  const start = performance.now();
  const end = Date.parse(scenario.end);
  let closed = 0;
  let steps = 0;
  for (const [n, p] of scenario.participants.entries()) {
    const opened = Date.parse(scenario.start);
    const participant: Participant = {
      nino: p.nino,
      referralDate: p.referralDate,
      division: 'england-and-wales',
      contract: 'CPA-18-0001',
      scr: false,
      subContractor: null,
      caseworkerEmail: p.caseworkerEmail,
    };
    const state = {
      c: openExitReportCase(`er-pure-${n}`, participant, opened, demoProviderConfig),
      now: opened,
      startedAt: opened,
    };
    for (const [i, e] of (eventsOf.get(p.ref) ?? []).entries()) {
      steps += runUntil(state, Date.parse(e.at));
      const event: CaseEvent =
        e.type === 'exit-report-request'
          ? {
              id: `request:${e.requestDate}`,
              type: e.type,
              form: 'WPER2E',
              requestDate: e.requestDate,
              receivedAt: e.at,
              messageId: `<${n}-${i}@pure>`,
              returnEmail: null,
              printedDeadline: null,
            }
          : {
              id: `${n}-${i}`,
              type: 'report-submitted',
              submittedAt: e.at,
              messageId: `<${n}-${i}@pure>`,
              submissionKey: `SUBMISSION#${n}-${i}`,
            };
      state.c = enqueueEvent(state.c, event).case;
      steps += runUntil(state, Date.parse(e.at));
    }
    steps += runUntil(state, end);
    if (state.c.stage === 'closed' && state.c.closedReason === 'report-sent') closed++;
  }
  return { seconds: (performance.now() - start) / 1000, closedReportSent: closed, steps };
}
