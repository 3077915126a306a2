import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../../domain/deadlines/rules.ts';
import { exitReportDeadline } from '../../domain/exit-report/deadlines.ts';
import { emailResumedNotice, emailSuspendedNotice } from '../../domain/notices/continuity-notices.ts';
import {
  escalatedNotice,
  newRequestNotice,
  noRequestReceivedNotice,
  overdueNotice,
  participantFlaggedNotice,
  reminderNotice,
  reportFailedChecksNotice,
  scrClericalRouteNotice,
  wper3ReceivedNotice,
} from '../../domain/notices/exit-report-notices.ts';
import type { Notice } from '../../domain/notices/format.ts';
import {
  moreThanOneFormNotice,
  senderNotDesignatedNotice,
  tooManyRecordsNotice,
} from '../../domain/notices/inbound-notices.ts';

const participant = { caseRef: 'WP-000123', nino: 'JT123456A' };
const SUBMIT = 'submit-exit-report@provider.example';
const message = {
  from: 'j.bloggs@mail.example',
  subject: 'Work Programme Exit Report Request JT 12 34 56 A',
  receivedAt: '2024-06-04T07:55:00Z',
};

/** Every notice: no full NINO anywhere, a subject on one line, text that is not empty. */
function expectSafe(notice: Notice): void {
  const all = `${notice.subject}\n${notice.text}`;
  expect(all).not.toMatch(/JT\s?12\s?34\s?56\s?A/);
  expect(notice.subject).not.toMatch(/\n/);
  expect(notice.text.length).toBeGreaterThan(50);
}

describe('staff notices', () => {
  it('new request: the due date, how it was counted, how to submit', () => {
    // Prepare
    const deadline = computeDeadline('exit-report', '2024-06-03');
    // Act
    const notice = newRequestNotice({ participant, requestDate: '2024-06-03', deadline, submissionAddress: SUBMIT });
    // Assess
    expectSafe(notice);
    expect(notice.subject).toBe('New Exit Report request: WP-000123 (JT****56A), due Fri 14 Jun 2024');
    expect(notice.text).toContain('requested an Exit Report for WP-000123 (JT****56A) on Mon 3 Jun 2024');
    expect(notice.text).toContain('How the deadline was counted:');
    expect(notice.text).toContain('Day 1: Mon 3 Jun 2024 (request date)');
    expect(notice.text).toContain('Skipped Sat 8 Jun 2024 – Sun 9 Jun 2024 (weekend)');
    expect(notice.text).toContain(`email it to ${SUBMIT}`);
  });

  it('new request: keeps an earlier printed deadline and says so; SCR gets the clerical route', () => {
    // The deadline as the lifecycle keeps it when the form printed an earlier date (the only path in production).
    const { deadline } = exitReportDeadline('2024-06-03', '2024-06-13', {
      nino: 'JT123456A',
      referralDate: '2022-05-01',
      division: 'england-and-wales',
      contract: 'CPA-18-0001',
      scr: true,
      subContractor: null,
      caseworkerEmail: 'caseworker@provider.example',
    });
    const notice = newRequestNotice({
      participant,
      requestDate: '2024-06-03',
      deadline,
      scr: true,
      adHoc: true,
      submissionAddress: SUBMIT,
    });
    expectSafe(notice);
    expect(notice.subject).toContain('due Thu 13 Jun 2024');
    expect(notice.text).toContain('an ad hoc Exit Report');
    expect(notice.text).toContain("The form's printed deadline 2024-06-13 is earlier than the computed 2024-06-14");
    expect(notice.text).toContain('Nominated Officer');
    expect(notice.text).not.toContain(SUBMIT);
  });

  it('internal reminder: working days left and the due date', () => {
    const notice = reminderNotice({ participant, due: '2024-06-14', workingDaysLeft: 2, submissionAddress: SUBMIT });
    expectSafe(notice);
    expect(notice.subject).toBe('Exit Report due in 2 working days: WP-000123 (JT****56A)');
    expect(notice.text).toContain('by the end of Fri 14 Jun 2024');
    expect(
      reminderNotice({ participant, due: '2024-06-14', workingDaysLeft: 1, submissionAddress: SUBMIT }).subject,
    ).toContain('1 working day:');
  });

  it('overdue: the missed date, the breach, the action', () => {
    const notice = overdueNotice({ participant, requestDate: '2024-06-03', due: '2024-06-14' });
    expectSafe(notice);
    expect(notice.subject).toBe('Exit Report overdue: WP-000123 (JT****56A) was due Fri 14 Jun 2024');
    expect(notice.text).toContain('requested on Mon 3 Jun 2024');
    expect(notice.text).toContain('breach of a contractual requirement');
    expect(notice.text).toContain('Action: make sure the report is completed and sent today');
  });

  it('WPER3 received: the escalation date and how it was counted', () => {
    const escalation = computeDeadline('escalation', '2024-06-18');
    const notice = wper3ReceivedNotice({
      participant,
      reminderDate: '2024-06-18',
      escalation,
      submissionAddress: SUBMIT,
    });
    expectSafe(notice);
    expect(notice.subject).toBe('WPER3 reminder received: WP-000123 (JT****56A), escalation after Wed 26 Jun 2024');
    expect(notice.text).toContain('How the escalation date was counted:');
    expect(notice.text).toContain('Day 7: Wed 26 Jun 2024');
    expect(notice.text).toContain('Action: send the Exit Report now.');
  });

  it('escalated: to the contract manager, with both dates', () => {
    const notice = escalatedNotice({ participant, reminderDate: '2024-06-18', escalationDate: '2024-06-26' });
    expectSafe(notice);
    expect(notice.subject).toBe('Exit Report escalated to the Performance Manager: WP-000123 (JT****56A)');
    expect(notice.text).toContain('Tue 18 Jun 2024');
    expect(notice.text).toContain('Wed 26 Jun 2024');
    expect(notice.text).toContain('Performance Manager');
  });

  it('no request received: contact Jobcentre Plus (para 27)', () => {
    const notice = noRequestReceivedNotice({ participant, expectedOn: '2024-06-03', workingDaysWaited: 5 });
    expectSafe(notice);
    expect(notice.subject).toBe('No Exit Report request received — contact Jobcentre Plus: WP-000123 (JT****56A)');
    expect(notice.text).toContain('around Mon 3 Jun 2024');
    expect(notice.text).toContain('5 working days');
    expect(notice.text).toContain('(para 27)');
  });

  it('sender not designated: phone the District SPoC (para 40), the subject quoted with the NINO masked', () => {
    const notice = senderNotDesignatedNotice({ message, reason: 'sender' });
    expectSafe(notice);
    expect(notice.subject).toBe('Exit Report email not actioned — phone the Jobcentre Plus District SPoC');
    expect(notice.text).toContain('from j.bloggs@mail.example');
    expect(notice.text).toContain('JT****56A');
    expect(notice.text).toContain('not sent from a designated Jobcentre Plus District SPoC email address');
    expect(notice.text).toContain('(para 40)');
    expect(senderNotDesignatedNotice({ message, reason: 'authentication' }).text).toContain('SPF/DKIM');
  });

  it('more than one form: not actioned, ask for separate emails', () => {
    const notice = moreThanOneFormNotice({ message, formCount: 2 });
    expectSafe(notice);
    expect(notice.subject).toBe('Exit Report request not actioned — 2 forms in one email');
    expect(notice.text).toContain('its own email');
  });

  it('more than 40 records: processed, and phone to report it', () => {
    const notice = tooManyRecordsNotice({ message, recordCount: 41, limit: 40 });
    expectSafe(notice);
    expect(notice.subject).toBe('Exit Report request has 41 records (more than 40) — phone Jobcentre Plus');
    expect(notice.text).toContain('All of them are being processed');
    expect(notice.text).toContain('(para 45)');
  });

  it('participant flagged: contact Jobcentre Plus (paras 45, 49), by case or by form row', () => {
    const byRow = participantFlaggedNotice({
      participant: { rowNumber: 3, nino: 'DA123456A' },
      reason: 'NINO prefix cannot start with D',
      requestDate: '2025-03-11',
      sender: 'district-spoc.south@jcp.example',
    });
    expectSafe(byRow);
    expect(byRow.subject).toBe(
      'Participant left out of an Exit Report request — contact Jobcentre Plus: form row 3 (DA****56A)',
    );
    expect(byRow.text).toContain('Tue 11 Mar 2025');
    expect(byRow.text).toContain('(para 45)');
    expect(byRow.text).toContain('(para 49)');
    const byCase = participantFlaggedNotice({
      participant,
      reason: 'the participant is not attached to this provider',
      requestDate: '2025-03-11',
      sender: 'district-spoc.south@jcp.example',
    });
    expect(byCase.subject).toContain('WP-000123 (JT****56A)');
  });

  it('report failed checks: every problem listed, the due date, send it again', () => {
    const notice = reportFailedChecksNotice({
      participant,
      problems: [
        'The section "Next steps" is missing or empty (para 57).',
        '"Summary" seems to contain a phone number.',
      ],
      due: '2024-06-14',
    });
    expectSafe(notice);
    expect(notice.subject).toBe('Exit Report not sent — please correct it: WP-000123 (JT****56A)');
    expect(notice.text).toContain('- The section "Next steps" is missing or empty (para 57).');
    expect(notice.text).toContain('- "Summary" seems to contain a phone number.');
    expect(notice.text).toContain('by the end of Fri 14 Jun 2024');
  });

  it('SCR: the clerical route', () => {
    const notice = scrClericalRouteNotice({ participant, due: '2024-06-14' });
    expectSafe(notice);
    expect(notice.subject).toBe('SCR participant — Exit Report by post or courier only: WP-000123 (JT****56A)');
    expect(notice.text).toContain("'SCR participant'");
    expect(notice.text).toContain('no more than 49');
    expect(notice.text).toContain('Fri 14 Jun 2024');
  });

  it('email suspended: the clerical route, and when Work Programme Division is emailed', () => {
    const notice = emailSuspendedNotice({
      suspendedSince: '2024-06-03T08:00:00Z',
      wpdEmailDueAt: '2024-06-05T08:00:00Z',
    });
    expect(notice.subject).toBe('Exit Report email suspended — use the clerical route');
    expect(notice.text).toContain('Mon 3 Jun 2024 09:00');
    expect(notice.text).toContain('Wed 5 Jun 2024 09:00');
    expect(notice.text).toContain('post or courier');
    expect(notice.text).toContain('(para 87)');
  });

  it('email resumed: tell Work Programme Division first (para 88)', () => {
    const notice = emailResumedNotice({ resumedAt: '2024-06-06T10:00:00Z' });
    expect(notice.text).toContain('Thu 6 Jun 2024 11:00');
    expect(notice.text).toContain('(para 88)');
  });
});
