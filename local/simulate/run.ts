import { londonInstant } from '../../domain/calendar/london.ts';
import type { ComplianceCase } from '../../domain/compliance/case.ts';
import type { CaseEvent, ExitReportCase } from '../../domain/exit-report/case.ts';
import { clericalRequestEvent } from '../../domain/exit-report/clerical.ts';
import type { InformationSessionCase, InformationSessionEvent } from '../../domain/information-session/case.ts';
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
import type { Mailer, OutboundMessage } from '../../ports/mail.ts';
import { VirtualClock } from '../runtime/clock.ts';
import type { ExecutionRecord } from '../runtime/step-functions.ts';
import { LocalSystem, type LocalSystemOptions } from '../runtime/system.ts';
import type { Scenario, ScenarioEvent } from './scenario.ts';

const YEAR_MS = 365 * 86_400_000;

export interface SimulationMail {
  at: string;
  intentId: string;
  to: string[];
  subject: string;
}

export interface SimulationCaseReport {
  ref: string;
  caseId: string;
  story: string | null;
  division: string;
  scr: boolean;
  stage: string;
  closedReason: string | null;
  dates: Record<string, { due: string; dueAt: string; explanation: string[] } | null>;
  reminders: string[];
  breachAt: string | null;
  wper3: string | null;
  escalatedAt: string | null;
  report: ExitReportCase['report'];
  flags: string[];
  mail: SimulationMail[];
}

export interface SimulationReport {
  scenario: string;
  start: string;
  end: string;
  participants: number;
  stages: Record<string, number>;
  reportsSent: { onTime: number; late: number; percentWithinTenWorkingDays: number | null };
  figures: Record<string, number>;
  executions: {
    count: number;
    failed: number;
    longestDays: number;
    overOneYear: number;
    transitionsPerParticipant: number;
    /** Each failed execution's name, error and cause (what an operator would redrive). */
    failures: Array<{ name: string; error: string | null; cause: string | null }>;
  };
  mailSent: number;
  cases: SimulationCaseReport[];
  informationSessions: SimulationSessionReport[];
  complianceVisits: SimulationVisitReport[];
}

export interface SimulationVisitReport {
  ref: string;
  caseId: string;
  story: string | null;
  stage: string;
  dates: Record<
    'evidenceWindow' | 'esf3Report' | 'providerAction',
    { due: string; dueAt: string; explanation: string[] }
  >;
  prediction: ComplianceCase['prediction'];
  actions: Array<{ reference: string; status: string; selected: boolean | null }>;
  esf3: ComplianceCase['esf3'];
  cpr: Array<{ reference: string; history: string[] }>;
  flags: string[];
  mail: SimulationMail[];
}

export interface SimulationSessionReport {
  ref: string;
  caseId: string;
  story: string | null;
  mandation: string;
  stage: string;
  closedReason: string | null;
  dates: Record<'session' | 'wp11Window' | 'attachment', { due: string; dueAt: string; explanation: string[] }>;
  sessions: InformationSessionCase['sessions'];
  dnaNotices: InformationSessionCase['dnaNotices'];
  wp11: { receivedAt: string; late: boolean } | null;
  flags: string[];
  mail: SimulationMail[];
}

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

function toCaseEvent(e: ScenarioEvent, id: string): CaseEvent {
  switch (e.type) {
    case 'exit-report-request':
      return {
        id: `request:${e.requestDate}`,
        type: e.type,
        form: e.form,
        requestDate: e.requestDate,
        receivedAt: e.at,
        messageId: `<${id}@scenario>`,
        returnEmail: e.returnEmail,
        printedDeadline: e.printedDeadline,
      };
    case 'clerical-request':
      return clericalRequestEvent({ ...e, recordedAt: e.at });
    case 'wper3-reminder':
      return {
        id: `wper3:${e.reminderDate}`,
        type: e.type,
        reminderDate: e.reminderDate,
        receivedAt: e.at,
        messageId: `<${id}@scenario>`,
      };
    case 'report-submitted':
      return { id, type: e.type, submittedAt: e.at, messageId: `<${id}@scenario>`, submissionKey: `SUBMISSION#${id}` };
    case 'report-confirmed-sent':
      return { id, type: e.type, sentDate: e.sentDate, confirmedBy: e.confirmedBy, recordedAt: e.at };
    case 'not-required':
      return { id, type: e.type, receivedAt: e.at, messageId: `<${id}@scenario>` };
    case 'early-completion':
      return { id, type: e.type, reason: e.reason, date: e.date, recordedAt: e.at };
  }
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
  const caseIdsByRef = new Map<string, string>();
  const refsByCaseId = new Map<string, string>();
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
        `${mail.at.slice(0, 16).replace('T', ' ')}  ${refsByCaseId.get(caseId) ?? caseId}  mail → ${mail.to.join(', ')}: ${mail.subject}`,
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
      caseIdsByRef.set(p.ref, caseId);
      refsByCaseId.set(caseId, p.ref);
    }
    say(`${scenario.start.slice(0, 16).replace('T', ' ')}  ${scenario.participants.length} participants referred`);

    const events = [...scenario.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
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
    // and Jobcentre Plus do on them. Equal instants keep this order (the sort is stable).
    const timeline: Array<{ at: string; label: string; run: () => Promise<void> }> = [];
    for (const [index, e] of events.entries()) {
      timeline.push({
        at: e.at,
        label: `${e.participant}  ${e.type}${e.type === 'exit-report-request' && e.repeat ? ' (delivered twice)' : ''}`,
        run: async () => {
          const caseId = caseIdsByRef.get(e.participant) as string;
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
      });
    }
    const sessions = informationSessionDeps(system.deps);
    const { referrals, events: sessionEvents } = scenario.informationSessions;
    for (const r of referrals) {
      const at = new Date(Math.max(Date.parse(`${r.referralDate}T09:00:00Z`), Date.parse(scenario.start)));
      timeline.push({
        at: at.toISOString(),
        label: `${r.ref}  Information Session referral (${r.mandation})`,
        run: async () => {
          const { caseId } = await referInformationSession(
            sessions,
            referralOf({ ...r, nino: parseNinoOrThrow(r.nino) }),
          );
          caseIdsByRef.set(r.ref, caseId);
          refsByCaseId.set(caseId, r.ref);
        },
      });
    }
    for (const [index, e] of sessionEvents.entries()) {
      timeline.push({
        at: e.at,
        label: `${e.referral}  ${e.fact.type}`,
        run: async () => {
          const caseId = caseIdsByRef.get(e.referral) as string;
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
          await system.deliverTo(informationSessionProcess, caseId, event);
        },
      });
    }
    const compliance = complianceDeps(system.deps);
    const { visits, events: visitEvents } = scenario.complianceVisits;
    for (const v of visits) {
      timeline.push({
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
          caseIdsByRef.set(v.ref, caseId);
          refsByCaseId.set(caseId, v.ref);
        },
      });
    }
    for (const e of visitEvents) {
      timeline.push({
        at: e.at,
        label: `${e.visit}  ${e.fact.type}`,
        run: async () => {
          const caseId = caseIdsByRef.get(e.visit) as string;
          await system.deliverTo(complianceProcess, caseId, complianceEventOf(e.fact, e.at));
        },
      });
    }
    timeline.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const checkpoint = options.onCheckpoint;
    // A restarted run replays the steps before its clock: each is idempotent (a referral is opened once, an
    // event's id is applied once), so what had happened before the restart is not done twice.
    for (const step of timeline) {
      const at = Date.parse(step.at);
      await progress(at);
      await clock.advanceTo(at, checkpoint);
      for (let attempt = 0; ; attempt++) {
        try {
          await step.run();
          break;
        } catch (err) {
          const name = (err as Error).name;
          const transient = name === 'StorageUnavailable' || name === 'CaseVersionConflict';
          if (!transient || attempt >= (options.stepRetries ?? 0)) throw err;
          await clock.advanceTo(clock.now() + 5_000, checkpoint);
        }
      }
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
    const cases: SimulationCaseReport[] = [];
    for (const p of scenario.participants) {
      const caseId = caseIdsByRef.get(p.ref) as string;
      const { record } = await system.exitReports.get(caseId);
      cases.push(caseReport(p.ref, p.story ?? null, record, mailByCase.get(caseId) ?? []));
    }
    const informationSessions: SimulationSessionReport[] = [];
    for (const r of referrals) {
      const caseId = caseIdsByRef.get(r.ref);
      if (!caseId) continue;
      const { record } = await sessions.records.get(caseId);
      informationSessions.push(sessionReport(r.ref, r.story ?? null, record, mailByCase.get(caseId) ?? []));
    }
    const complianceVisits: SimulationVisitReport[] = [];
    for (const v of visits) {
      const caseId = caseIdsByRef.get(v.ref);
      if (!caseId) continue;
      const { record } = await compliance.records.get(caseId);
      complianceVisits.push(visitReport(v.ref, v.story ?? null, record, mailByCase.get(caseId) ?? []));
    }
    const sent = cases.flatMap((c) => (c.report && !c.report.notRequired ? [c.report] : []));
    const onTime = sent.filter((r) => r.onTime).length;
    const now = clock.now();
    const spans = executions.map((r) => (r.stoppedAt ?? now) - r.startedAt);
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
      executions: {
        count: executions.length,
        failed: executions.filter((r) => r.status === 'FAILED').length,
        failures: executions
          .filter((r) => r.status === 'FAILED')
          .map((r) => ({ name: r.name, error: r.error ?? null, cause: r.cause?.slice(0, 500) ?? null })),
        longestDays: Math.round((Math.max(0, ...spans) / 86_400_000) * 10) / 10,
        overOneYear: spans.filter((s) => s > YEAR_MS).length,
        transitionsPerParticipant: Math.round((10 * transitions) / scenario.participants.length) / 10,
      },
      mailSent,
      cases,
      informationSessions,
      complianceVisits,
    };
  } finally {
    await system.stop();
  }
}

async function stageCounts(system: LocalSystem): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for await (const { record } of system.exitReports.all()) {
    const key = record.stage === 'closed' ? `closed:${record.closedReason}` : record.stage;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function caseReport(
  ref: string,
  story: string | null,
  c: ExitReportCase,
  mail: SimulationMail[],
): SimulationCaseReport {
  const doneAt = (prefix: string) =>
    Object.entries(c.done)
      .filter(([k]) => k.startsWith(prefix))
      .map(([, at]) => at);
  const pick = (d: DateFacts | null) => (d ? dateFacts(d) : null);
  return {
    ref,
    caseId: c.caseId,
    story,
    division: c.participant.division,
    scr: c.participant.scr,
    stage: c.stage,
    closedReason: c.closedReason,
    dates: {
      requestExpected: pick(c.deadlines.requestExpected),
      programmeEnd: pick(c.deadlines.programmeEnd),
      noRequestAlert: pick(c.deadlines.noRequestAlert),
      exitReport: pick(c.deadlines.exitReport),
      escalation: pick(c.deadlines.escalation),
      adHocWindow: pick(c.deadlines.adHocWindow),
      retention: pick(c.deadlines.retention),
    },
    reminders: doneAt('reminder-'),
    breachAt: doneAt('report-due@')[0] ?? null,
    wper3: c.wper3?.reminderDate ?? null,
    escalatedAt: doneAt('escalation@')[0] ?? null,
    report: c.report,
    flags: c.audit.filter((a) => a.flag).map((a) => `${a.at.slice(0, 10)} ${a.what}`),
    mail,
  };
}

type DateFacts = { due: string; dueAt: string; explanation: string[] };

/** A deadline as the report shows it: the date, the instant, and how it was counted. */
function dateFacts(d: DateFacts): DateFacts {
  return { due: d.due, dueAt: d.dueAt, explanation: [...d.explanation] };
}

function sessionReport(
  ref: string,
  story: string | null,
  c: InformationSessionCase,
  mail: SimulationMail[],
): SimulationSessionReport {
  const pick = dateFacts;
  return {
    ref,
    caseId: c.caseId,
    story,
    mandation: c.referral.mandation,
    stage: c.stage,
    closedReason: c.closedReason,
    dates: {
      session: pick(c.deadlines.session),
      wp11Window: pick(c.deadlines.wp11Window),
      attachment: pick(c.deadlines.attachment),
    },
    sessions: c.sessions,
    dnaNotices: c.dnaNotices,
    wp11: c.wp11 ? { receivedAt: c.wp11.receivedAt, late: c.wp11.late } : null,
    flags: c.audit.filter((a) => a.flag).map((a) => `${a.at.slice(0, 10)} ${a.what}`),
    mail,
  };
}

function parseNinoOrThrow(text: string): Nino {
  const parsed = parseNino(text);
  if (!parsed.ok) throw new Error(`Scenario NINO ${maskNino(text)}: ${parsed.reason}`);
  return parsed.nino;
}

function visitReport(
  ref: string,
  story: string | null,
  c: ComplianceCase,
  mail: SimulationMail[],
): SimulationVisitReport {
  const pick = dateFacts;
  return {
    ref,
    caseId: c.caseId,
    story,
    stage: c.stage,
    dates: {
      evidenceWindow: pick(c.deadlines.evidenceWindow),
      esf3Report: pick(c.deadlines.esf3Report),
      providerAction: pick(c.deadlines.providerAction),
    },
    prediction: c.prediction,
    actions: c.actions.map((a) => ({ reference: a.reference, status: a.status, selected: a.selected })),
    esf3: c.esf3,
    cpr: c.cpr.map((e) => ({ reference: e.reference, history: e.history })),
    flags: c.audit.filter((a) => a.flag).map((a) => `${a.at.slice(0, 10)} ${a.what}`),
    mail,
  };
}
