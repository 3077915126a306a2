import { describe, expect, it } from 'vitest';
import { renderInboundNotice } from '../../domain/notices/exit-report-notices.ts';
import { unreadable } from './readable.ts';

/** A WP11 read from Jobcentre Plus mail with points to check speaks of the Information Session, not of an Exit Report. */
describe('WP11 flag notices', () => {
  const flagged = (actioned: number, flags: string[]) =>
    renderInboundNotice({
      intentId: 'form-flagged:k',
      kind: 'form-flagged',
      to: ['spoc-lead@provider.example'],
      facts: { kind: 'wp11', from: 'district-spoc.north@jcp.example', subject: 'WP11 JT310101A', flags, actioned },
    });

  it('a WP11 matched to no referral says so, and what to do, without Exit Report words', () => {
    const notice = flagged(0, [
      'WP11 for JT****01A: no Information Session referral on record. Check with Jobcentre Plus, and record the referral if it arrived clerically.',
    ]);
    expect(notice.subject).toBe('WP11 not matched to an Information Session referral — check with Jobcentre Plus');
    expect(notice.text).toContain('was read as a WP11');
    expect(notice.text).toContain('It was not recorded on any referral.');
    expect(notice.text).toContain('wp session wp11');
    expect(`${notice.subject}\n${notice.text}`).not.toMatch(/Exit Report|participant\(s\)|40 records|JT310101A/);
    expect(unreadable(notice.text)).toEqual([]);
  });

  it('a WP11 recorded with points to check lists them, without the "WP11:" prefix of the code', () => {
    const notice = flagged(1, ['WP11: the form date is after the day it was received']);
    expect(notice.subject).toBe('WP11 recorded with 1 point(s) to check — Information Session referral');
    expect(notice.text).toContain('- the form date is after the day it was received');
    expect(notice.text).not.toMatch(/Exit Report|- WP11:/);
  });
});
