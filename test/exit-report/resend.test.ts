import { describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import type { ExitReportCase } from '../../domain/exit-report/case.ts';
import { openExitReportCase } from '../../domain/exit-report/lifecycle.ts';
import { requestArrival } from '../../domain/exit-report/resend.ts';
import { participant, wper2e } from '../workflows/harness.ts';

const fresh = (): ExitReportCase =>
  openExitReportCase(
    'er-1',
    participant({ referralDate: '2024-01-03' }),
    Date.parse('2024-01-03T08:00:00Z'),
    demoProviderConfig,
  );

const arriving = (requestDate: string, arrivedOn: string, extra: { subject?: string; text?: string } = {}) => ({
  messageId: '<second@jcp.example>',
  requestDate,
  district: 'West Yorkshire',
  subject: 'Work Programme Exit Report Request',
  text: '',
  arrivedOn,
  ...extra,
});

/** Para 39's signals, decided on working days (GOV.UK bank holidays) and the District's words. */
describe('requestArrival', () => {
  it.each([
    // Fri 19 Dec 2025, arrived Mon 22 Dec: one working day later.
    ['2025-12-19', '2025-12-22', true],
    // Wed 24 Dec, arrived Mon 29 Dec: Christmas and Boxing Day are not working days, the 29th is the next.
    ['2025-12-24', '2025-12-29', true],
    // Dated Sat 20 Dec, arrived Mon 22 Dec: day one is the Monday itself.
    ['2025-12-20', '2025-12-22', false],
    ['2025-12-22', '2025-12-22', false],
    // Dated after it arrived: not a re-send (the form reader and the printed deadline check handle it).
    ['2025-12-23', '2025-12-22', false],
  ])('request dated %s arriving %s: re-sent %s', (requestDate, arrivedOn, resent) => {
    expect(requestArrival(fresh(), arriving(requestDate, arrivedOn)).kind).toBe(resent ? 'resent' : 'new');
  });

  it('reads re-send wording, not other words that contain it', () => {
    const on = (text: string) => requestArrival(fresh(), arriving('2025-12-22', '2025-12-22', { text })).kind;
    expect(on('Please find this WPER2E sent again as requested.')).toBe('resent');
    expect(on('Resending the form from this morning.')).toBe('resent');
    expect(on('This represents the requests for the week; presently none outstanding.')).toBe('new');
  });

  it('a request the case already has from another email is a duplicate; from the same email (a retry), it is not', () => {
    const c = { ...fresh(), inbox: [wper2e('2025-12-22', '2025-12-22T10:00:00Z', { district: 'West Yorkshire' })] };
    expect(requestArrival(c, arriving('2025-12-22', '2025-12-23'))).toEqual({
      kind: 'duplicate',
      earlierMessageId: '<wper2e-2025-12-22@jcp.example>',
      earlierReceivedAt: '2025-12-22T10:00:00Z',
      sameDistrict: true,
    });
    expect(requestArrival(c, { ...arriving('2025-12-22', '2025-12-23'), district: 'Leeds' })).toMatchObject({
      kind: 'duplicate',
      sameDistrict: false,
    });
    expect(
      requestArrival(c, { ...arriving('2025-12-22', '2025-12-23'), messageId: '<wper2e-2025-12-22@jcp.example>' }),
    ).toEqual({ kind: 'new' });
    // Another request date is a new request (a re-issue with an amended date, para 48).
    expect(requestArrival(c, arriving('2025-12-23', '2025-12-23')).kind).toBe('new');
  });
});
