import type { CaseEvent, ExitReportCase } from './case.ts';
import { withAudit } from './case.ts';
import type { ExitReportNoticeIntent } from './notice-intents.ts';
import type { Transition } from './timers.ts';

/** The participant and their copy of the Exit Report (CPA 18 ch.10 paras 63–64). */

type Recorded = Extract<CaseEvent, { type: 'participant-copy-recorded' }>;

/** Why a copy record cannot be right, or null: email or post only once the participant knows the risks (para 64). */
export function participantCopyRefusal(copy: Pick<Recorded, 'offer' | 'how' | 'toldOfRisks'>): string | null {
  if (copy.offer === 'copy-given' && copy.how === null) {
    return 'Say how the copy was given: face-to-face, collected, emailed or posted (paras 63–64).';
  }
  if (copy.offer === 'told-of-right' && copy.how !== null) {
    return 'A participant told of their right to a copy has not been given one yet: record the copy when it is given.';
  }
  if ((copy.how === 'emailed' || copy.how === 'posted') && !copy.toldOfRisks) {
    return `Before a copy is ${copy.how}, the participant must be aware of the risks of sending personal information by ${copy.how === 'emailed' ? 'email' : 'post'} (para 64): record that they were told.`;
  }
  return null;
}

export function recordParticipantCopy(
  c: ExitReportCase,
  consumed: ExitReportCase,
  e: Recorded,
  now: number,
): Transition {
  const { offer, how, toldOfRisks, recordedBy } = e;
  const next: ExitReportCase = {
    ...consumed,
    participantCopies: [
      ...(c.participantCopies ?? []),
      { offer, how, toldOfRisks, recordedBy, cycle: c.cycle, at: e.recordedAt },
    ],
  };
  const what =
    offer === 'copy-given'
      ? `participant given a copy (${how}${toldOfRisks ? ', told the risks' : ''})`
      : 'participant told of their right to a copy';
  return {
    case: withAudit(next, now, [{ what, detail: `Recorded by ${recordedBy} (paras 63–64).` }]),
    notices: [],
    metrics: [],
  };
}

/** When a report has gone with no copy record for its cycle: the caseworker is reminded (paras 63–64). */
export function participantCopyReminder(c: ExitReportCase, sentDate: string): ExitReportNoticeIntent[] {
  if ((c.participantCopies ?? []).some((copy) => copy.cycle === c.cycle)) return [];
  return [
    {
      intentId: `${c.caseId}:participant-copy-missing@${c.cycle}`,
      kind: 'participant-copy-missing',
      to: [c.participant.caseworkerEmail],
      facts: { sentDate },
    },
  ];
}
