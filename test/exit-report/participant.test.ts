import { describe, expect, it } from 'vitest';
import { checkExitReport } from '../../domain/exit-report/content-check.ts';
import { readReportText } from '../../domain/exit-report/report-text.ts';

const REPORT = (further: string, attention?: string) =>
  [
    'First name: Sam',
    'Surname: Example',
    'NINO: JT 31 07 01 A',
    'Summary of actions and activities:',
    'Completed a CV workshop and a health and safety course.',
    'Periods of work experience or employment and reasons actions were not completed:',
    'Four weeks of work experience in retail.',
    'Next steps:',
    'Weekly job search support.',
    'Further information:',
    further,
    ...(attention ? [attention] : []),
    'End of report',
  ].join('\n');

/** Para 61: sensitive information on the report goes only once it was brought to the participant's attention. */
describe('sensitive information and the participant (paras 59, 61)', () => {
  it.each([
    'Sam has a long-term mental health condition that affects attendance.',
    'Sam is in treatment for alcohol dependency and attends a support group.',
    'Sam manages diabetes and needs regular breaks.',
    'Substance misuse support is ongoing.',
  ])('returns a report that mentions %j until the caseworker confirms it was discussed', (further) => {
    const unconfirmed = readReportText(REPORT(further)).document;
    const result = checkExitReport(unconfirmed, { scr: false });
    expect(result.ok).toBe(false);
    expect(result.problems.join(' ')).toMatch(
      /"Further information" includes sensitive information \(".+"\)\. It may be sent only after it has been brought to the participant's attention \(para 61\)/,
    );
    const confirmed = readReportText(REPORT(further, "Brought to the participant's attention: yes")).document;
    expect(confirmed.broughtToAttention).toBe(true);
    expect(checkExitReport(confirmed, { scr: false })).toEqual({ ok: true, problems: [] });
    // The confirmation line is a marker for the check, not part of the report.
    expect(confirmed.furtherInformation).toBe(further);
  });

  it('"health and safety" is not sensitive information; "no" does not confirm', () => {
    expect(checkExitReport(readReportText(REPORT('Keen to work outdoors.')).document, { scr: false }).ok).toBe(true);
    const no = readReportText(REPORT('Sam lives with depression.', "Brought to the participant's attention: no"));
    expect(no.document.broughtToAttention).toBeUndefined();
    expect(checkExitReport(no.document, { scr: false }).ok).toBe(false);
  });
});
