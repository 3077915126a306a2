import { describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { checkSender, compareFormDeadline, readReceiptRecipient } from '../../domain/mail/sender-check.ts';

const DESIGNATED = 'district-spoc.north@jcp.example';
const PASSING = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' };

describe('sender check (para 38–40)', () => {
  describe('accepts', () => {
    it('a designated sender locally, where there are no SES verdicts', () => {
      expect(checkSender({ from: DESIGNATED }, null, demoProviderConfig)).toEqual({ ok: true });
    });

    it('a designated sender with SPF and DKIM passing, whatever the case of the address', () => {
      expect(checkSender({ from: 'District-SPoC.North@JCP.example' }, PASSING, demoProviderConfig)).toEqual({
        ok: true,
      });
    });

    it.each([
      ['DMARC not evaluated', { ...PASSING, dmarc: 'GRAY' }],
      ['virus scan unavailable', { ...PASSING, virus: 'PROCESSING_FAILED' }],
      ['spam verdict failing (not a sender test)', { ...PASSING, spam: 'FAIL' }],
      ['lower-case verdicts', { spf: 'pass', dkim: 'pass' }],
    ])('with %s', (_, verdicts) => {
      expect(checkSender({ from: DESIGNATED }, verdicts, demoProviderConfig)).toEqual({ ok: true });
    });
  });

  describe('refuses', () => {
    it.each([
      ['another address', 'someone@jcp.example'],
      ['a look-alike domain', 'district-spoc.north@jcp.example.evil.example'],
      ['no From address', null],
    ])('%s, as "sender", telling the SPoC to phone the District', (_, from) => {
      const result = checkSender({ from }, null, demoProviderConfig);
      expect(result).toMatchObject({ ok: false, reason: 'sender' });
      expect(result.ok === false && result.message).toMatch(/phone the Jobcentre Plus District SPoC.*para 40/);
    });

    it.each([
      ['SPF failing', { ...PASSING, spf: 'FAIL' }, /SPF FAIL/],
      ['DKIM failing', { ...PASSING, dkim: 'FAIL' }, /DKIM FAIL/],
      ['DKIM missing', { spf: 'PASS' }, /DKIM missing/],
      ['SPF grey', { ...PASSING, spf: 'GRAY' }, /SPF GRAY/],
      ['DMARC failing', { ...PASSING, dmarc: 'FAIL' }, /DMARC FAIL/],
      ['a virus', { ...PASSING, virus: 'FAIL' }, /virus scan FAIL/],
    ])('a designated address with %s, as "authentication"', (_, verdicts, detail) => {
      const result = checkSender({ from: DESIGNATED }, verdicts, demoProviderConfig);
      expect(result).toMatchObject({ ok: false, reason: 'authentication' });
      expect(result.ok === false && result.message).toMatch(detail);
    });
  });
});

describe('printed deadline against the counted one', () => {
  it('keeps the counted date when they agree or nothing is printed', () => {
    expect(compareFormDeadline('2024-06-14', '2024-06-14')).toEqual({ keep: '2024-06-14', finding: null });
    expect(compareFormDeadline(null, '2024-06-14')).toEqual({ keep: '2024-06-14', finding: null });
  });

  it.each([
    ['earlier printed', '2024-06-13', '2024-06-13', /printed date is kept/],
    ['later printed', '2024-06-17', '2024-06-14', /counted date is kept/],
  ])('%s: keeps the earlier and flags the difference', (_, printed, keep, message) => {
    const result = compareFormDeadline(printed, '2024-06-14');
    expect(result.keep).toBe(keep);
    expect(result.finding).toMatchObject({ code: 'deadline-mismatch', severity: 'flag' });
    expect(result.finding?.message).toMatch(message);
  });
});

describe('read receipt recipient', () => {
  it('is the Disposition-Notification-To address when it is a designated sender', () => {
    expect(readReceiptRecipient({ readReceiptTo: DESIGNATED }, demoProviderConfig)).toBe(DESIGNATED);
  });

  it('is nobody for any other address, so the inbox cannot be used to send mail to strangers', () => {
    expect(readReceiptRecipient({ readReceiptTo: 'victim@mail.example' }, demoProviderConfig)).toBeNull();
    expect(readReceiptRecipient({ readReceiptTo: null }, demoProviderConfig)).toBeNull();
  });
});
