/**
 * National Insurance numbers (NINOs), by HMRC's format rules (National Insurance Manual NIM39110):
 * two prefix letters, six digits, a suffix A–D. Normalised by removing all whitespace and upper-casing.
 *
 * Reference numbers that look like NINOs but are not (temporary references, administrative prefixes)
 * are rejected with a reason that says so, so a caseworker knows to ask Jobcentre Plus for the real number.
 */
export type Nino = string & { readonly __brand: 'Nino' };
export type NinoResult = { ok: true; nino: Nino } | { ok: false; reason: string };

/** Not used as either prefix letter. */
const BANNED_ANY = new Set(['D', 'F', 'I', 'Q', 'U', 'V']);
/** O is additionally not used as the second prefix letter. */
const BANNED_SECOND = new Set([...BANNED_ANY, 'O']);
const UNALLOCATED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * Administrative prefixes HMRC and DWP have used on reference numbers that are not NINOs (NIM39110).
 * OO and FY already fail the letter rules; they are listed so that the reason names what they are.
 */
const ADMINISTRATIVE_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['OO', 'used temporarily for tax credits claims where no NINO is held'],
  ['CR', 'issued for account investigations'],
  ['FY', 'formerly used for Attendance Allowance claims'],
  ['MW', 'used for migrant workers 1980–1987'],
  ['NC', 'a dummy identifier for stakeholder pensions'],
  ['PP', 'used by pension schemes'],
  ['PY', 'used for tax-only accounts'],
  ['PZ', 'used for tax-only accounts'],
]);

const SHAPE = /^[A-Z]{2}\d{6}[A-D]$/;
/** The old DWP temporary number: TN, the date of birth as DDMMYY, and M or F. */
const TN_TEMPORARY = /^TN\d{6}[MF]$/;
/** Any prefix followed by a date of birth and M or F (for example the NC dummy identifier). */
const DOB_AND_SEX = /^[A-Z]{2}\d{6}[MF]$/;
/** HMRC Temporary Reference Number (TRN), written 11 A1 11 11. */
const HMRC_TRN = /^\d{2}[A-Z]\d{5}$/;

export function normaliseNino(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function parseNino(input: string): NinoResult {
  const value = normaliseNino(input);
  if (value === '') {
    return { ok: false, reason: 'NINO is empty' };
  }
  if (TN_TEMPORARY.test(value)) {
    return {
      ok: false,
      reason: 'temporary reference number (TN + date of birth + M/F), not a NINO: ask for the allocated NINO',
    };
  }
  if (HMRC_TRN.test(value)) {
    return { ok: false, reason: 'HMRC Temporary Reference Number (TRN), not a NINO: ask for the allocated NINO' };
  }
  if (DOB_AND_SEX.test(value)) {
    return {
      ok: false,
      reason: 'temporary reference number (date of birth + M/F suffix), not a NINO: ask for the allocated NINO',
    };
  }
  if (/^[A-Z]{2}\d{6}$/.test(value)) {
    return { ok: false, reason: 'NINO has no suffix letter (A, B, C or D)' };
  }
  if (!SHAPE.test(value)) {
    return { ok: false, reason: 'NINO must be two letters, six digits and a suffix A, B, C or D' };
  }
  const prefix = value.slice(0, 2);
  const administrative = ADMINISTRATIVE_PREFIXES.get(prefix);
  if (administrative !== undefined) {
    return { ok: false, reason: `administrative reference with prefix ${prefix} (${administrative}), not a NINO` };
  }
  const [first, second] = prefix;
  if (first !== undefined && BANNED_ANY.has(first)) {
    return { ok: false, reason: `NINO prefix cannot start with ${first}` };
  }
  if (second !== undefined && BANNED_SECOND.has(second)) {
    return { ok: false, reason: `NINO prefix cannot have ${second} as its second letter` };
  }
  if (UNALLOCATED_PREFIXES.has(prefix)) {
    const note = prefix === 'TN' ? ' (TN marks a temporary reference number)' : '';
    return { ok: false, reason: `NINO prefix ${prefix} is not allocated${note}` };
  }
  return { ok: true, nino: value as Nino };
}

/** True only for an already normalised, valid NINO (no spaces, upper case). */
export function isNino(input: string): input is Nino {
  const result = parseNino(input);
  return result.ok && result.nino === input;
}

/**
 * For logs: keeps the first two and last three characters ('AB****56C'), never the full number.
 * Works on any input, valid or not; short inputs are masked entirely.
 */
export function maskNino(nino: string): string {
  const value = normaliseNino(nino);
  if (value.length <= 5) {
    return '*'.repeat(value.length);
  }
  return `${value.slice(0, 2)}${'*'.repeat(value.length - 5)}${value.slice(-3)}`;
}
