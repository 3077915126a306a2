import { exitReportRecordKind } from '../../../adapters/store/exit-report-records.ts';
import type { ProviderConfig } from '../../../domain/config.ts';
import type { CaseEvent, ExitReportCase } from '../../../domain/exit-report/case.ts';
import {
  applyEvent,
  applyTimer,
  consumeEvent,
  type DueTimer,
  type EventRoute,
  type ExitReportNoticeIntent,
  flagEvent,
  planNextStep,
  recordReportSent,
  returnSubmissionToCaseworker,
} from '../../../domain/exit-report/lifecycle.ts';
import { renderExitReportNotice } from '../../../domain/notices/exit-report-notices.ts';
import type { NoticeRenderer } from '../deps.ts';
import type { LifecycleProcess, ProcessDeps } from '../process.ts';
import {
  type CheckExitReport,
  type ComposeExitReport,
  makeExitReportSender,
  NOT_REQUIRED_CLERICALLY,
} from './exit-report-sender.ts';

export type ExitReportProcess = LifecycleProcess<ExitReportCase, CaseEvent, ProviderConfig, ExitReportNoticeIntent>;

/** What sending a report needs: the content check and the MIME builder; and, in tests, a simpler renderer. */
export interface ExitReportTools {
  checkReport: CheckExitReport;
  composeExitReport: ComposeExitReport;
  /** Renders the lifecycle's notices; the plain-English notices (domain/notices) if omitted. */
  renderNotice?: NoticeRenderer;
}

type Deps = ProcessDeps<ExitReportCase, CaseEvent>;

/** Checks the submitted report and sends it (or returns it to the caseworker with the reasons). */
function sendExitReport(tools: ExitReportTools, deps: Deps, record: ExitReportCase, event: CaseEvent) {
  return makeExitReportSender({ ...deps, ...tools }).sendSubmitted(
    record,
    event as Extract<CaseEvent, { type: 'report-submitted' }>,
  );
}

/** 'No longer required': the report goes back marked 'not appropriate' (para 82), by email unless it cannot. */
async function returnNotRequired(tools: ExitReportTools, deps: Deps, record: ExitReportCase, event: CaseEvent) {
  const now = deps.now();
  if (record.participant.scr || (await deps.continuity()).suspendedSince !== null) {
    return returnSubmissionToCaseworker(
      record,
      event,
      [NOT_REQUIRED_CLERICALLY],
      now,
      'not-required: return by the clerical route',
    );
  }
  const { messageId } = await makeExitReportSender({ ...deps, ...tools }).returnNotRequired(record);
  return recordReportSent(
    consumeEvent(record, event),
    { sentAt: new Date(now).toISOString(), route: 'email', notRequired: true, messageId },
    now,
  );
}

/**
 * The Exit Report lifecycle (CPA 18 ch.10, memo 115) as its workflow's step function drives it, with the tools
 * that send reports. Without tools (`exitReportProcess`) it plans, opens, restarts and renders, and refuses the
 * two steps that send a report: only the exit-report-step function (and the local runtime) send.
 */
export function makeExitReportProcess(tools: ExitReportTools | null): ExitReportProcess {
  const render = tools?.renderNotice ?? renderExitReportNotice;
  return {
    id: 'exit-report',
    kind: exitReportRecordKind,
    configFrom: (provider) => provider,
    plan: planNextStep,
    step(record, plan, now, config, deps) {
      if (plan.next === 'timer-due') return applyTimer(record, plan.timer as DueTimer, now, config);
      const event = plan.event as CaseEvent;
      const route = plan.route as EventRoute;
      if (route === 'flag') return flagEvent(record, event, now, config);
      if (route === 'send-exit-report' || route === 'return-not-required' || route === 'resend-to-correct-district') {
        if (!tools) throw new Error(`The ${route} step is run by the exit-report-step function`);
        if (route === 'resend-to-correct-district') {
          return makeExitReportSender({ ...deps, ...tools }).resendToDistrict(
            record,
            event as Extract<CaseEvent, { type: 'wrong-district' }>,
          );
        }
        return route === 'send-exit-report'
          ? sendExitReport(tools, deps, record, event)
          : returnNotRequired(tools, deps, record, event);
      }
      return applyEvent(record, event, now, config);
    },
    render: (intent, provider, record) => render(intent, provider, record),
  };
}

/** The Exit Report process for what plans, opens, restarts and counts cases (see makeExitReportProcess). */
export const exitReportProcess: ExitReportProcess = makeExitReportProcess(null);
