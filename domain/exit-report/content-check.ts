import { findNinos } from '../mail/nino-tokens.ts';
import { parseNino } from '../nino.ts';
import type { ExitReportDocument } from './types.ts';

/**
 * The checks an Exit Report must pass before it is emailed (CPA 18 ch.10 paras 56–60, 69):
 * - only the participant's first name, surname and NINO as personal data (no dates of birth, addresses or
 *   postcodes, phone numbers, email addresses, other NINOs, bank details);
 * - the minimum sections present and not empty (participant details; summary of actions and activities;
 *   periods of work experience or employment and reasons actions were not completed; next steps);
 * - no reference to ethnicity, religious beliefs or trade union membership;
 * - SCR participants are never emailed (para 31–32, 66–67).
 * Problems are plain English for the caseworker; they quote the section, never a found phone number or NINO.
 */
export interface ContentCheck {
  ok: boolean;
  problems: string[];
}

type TextSection = 'participantDetails' | 'summary' | 'workAndReasons' | 'nextSteps' | 'furtherInformation';

const SECTION_NAMES: Record<TextSection, string> = {
  participantDetails: 'Participant details',
  summary: 'Summary of actions and activities',
  workAndReasons: 'Periods of work experience or employment and reasons actions were not completed',
  nextSteps: 'Next steps',
  furtherInformation: 'Further information',
};

export const SCR_INSTRUCTION =
  "This participant has a Special Customer Record (SCR): their Exit Report must never be emailed. Your Nominated Officer completes it, marks 'SCR participant' clearly at the top, and sends it securely by first class post or courier to the Nominated Officer at the Jobcentre Plus District SPoC (paras 31–32, 66), in packages of no more than 49 Exit Reports (para 67). Record the date it was posted.";

/** Personal data other than first name, surname and NINO: what it is called, and how to spot it. */
const PERSONAL_DATA: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  {
    what: 'a date of birth',
    pattern: /\b(?:date\s+of\s+birth|d\.?\s?o\.?\s?b\.?|birth\s*date|born\s+(?:on|in)|birthday)\b/i,
  },
  {
    what: 'a postcode',
    pattern: /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/,
  },
  {
    what: 'a home address',
    pattern:
      /\b(?:\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Terrace|Place|Gardens|Court|Grove|Walk|Mews|Row|Square|Hill|Park|View)\b|(?:lives|living|resides|residing)\s+at\b|home\s+address|(?:^|\n)\s*address\s*:)/,
  },
  {
    what: 'a phone number',
    pattern: /(?<![\d/.-])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d]|[/.-]\d)/,
  },
  { what: 'an email address', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/ },
  {
    what: 'bank details',
    pattern:
      /\b(?:sort\s*code|bank\s+account|account\s+(?:no|number)|iban|building\s+society\s+(?:account|roll))\b|\bGB\d{2}\s?[A-Z]{4}(?:\s?\d){14}\b/i,
  },
];

/**
 * Words that refer to ethnicity, religious belief or trade union membership (para 60). Kept narrow to avoid
 * false positives: "Indian restaurant", "racecourse", "in good faith", "Church Street", "European Union",
 * "credit union" and a participant called Christian are not flagged; "attends church", "Muslim", "union rep" are.
 */
const SENSITIVE: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  {
    what: 'ethnicity',
    pattern:
      /\b(?:ethnic(?:ity|ities|ally)?|racial(?:ly)?|mixed[\s-]race|(?:his|her|their)\s+race|BAME|BME|(?:white|black|asian)\s+(?:british|irish|african|caribbean|other)|gypsy|(?:irish\s+)?traveller\s+(?:community|heritage|background)|roma(?:ni)?\s+(?:community|heritage|background)|of\s+\w+\s+(?:descent|heritage|origin)|skin\s+colou?r)\b/i,
  },
  {
    what: 'religious beliefs',
    pattern:
      /\b(?:religio(?:n|ns|us)|(?:his|her|their)\s+(?:faith|beliefs?)|faith\s+(?:group|community|leader)|muslim|islam(?:ic)?|jewish|judaism|hindu(?:ism)?|sikh(?:ism)?|buddhis[mt]|catholic(?:ism)?|protestant|christianity|atheis[mt]|agnostic|ramadan|mosque|synagogue|gurdwara|(?:practising|practicing|devout|committed)\s+(?:christian|catholic|believer)|(?:attends|attending|goes\s+to|going\s+to)\s+(?:church|chapel|mass|temple)|churchgoer|church-goer|prayers?|praying|sabbath)\b/i,
  },
  {
    what: 'trade union membership',
    pattern:
      /\b(?:trade(?:s)?[\s-]union|(?<!(?:students?'?|credit|european|athletic|rugby)\s)union\s+(?:member(?:ship)?|rep(?:resentative)?|official|activist|dues|steward)|member\s+of\s+(?:a|the|his|her|their)\s+union|joined\s+(?:a|the)\s+union|unioni[sz]ed|shop\s+steward|UNISON|Unite\s+the\s+Union|GMB|USDAW|Usdaw|TUC|RMT)\b/i,
  },
];

/** These religious words are also first names: flagged in the text only when they are not the participant's own name. */
const NAME_WORDS = /\b(?:Christian)\b/g;

export function checkExitReport(doc: ExitReportDocument, opts: { scr: boolean }): ContentCheck {
  const problems: string[] = [];
  if (opts.scr) {
    problems.push(SCR_INSTRUCTION);
  }

  // Participant details: surname and NINO at least (para 57); the NINO valid.
  if (doc.surname.trim() === '') {
    problems.push('The surname is missing: add a "Surname:" line (participant details, para 57).');
  }
  const nino = parseNino(doc.nino);
  if (doc.nino.trim() === '') {
    problems.push('The NINO is missing: add a "NINO:" line (participant details, para 57).');
  } else if (!nino.ok) {
    const inside = findNinos(doc.nino);
    if (inside.length === 1) {
      // A NINO and something more under the heading (a date of birth, a phone number): say what is wrong.
      const rest = doc.nino.replace(/[A-Za-z]{2}(?:[ \u00a0]?\d){6}[ \u00a0]?[A-Da-d]/, '').trim();
      const looksLike = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\b\d{1,2}\s+[A-Za-z]{3,9}\s+\d{2,4}\b/.test(rest)
        ? ' (it looks like a date, perhaps a date of birth)'
        : '';
      problems.push(
        `Under the NINO heading there is more than the NINO${looksLike}. Only the participant's NINO may be written there, and only first name, surname and NINO may be on an Exit Report (para 56): remove the rest.`,
      );
    } else {
      problems.push(`The NINO is not valid (${nino.reason}).`);
    }
  }

  // The minimum sections (para 57). A report marked "not required" (para 82) is returned for audit only.
  if (!doc.notRequired) {
    for (const section of ['summary', 'workAndReasons', 'nextSteps'] as const) {
      if (doc[section].trim() === '') {
        problems.push(`The section "${SECTION_NAMES[section]}" is missing or empty (para 57).`);
      }
    }
  }

  const ownNino = nino.ok ? nino.nino : (findNinos(doc.nino)[0] ?? null);
  const ownNames = [doc.firstName, doc.surname].map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  const sections: TextSection[] = [
    'participantDetails',
    'summary',
    'workAndReasons',
    'nextSteps',
    'furtherInformation',
  ];
  for (const section of sections) {
    const raw = doc[section];
    if (raw === null || raw.trim() === '') continue;
    // The participant's own name and NINO lines are allowed personal data; look at the rest.
    const text = section === 'participantDetails' ? withoutOwnDetails(raw) : raw;
    const name = SECTION_NAMES[section];

    for (const { what, pattern } of PERSONAL_DATA) {
      if (pattern.test(text)) {
        problems.push(
          `"${name}" seems to contain ${what}. Only the participant's first name, surname and NINO may be on an Exit Report (para 56): remove it.`,
        );
      }
    }
    const otherNinos = findNinos(text).filter((found) => found !== ownNino);
    if (otherNinos.length > 0) {
      problems.push(
        `"${name}" contains another NINO than the participant's. Only the participant's own NINO may be on the report (para 56): remove it.`,
      );
    }
    const withoutNames = text.replace(NAME_WORDS, (word) => (ownNames.includes(word.toLowerCase()) ? '' : word));
    for (const { what, pattern } of SENSITIVE) {
      const match = pattern.exec(withoutNames);
      if (match) {
        problems.push(
          `"${name}" refers to ${what} ("${match[0]}"). An Exit Report must make no reference to ethnicity, religious beliefs or trade union membership (para 60): remove it.`,
        );
      }
    }
    if (/\bChristian\b/.test(withoutNames)) {
      problems.push(
        `"${name}" refers to religious beliefs ("Christian"). An Exit Report must make no reference to ethnicity, religious beliefs or trade union membership (para 60): remove it.`,
      );
    }
  }

  return { ok: problems.length === 0, problems };
}

/** Participant details without its "First name:", "Surname:" and "NINO:" lines. */
function withoutOwnDetails(text: string): string {
  return text
    .split('\n')
    .filter(
      (line) =>
        !/^\s*(?:first\s*name|forename|surname|last\s*name|family\s*name|nino|ni\s*no\.?|ni\s*number|national\s*insurance\s*(?:number|no\.?))\s*[:\t]/i.test(
          line,
        ),
    )
    .join('\n');
}
