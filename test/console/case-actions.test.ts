import { describe, expect, it } from 'vitest';
import { CASE_ACTION_FORMS } from '../../console/pages/case-actions.ts';
import type { StaffUser } from '../../console/roles.ts';
import { StaffActionInput } from '../../functions/staff-action/handler.ts';

/** The case page's forms: each builds an input the staff-action schema accepts, the actor the signed-in user. */
const user: StaffUser = { email: 'caseworker1@provider.example', name: 'Caseworker', roles: ['caseworker'] };
const record = { reportingMonth: '2026-02' };
const CASE_IDS: Record<string, string> = { 'exit-report': 'er-1', 'information-session': 'is-1', compliance: 'cv-1' };

/** What a person would type into each field: a date, the first option, or a few words. */
function typed(form: (typeof CASE_ACTION_FORMS)[number]): Record<string, string> {
  return Object.fromEntries(
    form.fields.map((f) => [f.name, f.date ? '2026-02-27' : (f.options?.[0]?.[0] ?? 'Corrected two entries')]),
  );
}

describe('case action forms', () => {
  it.each(CASE_ACTION_FORMS.map((f) => [f.id, f] as const))('%s builds an input the schema accepts', (_, form) => {
    const input = form.build(typed(form), user, CASE_IDS[form.process] ?? 'mi-1', record);
    expect(StaffActionInput.safeParse(input).error?.issues ?? []).toEqual([]);
  });

  it('records each fact of its own type, with the fields as typed and the signed-in user where the fact names one', () => {
    const byId = (id: string) => CASE_ACTION_FORMS.find((f) => f.id === id);
    expect(byId('prap-cancelled')?.build({ cancelledOn: '2026-02-27' }, user, 'is-1', {})).toEqual({
      action: 'information-session',
      case: { caseId: 'is-1' },
      fact: { type: 'prap-cancelled', cancelledOn: '2026-02-27', confirmedBy: user.email },
    });
    expect(
      byId('session-outcome')?.build({ outcome: 'attended', sessionDate: '2026-02-27' }, user, 'is-1', {}),
    ).toEqual({
      action: 'information-session',
      case: { caseId: 'is-1' },
      fact: { type: 'session-outcome', outcome: 'attended', sessionDate: '2026-02-27', recordedBy: user.email },
    });
    expect(byId('esf3-received')?.build({ receivedDate: '2026-02-27' }, user, 'cv-1', {})).toEqual({
      action: 'compliance',
      visit: { caseId: 'cv-1' },
      fact: { type: 'esf3-received', receivedDate: '2026-02-27' },
    });
  });
});
