import type { ProviderConfig } from '../../domain/config.ts';
import type { SimulationMail, SimulationReport } from '../../local/simulate/run.ts';
import type { Scenario } from '../../local/simulate/scenario.ts';

/**
 * The business outcome of a scenario run, in a form that does not depend on random case ids, map order or file
 * order: per case (by its scenario reference) its stage and every due, sent, breach, reminder and escalation
 * date; per message its case, intent (the id after the case id: what it is for), recipients by role and when it
 * went. No subject or body: a refactor that changes no outcome leaves this identical.
 */
export interface DemoOutcome {
  mailSent: number;
  cases: Array<{
    ref: string;
    stage: string;
    closedReason: string | null;
    due: Record<string, { due: string; dueAt: string } | null>;
    reminders: string[];
    breachAt: string | null;
    wper3: string | null;
    escalatedAt: string | null;
    report: {
      sentDate: string;
      sentAt: string;
      workingDaysTaken: number;
      onTime: boolean;
      notRequired: boolean;
      route: string;
    } | null;
    flags: string[];
  }>;
  informationSessions: Array<{
    ref: string;
    stage: string;
    closedReason: string | null;
    due: Record<string, { due: string; dueAt: string }>;
  }>;
  complianceVisits: Array<{ ref: string; stage: string; due: Record<string, { due: string; dueAt: string }> }>;
  messages: Array<{ at: string; ref: string; intent: string; to: string[] }>;
}

/** Every address the configuration names, by where it sits in it ('provider.spocLeadAddress'). */
function configRoles(config: ProviderConfig): Map<string, string> {
  const roles = new Map<string, string>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string' && value.includes('@')) {
      if (!roles.has(value)) roles.set(value, path);
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v, path);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(config, '');
  return roles;
}

function dueOf(d: { due: string; dueAt: string } | null | undefined): { due: string; dueAt: string } | null {
  return d ? { due: d.due, dueAt: d.dueAt } : null;
}

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export function demoOutcome(report: SimulationReport, scenario: Scenario, config: ProviderConfig): DemoOutcome {
  const roles = configRoles(config);
  const caseworkers = new Set([
    ...scenario.participants.map((p) => p.caseworkerEmail),
    ...scenario.informationSessions.referrals.map((r) => r.caseworkerEmail),
  ]);
  const returnAddresses = new Set(
    scenario.events.flatMap((e) => (e.type === 'exit-report-request' && e.returnEmail ? [e.returnEmail] : [])),
  );
  const role = (address: string) =>
    caseworkers.has(address)
      ? 'caseworker'
      : returnAddresses.has(address)
        ? 'district-return-address'
        : (roles.get(address) ?? `other:${address}`);
  const messages: DemoOutcome['messages'] = [];
  const addMail = (ref: string, caseId: string, mail: SimulationMail[]) => {
    for (const m of mail) {
      const intent = m.intentId.startsWith(`${caseId}:`) ? m.intentId.slice(caseId.length + 1) : m.intentId;
      // The intent says what the message is for (its subject is the renderer's, which a test wiring may stub).
      messages.push({ at: m.at, ref, intent, to: m.to.map(role).sort() });
    }
  };
  const cases = report.cases.map((c) => {
    addMail(c.ref, c.caseId, c.mail);
    return {
      ref: c.ref,
      stage: c.stage,
      closedReason: c.closedReason,
      due: Object.fromEntries(
        Object.entries(c.dates)
          .sort(byKey(([k]) => k))
          .map(([k, d]) => [k, dueOf(d)]),
      ),
      reminders: [...c.reminders].sort(),
      breachAt: c.breachAt,
      wper3: c.wper3,
      escalatedAt: c.escalatedAt,
      report: c.report
        ? {
            sentDate: c.report.sentDate,
            sentAt: c.report.sentAt,
            workingDaysTaken: c.report.workingDaysTaken,
            onTime: c.report.onTime,
            notRequired: c.report.notRequired,
            route: c.report.route,
          }
        : null,
      flags: [...c.flags].sort(),
    };
  });
  const informationSessions = report.informationSessions.map((s) => {
    addMail(s.ref, s.caseId, s.mail);
    return {
      ref: s.ref,
      stage: s.stage,
      closedReason: s.closedReason,
      due: Object.fromEntries(
        Object.entries(s.dates)
          .sort(byKey(([k]) => k))
          .map(([k, d]) => [k, { due: d.due, dueAt: d.dueAt }]),
      ),
    };
  });
  const complianceVisits = report.complianceVisits.map((v) => {
    addMail(v.ref, v.caseId, v.mail);
    return {
      ref: v.ref,
      stage: v.stage,
      due: Object.fromEntries(
        Object.entries(v.dates)
          .sort(byKey(([k]) => k))
          .map(([k, d]) => [k, { due: d.due, dueAt: d.dueAt }]),
      ),
    };
  });
  messages.sort(byKey((m) => `${m.ref}\u0000${m.intent}\u0000${m.at}`));
  return {
    mailSent: report.mailSent,
    cases: cases.sort(byKey((c) => c.ref)),
    informationSessions: informationSessions.sort(byKey((s) => s.ref)),
    complianceVisits: complianceVisits.sort(byKey((v) => v.ref)),
    messages,
  };
}
