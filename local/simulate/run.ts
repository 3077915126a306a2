import { complianceDeps } from '../../functions/staff-action/compliance-actions.ts';
import { informationSessionDeps } from '../../functions/staff-action/information-session-actions.ts';
import type { Mailer, OutboundMessage } from '../../ports/mail.ts';
import { VirtualClock } from '../runtime/clock.ts';
import type { ExecutionRecord } from '../runtime/step-functions.ts';
import { LocalSystem, type LocalSystemOptions } from '../runtime/system.ts';
import {
  caseReport,
  type SimulationMail,
  type SimulationReport,
  sessionReport,
  stageCounts,
  visitReport,
} from './report.ts';
import type { Scenario } from './scenario.ts';
import { CaseRefs, complianceSteps, exitReportSteps, informationSessionSteps, type TimelineStep } from './timeline.ts';

export type {
  SimulationCaseReport,
  SimulationMail,
  SimulationReport,
  SimulationSessionReport,
  SimulationVisitReport,
} from './report.ts';

const YEAR_MS = 365 * 86_400_000;

export type SimulationWiring = Omit<LocalSystemOptions, 'clock' | 'onExecutionStopped' | 'keepFinishedExecutions'>;

export interface RunOptions {
  /** A folder for dynalite's data (LevelDB files); omitted: in memory. */
  storagePath?: string;
  /** The virtual clock to run on (default: a new one at the scenario's start). */
  clock?: VirtualClock;
  /** A timeline line, as it happens (virtual time). */
  onTimeline?: (line: string) => void;
  /** Progress once per simulated month. */
  onProgress?: (at: string, stages: Record<string, number>) => void;
  /**
   * Called whenever everything before `now` is settled and stored: a run restarted from the same storage on a
   * clock at `now` carries on exactly (the fault-injection test kills the process and restarts it so).
   */
  onCheckpoint?: (now: number) => void;
  /**
   * Retries of a timeline step (a delivery, an import) that failed on a transient storage fault, 5 virtual
   * seconds apart, as SES and EventBridge retry an asynchronous Lambda invocation. Default 0: a failure throws.
   */
  stepRetries?: number;
}

function subjectOf(raw: Buffer): string {
  const head = raw.subarray(0, 4096).toString('utf8');
  const match = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(head);
  return match?.[1]?.replace(/\r?\n[ \t]/g, ' ').trim() ?? '';
}

/**
 * Runs a scenario on the virtual clock with the real definitions and handlers, and reports per case what
 * happened and when. Executions are checked against the one-year limit of a Standard execution.
 */
export async function runScenario(
  scenario: Scenario,
  wiring: SimulationWiring,
  options: RunOptions = {},
): Promise<SimulationReport> {
  const clock = options.clock ?? new VirtualClock(scenario.start);
  const mailByCase = new Map<string, SimulationMail[]>();
  const executions: ExecutionRecord[] = [];
  const say = options.onTimeline ?? (() => {});
  const refs = new CaseRefs();
  let transitions = 0;
  let mailSent = 0;

  const mailer: Mailer = {
    idempotent: wiring.mailer.idempotent,
    async send(message: OutboundMessage) {
      const result = await wiring.mailer.send(message);
      const caseId = message.intentId.split(':')[0] ?? '';
      const mail: SimulationMail = {
        at: new Date(clock.now()).toISOString(),
        intentId: message.intentId,
        to: message.to,
        subject: subjectOf(message.raw),
      };
      mailSent++;
      mailByCase.set(caseId, [...(mailByCase.get(caseId) ?? []), mail]);
      say(
        `${mail.at.slice(0, 16).replace('T', ' ')}  ${refs.refsByCaseId.get(caseId) ?? caseId}  mail → ${mail.to.join(', ')}: ${mail.subject}`,
      );
      return result;
    },
  };

  const system = await LocalSystem.start({
    ...wiring,
    mailer,
    clock,
    storagePath: options.storagePath,
    keepFinishedExecutions: false,
    onExecutionStopped: (r) => {
      transitions += r.transitions;
      executions.push({ ...r, input: undefined, output: undefined });
    },
  });
  try {
    for (const p of scenario.participants) {
      const caseId = await system.refer({
        nino: p.nino,
        referralDate: p.referralDate,
        division: p.division,
        contract: p.contract,
        scr: p.scr,
        subContractor: p.subContractor,
        caseworkerEmail: p.caseworkerEmail,
      });
      refs.link(p.ref, caseId);
    }
    say(`${scenario.start.slice(0, 16).replace('T', ' ')}  ${scenario.participants.length} participants referred`);

    let nextProgress = Date.parse(scenario.start);
    const progress = async (until: number) => {
      while (options.onProgress && nextProgress <= until) {
        await clock.advanceTo(nextProgress);
        options.onProgress(new Date(nextProgress).toISOString(), await stageCounts(system));
        const d = new Date(nextProgress);
        nextProgress = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      }
    };
    // One timeline: Exit Report events, Information Session referrals (on their referral date) and what staff
    // and Jobcentre Plus do on them, CMO visits. Equal instants keep this order (the sort is stable).
    const sessions = informationSessionDeps(system.deps);
    const compliance = complianceDeps(system.deps);
    const context = { scenario, system, refs };
    const timeline = [
      ...exitReportSteps(context),
      ...informationSessionSteps(context),
      ...complianceSteps(context),
    ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const checkpoint = options.onCheckpoint;
    // A restarted run replays the steps before its clock: each is idempotent (a referral is opened once, an
    // event's id is applied once), so what had happened before the restart is not done twice.
    for (const step of timeline) {
      const at = Date.parse(step.at);
      await progress(at);
      await clock.advanceTo(at, checkpoint);
      await runWithRetries(step, clock, options.stepRetries ?? 0, checkpoint);
      say(`${step.at.slice(0, 16).replace('T', ' ')}  ${step.label}`);
      await clock.settle();
      checkpoint?.(clock.now());
    }
    await progress(Date.parse(scenario.end));
    await clock.advanceTo(Date.parse(scenario.end), checkpoint);
    checkpoint?.(clock.now());

    for (const r of system.sfn.executions.values()) {
      executions.push({ ...r, input: undefined, output: undefined });
      transitions += r.status === 'RUNNING' ? r.transitions : 0;
    }
    const cases = await reportsOf(
      scenario.participants,
      refs,
      mailByCase,
      (id) => system.exitReports.get(id),
      caseReport,
    );
    const informationSessions = await reportsOf(
      scenario.informationSessions.referrals,
      refs,
      mailByCase,
      (id) => sessions.records.get(id),
      sessionReport,
    );
    const complianceVisits = await reportsOf(
      scenario.complianceVisits.visits,
      refs,
      mailByCase,
      (id) => compliance.records.get(id),
      visitReport,
    );
    const sent = cases.flatMap((c) => (c.report && !c.report.notRequired ? [c.report] : []));
    const onTime = sent.filter((r) => r.onTime).length;
    return {
      scenario: scenario.name,
      start: scenario.start,
      end: scenario.end,
      participants: scenario.participants.length,
      stages: await stageCounts(system),
      reportsSent: {
        onTime,
        late: sent.length - onTime,
        percentWithinTenWorkingDays: sent.length ? Math.round((1000 * onTime) / sent.length) / 10 : null,
      },
      figures: system.figures.snapshot(),
      executions: executionFigures(executions, clock.now(), transitions, scenario.participants.length),
      mailSent,
      cases,
      informationSessions,
      complianceVisits,
    };
  } finally {
    await system.stop();
  }
}

/**
 * A timeline step, retried 5 virtual seconds apart on a transient storage fault, as SES and EventBridge retry an
 * asynchronous Lambda invocation; any other failure, or the last retry's, throws.
 */
async function runWithRetries(
  step: TimelineStep,
  clock: VirtualClock,
  retries: number,
  checkpoint: RunOptions['onCheckpoint'],
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await step.run();
      return;
    } catch (err) {
      const name = (err as Error).name;
      const transient = name === 'StorageUnavailable' || name === 'CaseVersionConflict';
      if (!transient || attempt >= retries) throw err;
      await clock.advanceTo(clock.now() + 5_000, checkpoint);
    }
  }
}

/** The executions' figures: failures (what an operator would redrive), the longest, those over a year. */
function executionFigures(
  executions: ExecutionRecord[],
  now: number,
  transitions: number,
  participants: number,
): SimulationReport['executions'] {
  const spans = executions.map((r) => (r.stoppedAt ?? now) - r.startedAt);
  const failed = executions.filter((r) => r.status === 'FAILED');
  return {
    count: executions.length,
    failed: failed.length,
    failures: failed.map((r) => ({ name: r.name, error: r.error ?? null, cause: r.cause?.slice(0, 500) ?? null })),
    longestDays: Math.round((Math.max(0, ...spans) / 86_400_000) * 10) / 10,
    overOneYear: spans.filter((s) => s > YEAR_MS).length,
    transitionsPerParticipant: Math.round((10 * transitions) / participants) / 10,
  };
}

/** The report of every case the scenario opened, in the scenario's order (one never opened is left out). */
async function reportsOf<R, T>(
  opened: ReadonlyArray<{ ref: string; story?: string | undefined }>,
  refs: CaseRefs,
  mailByCase: ReadonlyMap<string, SimulationMail[]>,
  get: (caseId: string) => Promise<{ record: R }>,
  report: (ref: string, story: string | null, record: R, mail: SimulationMail[]) => T,
): Promise<T[]> {
  const reports: T[] = [];
  for (const { ref, story } of opened) {
    const caseId = refs.caseIdsByRef.get(ref);
    if (!caseId) continue;
    const { record } = await get(caseId);
    reports.push(report(ref, story ?? null, record, mailByCase.get(caseId) ?? []));
  }
  return reports;
}
