import { describe, expect, it } from 'vitest';
import { formatReaders } from '../../adapters/mail-reading/formats.ts';
import { readSubmission, type SubmissionMail } from '../../domain/exit-report/read-submission.ts';
import { readReportText } from '../../domain/exit-report/report-text.ts';
import { NOT_REQUIRED_WORDING } from '../../domain/exit-report/types.ts';

const REPORT = [
  'First name: Sam',
  'Surname: Example',
  'NINO: JT 12 34 56 A',
  'Summary of actions and activities:',
  'Attended a CV workshop.',
  '',
  'Completed a forklift course.',
  'Periods of work experience or employment and reasons actions were not completed:',
  'Work experience in October 2023.',
  'Next steps:',
  'Sector-based work academy.',
].join('\n');

function mail(overrides: Partial<SubmissionMail>): SubmissionMail {
  return { subject: 'Exit Report JT123456A', text: REPORT, html: null, attachments: [], ...overrides };
}

describe('reading an Exit Report written as headed text', () => {
  it('reads each section, keeping paragraph breaks', () => {
    // Act
    const { document, headingsFound } = readReportText(REPORT);
    // Assess
    expect(headingsFound).toBe(6);
    expect(document).toEqual({
      firstName: 'Sam',
      surname: 'Example',
      nino: 'JT123456A',
      participantDetails: 'First name: Sam\nSurname: Example\nNINO: JT123456A',
      summary: 'Attended a CV workshop.\n\nCompleted a forklift course.',
      workAndReasons: 'Work experience in October 2023.',
      nextSteps: 'Sector-based work academy.',
      furtherInformation: null,
      notRequired: false,
    });
  });

  it.each([
    ['Markdown headings', '## Next steps\nSector-based work academy.'],
    ['bold headings with the value inline', '**Next steps:** Sector-based work academy.'],
    ['numbered headings', '4. Next steps:\nSector-based work academy.'],
    ['a heading and value in table cells (tab)', 'Next steps\tSector-based work academy.'],
    ['upper case', 'NEXT STEPS:\nSector-based work academy.'],
    ['a dash separator', 'Next steps - Sector-based work academy.'],
  ])('tolerates %s', (_, text) => {
    expect(readReportText(text).document.nextSteps).toBe('Sector-based work academy.');
  });

  it.each([
    ['Periods of work experience or employment and reasons actions were not completed:'],
    ['Periods of work experience or employment:'],
    ['Work experience or employment:'],
    ['Reasons actions were not completed:'],
  ])('recognises the work and reasons heading written as %j', (heading) => {
    expect(readReportText(`${heading}\nSome text.`).document.workAndReasons).toBe('Some text.');
  });

  it('does not take prose that starts like a heading for one', () => {
    const { document } = readReportText(
      'Next steps:\nNot required to attend further sessions.\nSummary of the meeting was positive.',
    );
    expect(document.nextSteps).toBe('Not required to attend further sessions.\nSummary of the meeting was positive.');
    expect(document.notRequired).toBe(false);
  });

  it.each([
    ['a "Not required" line', `${REPORT}\nNot required`, true],
    ['"Not required: yes"', `${REPORT}\nNot required: yes`, true],
    ['"Not required: no"', `${REPORT}\nNot required: no`, false],
    ['the para 82 wording', `${NOT_REQUIRED_WORDING}\n${REPORT}`, true],
  ])('reads the not-required marker from %s', (_, text, expected) => {
    expect(readReportText(text).document.notRequired).toBe(expected);
  });

  it.each([
    ['"End of report"', 'End of report\nKind regards, Jo 0113 496 0000'],
    ['a signature delimiter', '-- \nJo, 0113 496 0000'],
    ['a quoted reply', 'On Mon, 3 Jun 2024 at 09:00, Someone <a@b.example> wrote:\n> 0113 496 0000'],
    ['an Outlook reply', '-----Original Message-----\nFrom: a@b.example 0113 496 0000'],
  ])('stops at %s', (_, tail) => {
    expect(readReportText(`${REPORT}\n${tail}`).document.nextSteps).toBe('Sector-based work academy.');
  });

  it('finds no headings in prose', () => {
    expect(readReportText('Hi, please find my report attached. Thanks').headingsFound).toBe(0);
  });
});

/** The domain reader with the real file-format readers, as the inbound handler calls it. */
const read = (submission: SubmissionMail) => readSubmission(submission, formatReaders);

describe('reading a caseworker submission', () => {
  it('takes the NINO from the subject and the report from the body', async () => {
    const submission = await read(mail({}));
    expect(submission).toMatchObject({ nino: 'JT123456A', problems: [] });
    expect(submission.document?.surname).toBe('Example');
  });

  it('fills the report NINO from the subject when the report leaves it out', async () => {
    const submission = await read(mail({ text: REPORT.replace('NINO: JT 12 34 56 A\n', '') }));
    expect(submission.document?.nino).toBe('JT123456A');
    expect(submission.document?.participantDetails).toMatch(/NINO: JT123456A/);
  });

  it('reports a subject NINO that is not the report NINO, masked', async () => {
    const submission = await read(mail({ subject: 'Exit Report KP654321B' }));
    expect(submission.problems.join(' ')).toMatch(/KP\*\*\*\*21B.*JT\*\*\*\*56A/);
  });

  it('asks for the NINO in the subject', async () => {
    const submission = await read(mail({ subject: 'Exit report for Sam' }));
    expect(submission.nino).toBe('JT123456A');
    expect(submission.problems.join(' ')).toMatch(/subject has no valid NINO/);
  });

  it('reads an HTML body, as Gmail or Outlook sends it', async () => {
    const html = REPORT.split('\n')
      .map((line) => `<div>${line.replace(/^([^:]+:)/, '<b>$1</b>') || '<br>'}</div>`)
      .join('');
    const submission = await read(mail({ text: '', html }));
    expect(submission.document?.summary).toBe('Attended a CV workshop.\nCompleted a forklift course.');
  });

  it.each([
    ['report.txt', 'text/plain', Buffer.from(REPORT)],
    ['report.md', 'application/octet-stream', Buffer.from(REPORT.replace('Next steps:', '## Next steps'))],
    ['report.html', 'text/html', Buffer.from(`<p>${REPORT.replace(/\n/g, '<br>')}</p>`)],
  ])('reads an attached %s', async (filename, contentType, content) => {
    const submission = await read(mail({ text: 'Attached.', attachments: [{ filename, contentType, content }] }));
    expect(submission.problems).toEqual([]);
    expect(submission.document?.nextSteps).toBe('Sector-based work academy.');
  });

  it('ignores a signature logo', async () => {
    const submission = await read(
      mail({ attachments: [{ filename: 'logo.png', contentType: 'image/png', content: Buffer.from([137, 80]) }] }),
    );
    expect(submission.problems).toEqual([]);
  });

  it.each([
    ['report.pdf', 'application/pdf', /PDF cannot be checked/],
    ['report.doc', 'application/msword', /format that cannot be read/],
    ['report.odt', 'application/vnd.oasis.opendocument.text', /format that cannot be read/],
  ])('refuses %s with an explanation', async (filename, contentType, problem) => {
    const submission = await read(mail({ attachments: [{ filename, contentType, content: Buffer.from('x') }] }));
    expect(submission.problems.join(' ')).toMatch(problem);
  });

  it('refuses two attached reports: one report per email', async () => {
    const attachment = { filename: 'a.txt', contentType: 'text/plain', content: Buffer.from(REPORT) };
    const submission = await read(mail({ attachments: [attachment, { ...attachment, filename: 'b.txt' }] }));
    expect(submission.document).toBeNull();
    expect(submission.problems.join(' ')).toMatch(/one Exit Report per email/);
  });

  it('refuses an empty or broken attachment', async () => {
    expect(
      (await read(mail({ attachments: [{ filename: 'r.txt', contentType: 'text/plain', content: Buffer.alloc(0) }] })))
        .problems,
    ).toEqual(['"r.txt" is empty.']);
    expect(
      (
        await read(mail({ attachments: [{ filename: 'r.docx', contentType: '', content: Buffer.from('not a zip') }] }))
      ).problems.join(' '),
    ).toMatch(/could not be read as a Word document/);
  });

  it('says how to write the report when none is found', async () => {
    const submission = await read(mail({ text: 'Hi, here it is.' }));
    expect(submission.document).toBeNull();
    expect(submission.problems.join(' ')).toMatch(/No Exit Report was found/);
  });
});
