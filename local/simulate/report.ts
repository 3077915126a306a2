import type { ComplianceCase } from '../../domain/compliance/case.ts';
import type { ExitReportCase } from '../../domain/exit-report/case.ts';
import type { InformationSessionCase } from '../../domain/information-session/case.ts';
import type { LocalSystem } from '../runtime/system.ts';

/** What a simulation reports: per case what happened and when, and the run's figures. */

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

/** How many Exit Report cases are at each stage (closed ones by reason). */
export async function stageCounts(system: LocalSystem): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for await (const { record } of system.exitReports.all()) {
    const key = record.stage === 'closed' ? `closed:${record.closedReason}` : record.stage;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export function caseReport(
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
    flags: flagsOf(c.audit),
    mail,
  };
}

/** The audit entries that raised a flag, dated: what staff were told to look at. */
function flagsOf(audit: ReadonlyArray<{ at: string; what: string; flag?: boolean | undefined }>): string[] {
  return audit.filter((a) => a.flag).map((a) => `${a.at.slice(0, 10)} ${a.what}`);
}

type DateFacts = { due: string; dueAt: string; explanation: string[] };

/** A deadline as the report shows it: the date, the instant, and how it was counted. */
function dateFacts(d: DateFacts): DateFacts {
  return { due: d.due, dueAt: d.dueAt, explanation: [...d.explanation] };
}

export function sessionReport(
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
    flags: flagsOf(c.audit),
    mail,
  };
}

export function visitReport(
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
    flags: flagsOf(c.audit),
    mail,
  };
}
