import type { AuditEntry, ComplianceCase, ComplianceEvent } from './case.ts';
import type { ComplianceConfig } from './config.ts';
import { recordPmReview } from './pm-review.ts';
import { afterActions, consume, outstandingRefs, transition, updateAction, withAudit } from './record.ts';
import { flagged, whyNotActedOn } from './routing.ts';
import { predictSelection } from './selection.ts';
import type { EventOf, EventStep, EventType, Transition } from './types.ts';

/** Each compliance event kind, applied by one small function; the table below names them all. */

/** One handler per event kind: a kind without one does not compile. */
type EventHandlers = { [K in EventType]: (event: EventOf<K>, step: EventStep) => Transition };

/** Evidence for an ESF2a: in the 48 hours it takes the action out of the PM selection; late, a progress note. */
function recordEvidence(event: EventOf<'evidence-recorded'>, { c, base, now }: EventStep): Transition {
  const windowEnd = Date.parse(c.deadlines.evidenceWindow.dueAt);
  const inTime = Date.parse(event.recordedAt) <= windowEnd;
  const action = c.actions.find((a) => a.reference === event.reference);
  if (action && action.status !== 'open' && action.status !== 'outstanding') {
    // More evidence for an action already dealt with: kept for the PM discussion.
    const next = updateAction(base, event.reference, (a) => ({
      ...a,
      progressNotes: [...a.progressNotes, { at: event.recordedAt, by: 'evidence', note: event.note }],
    }));
    return transition(
      withAudit(next, now, [{ what: 'further evidence', detail: `ESF2a ${event.reference} (${action.status}).` }]),
      [],
    );
  }
  if (!inTime || !action) {
    // Late evidence is still worth having: a progress note for the PM discussion.
    const next = updateAction(base, event.reference, (a) => ({
      ...a,
      progressNotes: [...a.progressNotes, { at: event.recordedAt, by: 'evidence', note: event.note }],
    }));
    return transition(
      withAudit(next, now, [
        {
          what: 'evidence after the 48 hours',
          detail: `ESF2a ${event.reference}: evidence recorded ${event.recordedAt}, after the window closed ${c.deadlines.evidenceWindow.dueAt}; kept as a progress note, the action stays outstanding.`,
          flag: true,
        },
      ]),
      [],
    );
  }
  let next = updateAction(base, event.reference, (a) => ({
    ...a,
    status: 'evidence-accepted',
    evidence: { recordedAt: event.recordedAt, note: event.note },
  }));
  const entries: Omit<AuditEntry, 'at'>[] = [
    {
      what: 'evidence recorded',
      detail: `ESF2a ${event.reference}: evidence recorded ${event.recordedAt}, within the 48 hours; out of the PM selection.`,
    },
  ];
  if (c.stage !== 'evidence-window') {
    // Recorded in time but applied after the window closed: the prediction is counted again.
    next = { ...next, prediction: predictSelection(outstandingRefs(next)) };
    if (outstandingRefs(next).length === 0 && next.stage === 'provider-action') {
      next = { ...next, stage: afterActions(next) };
    }
    entries.push({
      what: 'prediction recounted',
      detail: `Evidence recorded in time arrived after the window closed; predicted selection now ${next.prediction?.size ?? 0}.`,
      flag: true,
    });
  }
  return transition(withAudit(next, now, entries), []);
}

/** A progress note on an ESF2a, for the PM discussion. */
function recordProgressNote(event: EventOf<'progress-note'>, { base, now }: EventStep): Transition {
  const next = updateAction(base, event.reference, (a) => ({
    ...a,
    progressNotes: [...a.progressNotes, { at: event.at, by: event.by, note: event.note }],
  }));
  return transition(withAudit(next, now, [{ what: 'progress note', detail: `ESF2a ${event.reference}.` }]), []);
}

/** The provider says an ESF2a is resolved; the PM confirms it at review. */
function recordProviderResolved(event: EventOf<'provider-resolved'>, { base, now }: EventStep): Transition {
  const next = updateAction(base, event.reference, (a) => ({
    ...a,
    providerResolved: { at: event.at, note: event.note },
    progressNotes: [...a.progressNotes, { at: event.at, by: 'provider', note: `Resolved: ${event.note}` }],
  }));
  return transition(
    withAudit(next, now, [
      {
        what: 'provider reports resolved',
        detail: `ESF2a ${event.reference} (${event.at}); the PM confirms at review.`,
      },
    ]),
    [],
  );
}

/** The CMO's handover: the actions selected for the PM, whatever the prediction or the evidence said. */
function recordCmoHandover(event: EventOf<'cmo-handover'>, { c, base, now }: EventStep): Transition {
  const known = new Set(c.actions.map((a) => a.reference));
  const unknown = event.selected.filter((r) => !known.has(r));
  const selected = event.selected.filter((r) => known.has(r));
  const entries: Omit<AuditEntry, 'at'>[] = [
    { what: 'CMO handover recorded', detail: `Selected for the PM: ${selected.join(', ') || 'none'}.` },
  ];
  if (unknown.length > 0) {
    entries.push({ what: 'handover names unknown ESF2a', detail: unknown.join(', '), flag: true });
  }
  const notOutstanding = selected.filter(
    (r) => c.actions.find((a) => a.reference === r)?.status === 'evidence-accepted',
  );
  if (notOutstanding.length > 0) {
    entries.push({
      what: 'handover selects actions with evidence accepted',
      detail: `${notOutstanding.join(', ')}: the CMO's selection is kept.`,
      flag: true,
    });
  }
  if (c.prediction && c.prediction.size !== selected.length) {
    entries.push({
      what: 'selection differs from prediction',
      detail: `Predicted ${c.prediction.size}, the CMO selected ${selected.length}; the CMO's selection is kept.`,
      flag: true,
    });
  }
  const chosen = new Set(selected);
  let next: ComplianceCase = {
    ...base,
    handover: { receivedAt: event.receivedAt, selected },
    actions: base.actions.map((a) => ({
      ...a,
      selected: chosen.has(a.reference),
      // The CMO's selection wins: a selected action is followed up whatever the evidence said.
      status: chosen.has(a.reference) && a.status === 'evidence-accepted' ? 'outstanding' : a.status,
    })),
  };
  next = withAudit(next, now, entries);
  return transition(next, []);
}

/** The ESF3 report is in: late or not; a case only waiting for it closes. */
function recordEsf3(event: EventOf<'esf3-received'>, { c, base, now }: EventStep): Transition {
  const late = event.receivedDate > c.deadlines.esf3Report.due;
  let next: ComplianceCase = { ...base, esf3: { receivedDate: event.receivedDate, late: late || c.esf3.late } };
  if (next.stage === 'awaiting-esf3') next = { ...next, stage: 'closed' };
  return transition(
    withAudit(next, now, [
      {
        what: 'ESF3 report received',
        detail: `Received ${event.receivedDate}; due ${c.deadlines.esf3Report.due}${late ? ' (late)' : ''}.`,
        flag: late || undefined,
      },
    ]),
    [],
  );
}

/** The PM visit is arranged; one on or before the end of the month is flagged. */
function recordPmVisit(event: EventOf<'pm-visit-arranged'>, { c, base, now }: EventStep): Transition {
  const early = event.visitDate <= c.deadlines.providerAction.due;
  return transition(
    withAudit({ ...base, pmVisit: { visitDate: event.visitDate, arrangedAt: event.recordedAt } }, now, [
      {
        what: 'PM visit arranged',
        detail: `PM visit ${event.visitDate}${early ? `, on or before the end of the one calendar month (${c.deadlines.providerAction.due}): the memo has the review at the first visit after it` : ''}.`,
        flag: early || undefined,
      },
    ]),
    [],
  );
}

const EVENT_HANDLERS: EventHandlers = {
  'evidence-recorded': recordEvidence,
  'progress-note': recordProgressNote,
  'provider-resolved': recordProviderResolved,
  'cmo-handover': recordCmoHandover,
  'esf3-received': recordEsf3,
  'pm-visit-arranged': recordPmVisit,
  'pm-review': recordPmReview,
};

/** The handler for this event's kind (the correlated lookup: the event and its handler agree on the kind). */
function handle<K extends EventType>(event: EventOf<K>, step: EventStep): Transition {
  const handler: EventHandlers[K] = EVENT_HANDLERS[event.type as K];
  return handler(event, step);
}

/** Applies the inbox's event (or any event) to the case. */
export function applyEvent(
  c: ComplianceCase,
  event: ComplianceEvent,
  now: number,
  config: ComplianceConfig,
): Transition {
  if (c.appliedEventIds.includes(event.id)) return transition(c, []);
  const notActedOn = whyNotActedOn(c, event);
  if (notActedOn !== null) return flagged(c, event, now, notActedOn, config);
  return handle(event, { c, base: consume(c, event), now, config });
}
