import { maskNino } from '../nino.ts';
import type { ActionRecord, AuditEntry, ComplianceCase, CprEntry } from './case.ts';
import { afterActions, transition, visitFacts, withAudit } from './record.ts';
import type { ComplianceNoticeIntent, EventOf, EventStep, Transition } from './types.ts';

/**
 * The PM's review after the one calendar month (memo 147 step 6): the reviewed actions resolved or, unresolved,
 * to the Contract Performance Review with their history.
 */
export function recordPmReview(event: EventOf<'pm-review'>, { c, base, now, config }: EventStep): Transition {
  const entries: Omit<AuditEntry, 'at'>[] = [];
  if (event.visitDate <= c.deadlines.providerAction.due) {
    entries.push({
      what: 'PM review before the month ended',
      detail: `Review on ${event.visitDate}; the one calendar month ends ${c.deadlines.providerAction.due}. Recorded as given.`,
      flag: true,
    });
  }
  const outcomes = new Map(event.outcomes.map((o) => [o.reference, o]));
  // The reviewed cases: the CMO's selection; without a handover, every outstanding one when all would be
  // selected anyway, else the ones the PM gave outcomes for.
  let reviewed: Set<string>;
  if (c.handover) reviewed = new Set(c.handover.selected);
  else if (c.prediction?.all) reviewed = new Set(c.prediction.certain);
  else reviewed = new Set(event.outcomes.map((o) => o.reference));
  if (!c.handover) {
    entries.push({
      what: 'PM review without a CMO handover',
      detail: `No handover recorded: reviewed ${[...reviewed].join(', ') || 'none'}.`,
      flag: true,
    });
  }
  for (const o of event.outcomes) {
    if (!reviewed.has(o.reference)) {
      entries.push({ what: 'outcome for an unselected ESF2a', detail: `${o.reference}: not applied.`, flag: true });
    }
  }
  const cpr: CprEntry[] = [];
  const actions = base.actions.map((a): ActionRecord => {
    if (!reviewed.has(a.reference)) return a;
    const given = outcomes.get(a.reference);
    if (!given) {
      entries.push({
        what: 'no outcome given',
        detail: `ESF2a ${a.reference}: not reported resolved, so treated as unresolved (memo 147 step 6).`,
        flag: true,
      });
    }
    const outcome = given?.outcome ?? 'unresolved';
    const next: ActionRecord = {
      ...a,
      selected: true,
      status: outcome === 'resolved' ? 'resolved' : 'escalated-to-cpr',
      pmOutcome: { visitDate: event.visitDate, outcome, note: given?.note ?? null },
    };
    if (outcome === 'unresolved') cpr.push(cprEntry(c, next));
    return next;
  });
  entries.unshift({
    what: 'PM review recorded',
    detail: `PM visit ${event.visitDate}: ${actions.filter((a) => a.status === 'resolved').length} resolved, ${cpr.length} to the Contract Performance Review.`,
  });
  let next: ComplianceCase = {
    ...base,
    actions,
    cpr: [...c.cpr, ...cpr],
    pmVisit: c.pmVisit ?? { visitDate: event.visitDate, arrangedAt: event.recordedAt },
  };
  next = { ...next, stage: afterActions(next) };
  next = withAudit(next, now, entries);
  const notices: ComplianceNoticeIntent[] =
    cpr.length === 0
      ? []
      : [
          {
            intentId: `${c.caseId}:unresolved-to-cpr`,
            kind: 'unresolved-to-cpr',
            to: [...config.recipients, ...config.cprRecipients],
            facts: {
              visit: visitFacts(c),
              pmVisitDate: event.visitDate,
              deadline: c.deadlines.providerAction,
              entries: cpr.map((e) => ({
                ...e,
                maskedNino: e.nino === null ? null : maskNino(e.nino),
                nino: undefined,
              })),
            },
          },
        ];
  return transition(next, notices);
}

function cprEntry(c: ComplianceCase, a: ActionRecord): CprEntry {
  const history = [
    `Raised at CMO visit ${c.visit.visitRef} on ${c.visit.visitDate} (ended ${c.visit.endsAtLocal}): ${a.issue}`,
    `48-hour additional evidence window ended ${a.deadlines.evidenceWindow.dueAt}${a.evidence ? `; evidence recorded ${a.evidence.recordedAt}` : '; no evidence in time'}.`,
    `One calendar month ended ${a.deadlines.providerAction.due}.`,
    ...a.progressNotes.map((n) => `${n.at} (${n.by}): ${n.note}`),
    a.pmOutcome
      ? `PM review ${a.pmOutcome.visitDate}: unresolved${a.pmOutcome.note ? ` (${a.pmOutcome.note})` : ''}.`
      : 'PM review: unresolved.',
  ];
  return {
    reference: a.reference,
    nino: a.nino,
    issue: a.issue,
    visitRef: c.visit.visitRef,
    contract: c.visit.contract,
    visitDate: c.visit.visitDate,
    providerActionDue: a.deadlines.providerAction.due,
    pmVisitDate: a.pmOutcome?.visitDate ?? '',
    history,
  };
}
