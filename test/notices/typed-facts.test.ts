import { describe, expect, it } from 'vitest';
import type { ComplianceNoticeIntent } from '../../domain/compliance/lifecycle.ts';
import { computeDeadline } from '../../domain/deadlines/rules.ts';
import type { InformationSessionNoticeIntent } from '../../domain/information-session/lifecycle.ts';
import type { MiReturnNoticeIntent } from '../../domain/mi-return/lifecycle.ts';
import type { Nino } from '../../domain/nino.ts';
import { complianceNotice } from '../../domain/notices/compliance-notices.ts';
import { day } from '../../domain/notices/format.ts';
import { renderInformationSessionNotice } from '../../domain/notices/information-session-notices.ts';
import { renderMiReturnNotice } from '../../domain/notices/mi-return-notices.ts';

/**
 * Notice facts are typed per intent kind (domain/<process>/notice-intents.ts): a renderer reads a Deadline where
 * its kind has one, with no cast. The `@ts-expect-error` lines are the compile-time half: `npm run typecheck`
 * fails if any of them ever compiles (a wrong, missing or foreign fact for a kind).
 */

const participant = { caseRef: 'is-1', nino: 'JT310101A' as Nino, scr: false, mandation: 'voluntary' as const };
const session = computeDeadline('info-session', '2024-05-20');
const wp11Window = computeDeadline('info-session-cancel', '2024-05-20');
const due = computeDeadline('mi-return', '2026-11');
const ref = {
  caseRef: 'mi-4001234-2026-11',
  contractNumber: '4001234',
  providerName: 'Provider',
  reportingMonth: '2026-11',
  fileName: 'JE-4001234-2026-11.xlsx',
  due,
};
const visit = { caseId: 'cv-1', visitRef: 'V-1', contract: 'CPA 99', visitDate: '2026-11-30', endsAtLocal: '15:00' };

describe('notice facts typed per intent', () => {
  it('renders each process from its typed facts, the dates read from the Deadline of that kind', () => {
    const overdue: InformationSessionNoticeIntent = {
      intentId: 'is-1:session-overdue',
      kind: 'session-overdue',
      to: ['caseworker@provider.example'],
      facts: { ...participant, session, wp11Window, sessions: [] },
    };
    expect(renderInformationSessionNotice(overdue).text).toContain(`the end of ${day(session.due)}`);

    const notSent: MiReturnNoticeIntent = {
      intentId: `${ref.caseRef}:not-sent-alert`,
      kind: 'mi-return-not-sent',
      to: ['lead@provider.example'],
      facts: { ...ref, attempts: 0, lastFailure: null },
    };
    expect(renderMiReturnNotice(notSent).subject).toContain(`was due ${day(due.due)}`);

    const esf3Report = computeDeadline('esf3-report', visit.visitDate);
    const late: ComplianceNoticeIntent = {
      intentId: 'cv-1:esf3-late',
      kind: 'esf3-late',
      to: ['compliance@provider.example'],
      facts: { visit, deadline: esf3Report },
    };
    expect(complianceNotice(late).subject).toContain(`due ${day(esf3Report.due)}`);
  });

  it('does not compile a wrong fact for a kind', () => {
    const wrong: InformationSessionNoticeIntent[] = [
      // @ts-expect-error the session date is a Deadline, not a date string
      { intentId: 'x', kind: 'session-overdue', to: [], facts: { ...participant, session: '2024-06-04', wp11Window } },
      // @ts-expect-error a reminder's facts lack the session Deadline
      { intentId: 'x', kind: 'session-reminder', to: [], facts: { ...participant, daysLeft: 2, sessions: [] } },
      // @ts-expect-error every notice carries the participant's facts
      { intentId: 'x', kind: 'wp11-late', to: [], facts: { receivedAt: '', wp11Window, reason: 'late' } },
    ];
    const wrongMi: MiReturnNoticeIntent[] = [
      // @ts-expect-error attempts is a number
      { intentId: 'x', kind: 'mi-return-not-sent', to: [], facts: { ...ref, attempts: '1', lastFailure: null } },
      {
        intentId: 'x',
        kind: 'mi-return-not-sent',
        to: [],
        // @ts-expect-error the due date is a Deadline, not its date
        facts: { ...ref, due: due.due, attempts: 1, lastFailure: null },
      },
    ];
    const wrongCompliance: ComplianceNoticeIntent[] = [
      // @ts-expect-error an ESF3 late notice has a deadline, not the visit-recorded facts
      { intentId: 'x', kind: 'esf3-late', to: [], facts: { visit, evidenceWindow: due } },
    ];
    // The values exist only to be type-checked; each is a notice of its process's kinds.
    expect([...wrong, ...wrongMi, ...wrongCompliance].map((intent) => intent.kind)).toEqual([
      'session-overdue',
      'session-reminder',
      'wp11-late',
      'mi-return-not-sent',
      'mi-return-not-sent',
      'esf3-late',
    ]);
  });
});
