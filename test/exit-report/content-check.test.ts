import { describe, expect, it } from 'vitest';
import { checkExitReport, SCR_INSTRUCTION } from '../../domain/exit-report/content-check.ts';
import type { ExitReportDocument } from '../../domain/exit-report/types.ts';

const GOOD: ExitReportDocument = {
  firstName: 'Sam',
  surname: 'Example',
  nino: 'JT123456A',
  participantDetails: 'First name: Sam\nSurname: Example\nNINO: JT123456A',
  summary: 'Sam attended a CV workshop and completed a forklift licence course in September 2023.',
  workAndReasons: 'Work experience from 02/10/2023 to 27/10/2023 at a distribution centre, completed.',
  nextSteps: 'Refer to the sector-based work academy for logistics.',
  furtherInformation: null,
  notRequired: false,
};

function withSummary(summary: string): ExitReportDocument {
  return { ...GOOD, summary };
}

describe('Exit Report content check', () => {
  it('passes a complete report with only first name, surname and NINO', () => {
    expect(checkExitReport(GOOD, { scr: false })).toEqual({ ok: true, problems: [] });
  });

  describe('minimum sections (para 57)', () => {
    it.each([
      ['surname', { surname: '' }, /surname is missing/],
      ['NINO', { nino: '' }, /NINO is missing/],
      ['an invalid NINO', { nino: 'QQ123456C' }, /NINO is not valid/],
      ['summary', { summary: '  ' }, /"Summary of actions and activities" is missing or empty/],
      [
        'work and reasons',
        { workAndReasons: '' },
        /"Periods of work experience or employment and reasons actions were not completed" is missing/,
      ],
      ['next steps', { nextSteps: '' }, /"Next steps" is missing or empty/],
    ])('refuses a report without %s', (_, change, problem) => {
      // Act
      const result = checkExitReport({ ...GOOD, ...change }, { scr: false });
      // Assess
      expect(result.ok).toBe(false);
      expect(result.problems.join('\n')).toMatch(problem);
    });

    it('does not require the sections of a report marked not required (para 82), only the participant', () => {
      const result = checkExitReport(
        { ...GOOD, summary: '', workAndReasons: '', nextSteps: '', notRequired: true },
        { scr: false },
      );
      expect(result).toEqual({ ok: true, problems: [] });
    });

    it('does not require a first name (para 57 asks for surname and NINO)', () => {
      expect(checkExitReport({ ...GOOD, firstName: '' }, { scr: false }).ok).toBe(true);
    });
  });

  describe('personal data other than first name, surname and NINO (para 56)', () => {
    describe('flags', () => {
      it.each([
        ['a date of birth', 'Sam (DOB 01/02/1980) attended.', 'a date of birth'],
        ['"date of birth"', 'Date of birth: 1 February 1980.', 'a date of birth'],
        ['"born in"', 'Sam was born in 1980.', 'a date of birth'],
        ['a postcode', 'Sam moved to LS1 4AP last year.', 'a postcode'],
        ['a street address', 'Sam lives near 12 Example Street.', 'a home address'],
        ['"lives at"', 'Sam lives at the hostel on the corner.', 'a home address'],
        ['a mobile number', 'Call Sam on 07700 900123.', 'a phone number'],
        ['a landline number', 'Phone 0113 496 0000 for Sam.', 'a phone number'],
        ['an international number', 'Phone +44 7700 900123.', 'a phone number'],
        ['an email address', 'Sam uses sam.example@mail.example.', 'an email address'],
        ['a sort code', 'Sort code 12-34-56 account 12345678.', 'bank details'],
        ['an IBAN', 'Paid into GB33BUKB20201555555555.', 'bank details'],
      ])('%s', (_, text, what) => {
        const result = checkExitReport(withSummary(text), { scr: false });
        expect(result.ok).toBe(false);
        expect(result.problems.join('\n')).toContain(`seems to contain ${what}`);
      });

      it("another NINO than the participant's, without printing it", () => {
        const result = checkExitReport(withSummary("Sam's partner (KP 65 43 21 B) also attended."), { scr: false });
        expect(result.problems.join('\n')).toMatch(/another NINO/);
        expect(result.problems.join('\n')).not.toMatch(/654321/);
      });

      it('extra personal data in the participant details section', () => {
        const result = checkExitReport(
          { ...GOOD, participantDetails: `${GOOD.participantDetails}\nPhone: 07700 900123` },
          { scr: false },
        );
        expect(result.problems.join('\n')).toMatch(/"Participant details" seems to contain a phone number/);
      });
    });

    describe('does not flag', () => {
      it.each([
        ['dates of work experience', 'Work experience from 02/10/2023 to 27/10/2023 (4 weeks).'],
        ['ISO dates', 'Started 2023-10-02 and finished 2023-10-27.'],
        ['hours', 'Worked 0900-1700, 16 hours a week, for 12 weeks.'],
        ['qualification levels', 'Completed a Level 2 NVQ and the CSCS card test.'],
        ['a workplace without a number', 'Worked at a cafe on the High Street.'],
        ["the participant's own NINO", 'JT 12 34 56 A attended every appointment.'],
        ['money amounts', 'Earned £450 a month; the course cost £120.'],
      ])('%s', (_, text) => {
        expect(checkExitReport(withSummary(text), { scr: false })).toEqual({ ok: true, problems: [] });
      });
    });
  });

  describe('ethnicity, religious beliefs, trade union membership (para 60)', () => {
    describe('flags', () => {
      it.each([
        ['ethnicity', "Sam's ethnicity was recorded as mixed.", 'ethnicity'],
        ['ethnic background', "Support was arranged for Sam's ethnic background.", 'ethnicity'],
        ['an ethnic group', 'Sam is White British.', 'ethnicity'],
        ['descent', 'Sam is of Irish descent.', 'ethnicity'],
        ['race', 'Staff were careful about her race.', 'ethnicity'],
        ['a religion', 'Sam is a practising Muslim.', 'religious beliefs'],
        ['a place of worship', 'Appointments avoided Friday prayers at the mosque.', 'religious beliefs'],
        ['church attendance', 'Sam attends church on Sundays, so no Sunday shifts.', 'religious beliefs'],
        ['"religious"', 'Sam has strong religious views.', 'religious beliefs'],
        ['Christian as a belief', 'Sam is a devout Christian.', 'religious beliefs'],
        ['his faith', 'He did not want to work on holy days because of his faith.', 'religious beliefs'],
        ['a trade union', 'Sam is a member of a trade union.', 'trade union membership'],
        ['a union rep', 'Sam was a union rep at the warehouse.', 'trade union membership'],
        ['a named union', 'Sam joined UNISON last year.', 'trade union membership'],
        ['shop steward', 'Sam was shop steward.', 'trade union membership'],
      ])('%s', (_, text, what) => {
        const result = checkExitReport(withSummary(text), { scr: false });
        expect(result.ok).toBe(false);
        expect(result.problems.join('\n')).toContain(`refers to ${what}`);
      });
    });

    describe('does not flag', () => {
      it.each([
        ['a restaurant', 'Sam had a trial shift at an Indian restaurant.'],
        ['a racecourse', 'Seasonal work at the racecourse catering team.'],
        ['a race against time', 'Finding work before the end was a race against time.'],
        ['good faith', 'Sam engaged in good faith throughout.'],
        ['a credit union', 'Sam was referred to the credit union for budgeting advice.'],
        ["a students' union", "Sam volunteered as a students' union member at college."],
        ['the European Union', 'Sam worked in a European Union funded project.'],
        ['unite as a verb', 'The team tried to unite the group around job search.'],
        ['religiously as diligently', 'Sam attended religiously every week.'],
        ['a church hall as a venue', 'The job club met in the church hall.'],
        ['traveling', 'Travelling to interviews was hard without a bus pass.'],
        ['origin as a word', 'The country of origin of the goods did not matter.'],
      ])('%s', (_, text) => {
        expect(checkExitReport(withSummary(text), { scr: false })).toEqual({ ok: true, problems: [] });
      });

      it('a participant whose first name is Christian', () => {
        const doc: ExitReportDocument = {
          ...GOOD,
          firstName: 'Christian',
          participantDetails: 'First name: Christian\nSurname: Example\nNINO: JT123456A',
          summary: 'Christian attended a CV workshop.',
        };
        expect(checkExitReport(doc, { scr: false })).toEqual({ ok: true, problems: [] });
      });
    });
  });

  describe('SCR participants (paras 31–32, 66–67)', () => {
    it('refuses email with the clerical instruction, first', () => {
      const result = checkExitReport(GOOD, { scr: true });
      expect(result.ok).toBe(false);
      expect(result.problems[0]).toBe(SCR_INSTRUCTION);
      expect(SCR_INSTRUCTION).toMatch(/Nominated Officer/);
      expect(SCR_INSTRUCTION).toMatch(/'SCR participant'/);
      expect(SCR_INSTRUCTION).toMatch(/no more than 49/);
      expect(SCR_INSTRUCTION).toMatch(/post or courier/);
    });

    it('still lists the content problems, for the clerical copy', () => {
      const result = checkExitReport({ ...GOOD, nextSteps: '' }, { scr: true });
      expect(result.problems).toHaveLength(2);
    });
  });

  it('checks further information too', () => {
    const result = checkExitReport(
      { ...GOOD, furtherInformation: 'Sam can be reached on 07700 900123.' },
      { scr: false },
    );
    expect(result.problems.join('\n')).toMatch(/"Further information" seems to contain a phone number/);
  });
});
