import * as z from 'zod';
import type { CaseEvent, ExitReportCase } from '../../domain/lifecycle/exit-report-case.ts';
import {
  applyEvent,
  applyTimer,
  consumeEvent,
  type DueTimer,
  flagEvent,
  planNextStep,
  recordReportSent,
  returnSubmissionToCaseworker,
  type Transition,
} from '../../domain/lifecycle/exit-report-lifecycle.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { sendNotices } from '../commons/outbox.ts';
import { handOver } from '../commons/process.ts';
import { type ExitReportSender, NOT_REQUIRED_CLERICALLY } from './exit-report-sender.ts';

/**
 * The workflow's business steps. Thin: validate the task input, load the record, apply a pure transition,
 * save it (optimistic lock), then send the notices it asks for (each at most once) and count the figures.
 */
const PlanInput = z.object({
  action: z.literal('plan'),
  caseId: z.string().min(1),
  generation: z.number().int().nonnegative().default(0),
  executionStartedAt: z.iso.datetime({ offset: true }),
});

const StepInput = z.object({
  action: z.enum([
    'record-exit-report-request',
    'record-wper3-reminder',
    'send-exit-report',
    'record-report-confirmed-sent',
    'return-not-required',
    'record-early-completion',
    'flag-event',
    'timer',
  ]),
  caseId: z.string().min(1),
  generation: z.number().int().nonnegative().default(0),
  plan: z.looseObject({ next: z.string() }),
  executionStartedAt: z.iso.datetime({ offset: true }),
});

export const CaseStepInput = z.discriminatedUnion('action', [PlanInput, StepInput]);
export type CaseStepInput = z.input<typeof CaseStepInput>;

export type CaseStepDeps = CaseHandlerDeps & { exitReports: ExitReportSender };

export function makeCaseStepHandler(deps: CaseStepDeps) {
  return async function caseStep(rawInput: unknown): Promise<unknown> {
    const input = CaseStepInput.parse(rawInput);
    if (input.action === 'plan') {
      const { record } = await deps.cases.get(input.caseId);
      const plan = planNextStep(record, deps.now(), Date.parse(input.executionStartedAt), deps.config);
      return {
        caseId: input.caseId,
        generation: input.generation,
        handOver: handOver(input.caseId, input.generation),
        plan,
      };
    }
    const { record } = await deps.cases.get(input.caseId);
    const transition = await step(deps, record, input.action, input.plan);
    // Notices first, then the record: a step that dies between the two is re-run from the unchanged record and
    // asks for the same notices, which the outbox has claimed (sent once). Saved first, a crash would lose them.
    await sendNotices(deps, transition.notices, transition.case);
    const saved = transition.case === record ? record : await deps.cases.save(transition.case, record.version);
    for (const m of transition.metrics) deps.figures.count(m.name as never, m.value, m.dimensions);
    // The next plan, from the record as just written: the workflow routes on without reading it again.
    const plan = planNextStep(saved, deps.now(), Date.parse(input.executionStartedAt), deps.config);
    return {
      caseId: input.caseId,
      generation: input.generation,
      handOver: handOver(input.caseId, input.generation),
      plan,
    };
  };
}

async function step(
  deps: CaseStepDeps,
  record: ExitReportCase,
  action: z.infer<typeof StepInput>['action'],
  plan: Record<string, unknown>,
): Promise<Transition> {
  const now = deps.now();
  if (action === 'timer') {
    return applyTimer(record, plan.timer as DueTimer, now, deps.config);
  }
  const event = plan.event as CaseEvent;
  if (record.appliedEventIds.includes(event.id)) return { case: record, notices: [], metrics: [] };
  switch (action) {
    case 'flag-event':
      return flagEvent(record, event, now, deps.config);
    case 'send-exit-report':
      return deps.exitReports.sendSubmitted(record, event as Extract<CaseEvent, { type: 'report-submitted' }>);
    case 'return-not-required': {
      if (record.participant.scr || (await deps.continuity()).suspendedSince !== null) {
        return returnSubmissionToCaseworker(
          record,
          event,
          [NOT_REQUIRED_CLERICALLY],
          now,
          'not-required: return by the clerical route',
        );
      }
      const { messageId } = await deps.exitReports.returnNotRequired(record);
      return recordReportSent(
        consumeEvent(record, event),
        { sentAt: new Date(now).toISOString(), route: 'email', notRequired: true, messageId },
        now,
      );
    }
    default:
      return applyEvent(record, event, now, deps.config);
  }
}
