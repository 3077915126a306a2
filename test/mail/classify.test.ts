import { describe, expect, it } from 'vitest';
import { type ClassifyInput, classifyInbound } from '../../domain/mail/classify.ts';

const BASE: ClassifyInput = {
  subject: 'Work Programme Exit Report Request',
  bodyText: '',
  to: ['exit-reports@provider.example'],
  submissionAddresses: ['submit-exit-report@provider.example'],
  formTitles: [],
  formsWithParticipants: 1,
  formsFound: 1,
};

function kindOf(change: Partial<ClassifyInput>) {
  return classifyInbound({ ...BASE, ...change });
}

describe('what kind of message', () => {
  it.each<[string, Partial<ClassifyInput>, string]>([
    ['the request subject', {}, 'exit-report-request'],
    [
      'the request subject in other case and spacing',
      { subject: '  work  programme EXIT report request ' },
      'exit-report-request',
    ],
    ['a forwarded request', { subject: 'FW: Work Programme Exit Report Request' }, 'exit-report-request'],
    ['a reminder subject', { subject: 'Work Programme Exit Report Request - Reminder' }, 'exit-report-reminder'],
    ['a WPER3E subject', { subject: 'WPER3E Exit Report' }, 'exit-report-reminder'],
    [
      'a WPER3E form title',
      { formTitles: ['Work Programme Provider Exit Report Request - Electronic WPER3E'] },
      'exit-report-reminder',
    ],
    ['an ad hoc subject', { subject: 'Ad-hoc Exit Report request' }, 'ad-hoc-request'],
    ['an ad hoc form title', { formTitles: ['Ad hoc Exit Report request'] }, 'ad-hoc-request'],
    ['"no longer required" in the subject', { subject: 'Exit Report no longer required' }, 'not-required'],
    ['"requested in error" in the subject', { subject: 'Exit Report requested in error' }, 'not-required'],
    [
      'a reply saying the report is not required',
      {
        subject: 'RE: Work Programme Exit Report Request',
        bodyText: 'This Exit Report is no longer required.',
        formsWithParticipants: 0,
        formsFound: 0,
      },
      'not-required',
    ],
    [
      'mail to the submission address',
      { to: ['submit-exit-report@provider.example'], subject: 'anything' },
      'report-submission',
    ],
    ['anything else', { subject: 'Lunch on Friday?', formsFound: 0, formsWithParticipants: 0 }, 'unrecognised'],
  ])('%s', (_, change, kind) => {
    expect(kindOf(change).kind).toBe(kind);
  });

  it('does not take prose for a form title', () => {
    expect(kindOf({ formTitles: ['Reminder: please accept the read receipt'] }).kind).toBe('exit-report-request');
  });

  it('does not take boilerplate for a cancellation when the request form could not be read', () => {
    const result = kindOf({
      bodyText: 'If an Exit Report is no longer required you will be told.',
      formsWithParticipants: 0,
      formsFound: 0,
    });
    expect(result.kind).toBe('exit-report-request');
  });

  it('recognises a submission by subject only when no submission address is configured', () => {
    const subject = 'RE: Exit Report JT123456A';
    expect(kindOf({ subject, submissionAddresses: [], formsFound: 0 }).kind).toBe('report-submission');
    expect(kindOf({ subject, formsFound: 0 }).kind).toBe('unrecognised');
  });

  it('rejects a form under the wrong subject (para 35)', () => {
    const result = kindOf({ subject: 'Exit reports' });
    expect(result.kind).toBe('unrecognised');
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'subject-mismatch', severity: 'reject' }));
  });

  it('notes a near-miss subject and a forward prefix', () => {
    expect(kindOf({ subject: 'Exit Report Request' }).findings).toContainEqual(
      expect.objectContaining({ code: 'subject-mismatch', severity: 'info' }),
    );
    expect(kindOf({ subject: 'Fwd: Work Programme Exit Report Request' }).findings).toContainEqual(
      expect.objectContaining({ code: 'subject-prefix', severity: 'info' }),
    );
  });
});
