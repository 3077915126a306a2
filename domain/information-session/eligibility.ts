/**
 * Chapter 19 Annex A as data: which ESA claimant groups can be mandated to a Work Programme Information Session,
 * and whether their participation once on the Work Programme is mandatory or voluntary. The wording is the
 * seed's, unchanged; `id` is ours, for CSV columns and case records.
 */
export type EsaGroupId =
  | 'esa-ir-wrag-prognosis-over-12-months'
  | 'esa-c-wrag'
  | 'esa-ir-lone-parent-youngest-3-or-4'
  | 'esa-ir-wrag-lone-parent-youngest-under-3-or-carer'
  | 'esa-ir-ex-ib-wrag-youngest-under-3-or-carer'
  | 'esa-c-wrag-youngest-under-3-or-carer'
  | 'esa-ir-support-group'
  | 'esa-ir-ex-ib-support-group'
  | 'esa-c-support-group'
  | 'esa-c-ex-ib-support-group'
  | 'esa-credits-only';

export interface AnnexARow {
  id: EsaGroupId;
  /** Annex A, column "Participant", as printed (without the footnote mark). */
  participant: string;
  /** Annex A, column "Can they be mandated to an Information Session? Yes/No". */
  canBeMandated: boolean;
  /** Annex A, column "Participation once on the Work Programme Mandatory/Voluntary". */
  workProgrammeParticipation: 'Mandatory' | 'Voluntary';
  /** The footnote printed against the row, if any. */
  footnote: string | null;
}

export const FOOTNOTE_EXCEPT_LONE_PARENTS = 'Except Lone Parents with youngest child under 3';
export const FOOTNOTE_MAY_REQUEST =
  'These customers can request Work Programme Information Sessions but Jobcentre Plus will not be actively encouraging these customers to attend.';

const yes = (id: EsaGroupId, participant: string, footnote: string | null = null): AnnexARow => ({
  id,
  participant,
  canBeMandated: true,
  workProgrammeParticipation: 'Mandatory',
  footnote,
});
const no = (id: EsaGroupId, participant: string): AnnexARow => ({
  id,
  participant,
  canBeMandated: false,
  workProgrammeParticipation: 'Voluntary',
  footnote: FOOTNOTE_MAY_REQUEST,
});

/** Annex A - ESA claimants eligible to attend a Work Programme Information Session, row by row. */
export const ANNEX_A: readonly AnnexARow[] = Object.freeze([
  yes(
    'esa-ir-wrag-prognosis-over-12-months',
    'ESA (IR) WRAG with more than 12 month prognosis',
    FOOTNOTE_EXCEPT_LONE_PARENTS,
  ),
  yes('esa-c-wrag', 'ESA (C) WRAG', FOOTNOTE_EXCEPT_LONE_PARENTS),
  yes('esa-ir-lone-parent-youngest-3-or-4', 'ESA (IR) Lone Parent with youngest child aged 3 or 4'),
  no(
    'esa-ir-wrag-lone-parent-youngest-under-3-or-carer',
    'ESA (IR) WRAG Lone Parent with youngest child under 3 or full time carer',
  ),
  no(
    'esa-ir-ex-ib-wrag-youngest-under-3-or-carer',
    'ESA (IR) Ex-IB WRAG with youngest child under 3 or full time carer',
  ),
  no('esa-c-wrag-youngest-under-3-or-carer', 'ESA (C) WRAG with youngest child under 3 or full time carer'),
  no('esa-ir-support-group', 'ESA (IR) Support Group'),
  no('esa-ir-ex-ib-support-group', 'ESA (IR) Ex-IB Support Group'),
  no('esa-c-support-group', 'ESA (C) Support Group'),
  no('esa-c-ex-ib-support-group', 'ESA (C) Ex-IB Support Group'),
  no('esa-credits-only', 'ESA Credits Only'),
]);

const BY_ID: ReadonlyMap<string, AnnexARow> = new Map(ANNEX_A.map((row) => [row.id, row]));

/** Lower case, footnote marks and punctuation dropped, "ex ib"/"ex-ib" and "full-time" made one way. */
function key(text: string): string {
  return text
    .toLowerCase()
    .replace(/\*/g, '')
    .replace(/[‐‑‒–—-]/g, ' ')
    .replace(/[()]/g, ' ')
    .replace(/\bfull\s+time\b/g, 'fulltime')
    .replace(/\bmonths?\b/g, 'month')
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_WORDING: ReadonlyMap<string, AnnexARow> = new Map(ANNEX_A.map((row) => [key(row.participant), row]));

/** The Annex A row for an id or for the seed's wording (case, spacing, hyphens and footnote marks ignored). */
export function findEsaGroup(text: string): AnnexARow | null {
  const trimmed = text.trim();
  return BY_ID.get(trimmed.toLowerCase()) ?? BY_WORDING.get(key(trimmed)) ?? null;
}

export function esaGroup(id: EsaGroupId): AnnexARow {
  const row = BY_ID.get(id);
  if (!row) throw new Error(`Unknown ESA group ${id}`);
  return row;
}

export type Mandation = 'mandatory' | 'voluntary';

export type MandationCheck =
  | { ok: true; row: AnnexARow | null }
  | {
      ok: false;
      code: 'mandated-group-cannot-be-mandated' | 'mandated-group-unknown';
      row: AnnexARow | null;
      /** Plain English for the SPoC lead, quoting Annex A. */
      message: string;
    };

/**
 * Whether a referral's mandation fits Annex A. A voluntary referral always fits (every group may attend). A
 * mandatory referral for a group that cannot be mandated, or whose group is not known, is flagged, never
 * silently accepted: the provider should check with Jobcentre Plus before relying on it (a DNA notice for a
 * participant who could not be mandated would start sanction activity that Annex A does not allow).
 */
export function checkMandation(referral: { mandation: Mandation; esaGroup: EsaGroupId | null }): MandationCheck {
  const row = referral.esaGroup === null ? null : (BY_ID.get(referral.esaGroup) ?? null);
  if (referral.mandation === 'voluntary') return { ok: true, row };
  if (row === null) {
    return {
      ok: false,
      code: 'mandated-group-unknown',
      row,
      message:
        'The referral is marked "Work Programme Information Session-Mandatory" but its ESA claimant group is not one of those in Annex A, so whether it can be mandated cannot be checked: confirm the group with Jobcentre Plus.',
    };
  }
  if (!row.canBeMandated) {
    return {
      ok: false,
      code: 'mandated-group-cannot-be-mandated',
      row,
      message: `The referral is marked "Work Programme Information Session-Mandatory" but Annex A says "${row.participant}" cannot be mandated to an Information Session (No**: ${FOOTNOTE_MAY_REQUEST}). Confirm with Jobcentre Plus before treating it as mandatory.`,
    };
  }
  return { ok: true, row };
}
