import { describe, expect, it } from 'vitest';
import {
  ANNEX_A,
  checkMandation,
  esaGroup,
  FOOTNOTE_EXCEPT_LONE_PARENTS,
  FOOTNOTE_MAY_REQUEST,
  findEsaGroup,
} from '../../domain/information-session/eligibility.ts';

/** Annex A as printed in the seed: participant, "Can they be mandated?", participation once on the programme. */
const SEED_ROWS: ReadonlyArray<readonly [string, 'Yes' | 'No**', 'Mandatory' | 'Voluntary']> = [
  ['ESA (IR) WRAG with more than 12 month prognosis *', 'Yes', 'Mandatory'],
  ['ESA (C) WRAG *', 'Yes', 'Mandatory'],
  ['ESA (IR) Lone Parent with youngest child aged 3 or 4', 'Yes', 'Mandatory'],
  ['ESA (IR) WRAG Lone Parent with youngest child under 3 or full time carer', 'No**', 'Voluntary'],
  ['ESA (IR) Ex-IB WRAG with youngest child under 3 or full time carer', 'No**', 'Voluntary'],
  ['ESA (C) WRAG with youngest child under 3 or full time carer', 'No**', 'Voluntary'],
  ['ESA (IR) Support Group', 'No**', 'Voluntary'],
  ['ESA (IR) Ex-IB Support Group', 'No**', 'Voluntary'],
  ['ESA (C) Support Group', 'No**', 'Voluntary'],
  ['ESA (C) Ex-IB Support Group', 'No**', 'Voluntary'],
  ['ESA Credits Only', 'No**', 'Voluntary'],
];

describe('Annex A as data', () => {
  it('has the eleven rows of the seed, in order, with its wording', () => {
    expect(ANNEX_A.map((row) => row.participant)).toEqual(SEED_ROWS.map(([p]) => p.replace(/ \*$/, '')));
    expect(new Set(ANNEX_A.map((row) => row.id)).size).toBe(ANNEX_A.length);
  });

  describe.each(SEED_ROWS)('%s', (participant, mandatable, participation) => {
    const row = findEsaGroup(participant);

    it('is found by its printed wording (footnote mark included)', () => {
      expect(row?.participant).toBe(participant.replace(/ \*$/, ''));
      if (row) expect(findEsaGroup(row.id)).toBe(row);
      expect(findEsaGroup(participant.toUpperCase().replace(/ /g, '  '))).toBe(row);
    });

    it(`can be mandated: ${mandatable}; on the programme: ${participation}`, () => {
      if (!row) throw new Error('row not found');
      expect(row.canBeMandated).toBe(mandatable === 'Yes');
      expect(row.workProgrammeParticipation).toBe(participation);
      if (mandatable === 'No**') expect(row.footnote).toBe(FOOTNOTE_MAY_REQUEST);
      if (participant.endsWith('*')) expect(row.footnote).toBe(FOOTNOTE_EXCEPT_LONE_PARENTS);
    });

    it('a voluntary referral always fits', () => {
      if (!row) throw new Error('row not found');
      expect(checkMandation({ mandation: 'voluntary', esaGroup: row.id }).ok).toBe(true);
    });

    it(mandatable === 'Yes' ? 'a mandatory referral fits' : 'a mandatory referral is flagged, not accepted', () => {
      if (!row) throw new Error('row not found');
      const check = checkMandation({ mandation: 'mandatory', esaGroup: row.id });
      expect(check.ok).toBe(mandatable === 'Yes');
      if (!check.ok) {
        expect(check.code).toBe('mandated-group-cannot-be-mandated');
        expect(check.message).toContain(row.participant);
        expect(check.message).toContain('cannot be mandated');
      }
    });
  });

  it('a mandatory referral with no known group is flagged; a voluntary one is not', () => {
    const check = checkMandation({ mandation: 'mandatory', esaGroup: null });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.code).toBe('mandated-group-unknown');
    expect(checkMandation({ mandation: 'voluntary', esaGroup: null }).ok).toBe(true);
  });

  it('tolerates hyphen and spacing variants and refuses unknown text', () => {
    expect(findEsaGroup('esa (ir) ex ib support group')?.id).toBe('esa-ir-ex-ib-support-group');
    expect(findEsaGroup('ESA (C) WRAG with youngest child under 3 or full-time carer')?.id).toBe(
      'esa-c-wrag-youngest-under-3-or-carer',
    );
    expect(findEsaGroup('JSA 18-24')).toBeNull();
    expect(findEsaGroup('')).toBeNull();
    expect(() => esaGroup('nope' as never)).toThrow();
  });
});
