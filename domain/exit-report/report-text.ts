import { parseNino } from '../nino.ts';
import type { ExitReportDocument } from './types.ts';

/**
 * Reads an Exit Report written as headed text, the way any mail client or editor can produce it:
 *
 *   First name: Sam
 *   Surname: Example
 *   NINO: JT 12 34 56 A
 *   Summary of actions and activities:
 *   …
 *   Periods of work experience or employment and reasons actions were not completed:
 *   …
 *   Next steps:
 *   …
 *   Further information:          (optional)
 *   …
 *   Not required                  (optional marker line, para 82)
 *   End of report                 (optional: anything after it, like a signature, is ignored)
 *
 * Headings are matched without regard to case, bold or Markdown markers, numbering or a trailing colon; a value
 * may follow the heading on the same line (after a colon or a tab) or on the lines below. The signature
 * delimiter "-- ", "-----Original Message-----" and "On … wrote:" end the report; quoted lines ("> ") are left out.
 */
type Section =
  | 'firstName'
  | 'surname'
  | 'nino'
  | 'participantDetails'
  | 'summary'
  | 'workAndReasons'
  | 'nextSteps'
  | 'furtherInformation'
  | 'notRequired'
  | 'broughtToAttention'
  | 'end'
  | 'title';

const HEADINGS: ReadonlyArray<readonly [Section, RegExp]> = [
  ['firstName', /^(?:first\s*name|forename|given\s*name)s?/i],
  ['surname', /^(?:surname|last\s*name|family\s*name)/i],
  ['nino', /^(?:national\s*insurance\s*(?:number|no\.?)|ni\s*no\.?|nino|ni\s*number)/i],
  ['participantDetails', /^participant(?:'s)?\s*details/i],
  ['summary', /^summary(?:\s+of\s+(?:the\s+)?actions?(?:\s+(?:and|&)\s+activities)?)?/i],
  [
    'workAndReasons',
    /^(?:periods?\s+of\s+work(?:\s+experience)?(?:\s+(?:or|and|\/)\s+employment)?(?:\s+(?:and|&)\s+(?:the\s+)?reasons?\s+(?:why\s+)?(?:the\s+)?actions?\s+(?:were\s+)?not\s+completed)?|work\s+experience\s+(?:or|and|\/)\s+employment|reasons?\s+(?:why\s+)?actions?\s+(?:were\s+)?not\s+completed)/i,
  ],
  ['nextSteps', /^next\s*steps?/i],
  ['furtherInformation', /^(?:further|additional)\s+information/i],
  ['notRequired', /^not\s+required/i],
  [
    'broughtToAttention',
    /^(?:sensitive\s+information\s+)?brought\s+to\s+(?:the\s+)?participant(?:'|’)?s?\s+attention/i,
  ],
  ['end', /^end\s+of\s+(?:the\s+)?(?:exit\s+)?report/i],
  ['title', /^(?:work\s+programme\s+)?exit\s+report$/i],
];

const STOP_LINES = [/^-- ?$/, /^-{3,}\s*original message\s*-{3,}$/i, /^on .{3,200} wrote:$/i, /^_{10,}$/];

export interface ReportText {
  document: ExitReportDocument;
  /** How many headings were recognised: 0 means the text is not a report at all. */
  headingsFound: number;
}

export function readReportText(text: string): ReportText {
  const values: Partial<Record<Section, string[]>> = {};
  let current: Section | null = null;
  let headingsFound = 0;
  let notRequired = /not appropriate,?\s*c\/circs received/i.test(text);
  let broughtToAttention = false;

  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*>/.test(rawLine)) continue;
    const line = rawLine.replace(/[\u00a0\u200b]/g, ' ').trimEnd();
    if (STOP_LINES.some((stop) => stop.test(line.trim()))) break;
    const heading = matchHeading(line);
    if (heading !== null) {
      headingsFound++;
      if (heading.section === 'end') break;
      if (heading.section === 'title') continue;
      if (heading.section === 'broughtToAttention') {
        broughtToAttention = /^(?:yes|y|true|confirmed)\b/i.test(heading.rest);
        current = null;
        continue;
      }
      if (heading.section === 'notRequired') {
        notRequired = !/^(?:no|false|n)\b/i.test(heading.rest);
        current = null;
        continue;
      }
      current = heading.section;
      const lines = values[current] ?? [];
      if (heading.rest !== '') lines.push(heading.rest);
      values[current] = lines;
      continue;
    }
    if (current !== null) {
      values[current]?.push(line.trim());
    }
  }

  const section = (name: Section): string => tidy(values[name] ?? []);
  const firstName = section('firstName');
  const surname = section('surname');
  const ninoText = section('nino');
  const parsed = parseNino(ninoText);
  const nino = parsed.ok ? parsed.nino : ninoText;
  const details = section('participantDetails');
  const furtherInformation = values.furtherInformation === undefined ? null : section('furtherInformation');
  return {
    document: {
      firstName,
      surname,
      nino,
      participantDetails: details !== '' ? details : composeDetails(firstName, surname, nino),
      summary: section('summary'),
      workAndReasons: section('workAndReasons'),
      nextSteps: section('nextSteps'),
      furtherInformation: furtherInformation === '' ? null : furtherInformation,
      notRequired,
      ...(broughtToAttention ? { broughtToAttention } : {}),
    },
    headingsFound,
  };
}

/** The participant details as the report prints them: only first name, surname and NINO (para 56). */
export function composeDetails(firstName: string, surname: string, nino: string): string {
  return [
    firstName !== '' ? `First name: ${firstName}` : '',
    surname !== '' ? `Surname: ${surname}` : '',
    nino !== '' ? `NINO: ${nino}` : '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function matchHeading(line: string): { section: Section; rest: string } | null {
  // "## 2. **Next steps:**" → "Next steps:"
  const cleaned = line
    .trim()
    .replace(/^#{1,6}\s*/, '')
    .replace(/^(?:\d{1,2}|[a-h])[.)]\s+/i, '')
    .replace(/^[*_]{1,3}/, '')
    .replace(/^[-•]\s+/, '');
  for (const [section, pattern] of HEADINGS) {
    const match = pattern.exec(cleaned);
    if (!match) continue;
    let rest = cleaned.slice(match[0].length);
    // The heading must end here: at the end of the line, or at a colon, dash or tab before the value.
    rest = rest.replace(/^[*_]{1,3}/, '');
    if (rest.trim() === '' || /^[*_]*\s*$/.test(rest)) {
      return { section, rest: '' };
    }
    const value = /^\s*(?::|\t|\s[-–]\s)\s*(.*)$/.exec(rest);
    if (value) {
      return { section, rest: (value[1] ?? '').replace(/^[*_]{1,3}\s*/, '').trim() };
    }
  }
  return null;
}

/** Lines joined, outer blank lines dropped, runs of blank lines kept as one paragraph break. */
function tidy(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
