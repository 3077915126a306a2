import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWp11Raw as readWp11 } from '../../adapters/mail-reading/wp11-mail.ts';
import { checkWp11AgainstCase, isWp11Actionable, wp11Event } from '../../domain/information-session/wp11.ts';
import { Driver, referral } from './driver.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/information-session/${name}`, import.meta.url));
const JCP = ['district-spoc.north@jcp.example', 'district-spoc.south@jcp.example'];

function mail(subject: string, body: string, from = 'district-spoc.north@jcp.example'): string {
  return [
    `From: ${from}`,
    'To: exit-reports@provider.example',
    `Subject: ${subject}`,
    'Date: Wed, 05 Jun 2024 10:00:00 +0100',
    'Message-ID: <m1@jcp.example>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

describe('readWp11', () => {
  it('reads "Label: value" lines in a plain-text body', async () => {
    const read = await readWp11(fixture('wp11-text.eml'), { jcpSenders: JCP });
    expect(read).toMatchObject({
      messageId: '<wp11-text-0001@jcp.example>',
      from: 'district-spoc.north@jcp.example',
      isWp11: true,
      nino: 'JT310101A',
      referralDate: '2024-05-20',
      interviewDate: '2024-06-04',
      formDate: '2024-06-05',
      wantsToJoin: true,
      sentAt: '2024-06-05T09:12:00.000Z',
    });
    expect(read.findings).toEqual([]);
    expect(isWp11Actionable(read)).toBe(true);
  });

  it('reads a CSV attachment through the shared reader; a formula cell is text and flagged', async () => {
    const read = await readWp11(fixture('wp11-csv.eml'), { jcpSenders: JCP });
    expect(read).toMatchObject({
      nino: 'JT310102B',
      referralDate: '2024-05-20',
      interviewDate: '2024-06-03',
      wantsToJoin: true,
      formDate: null,
    });
    expect(read.findings.map((f) => f.code).sort()).toEqual(['formula-in-cell', 'invalid-date']);
    expect(isWp11Actionable(read)).toBe(true);
  });

  it('reads an HTML table and ignores scripts (flagged)', async () => {
    const read = await readWp11(fixture('wp11-html.eml'), { jcpSenders: JCP });
    expect(read).toMatchObject({ nino: 'JT310103C', referralDate: '2024-05-21', interviewDate: '2024-06-14' });
    expect(read.findings.map((f) => f.code)).toContain('script-in-html');
  });

  it('takes the NINO from the text when no field is labelled', async () => {
    const read = await readWp11(mail('WP11 for JT310104D', 'Participant wants to join.'));
    expect(read.nino).toBe('JT310104D');
  });

  it.each([
    ['not a WP11', mail('Hello', 'Nothing here about JT310101A'), 'not-a-wp11'],
    ['two NINOs', mail('WP11', 'JT310101A and JT310102B'), 'more-than-one-nino'],
    ['no NINO', mail('WP11', 'Participant wishes to join.'), 'no-nino'],
    ['a temporary reference', mail('WP11', 'NINO: TN010190M'), 'invalid-nino'],
    [
      'does not want to join',
      mail('WP11', 'NINO: JT310101A\nWishes to join the Work Programme: No'),
      'does-not-want-to-join',
    ],
    ['an undesignated sender', mail('WP11', 'NINO: JT310101A', 'someone@elsewhere.example'), 'sender'],
    ['not an email', 'just some bytes', 'not-a-wp11'],
    ['a message too large to read', Buffer.alloc(51 * 1024 * 1024, 0x41), 'unparseable'],
  ])('refuses %s', async (_what, raw, code) => {
    const read = await readWp11(raw, { jcpSenders: JCP });
    expect(read.findings.map((f) => f.code)).toContain(code);
    expect(isWp11Actionable(read)).toBe(false);
    for (const f of read.findings) expect(f.message).not.toMatch(/JT3101\d{2}[A-D]|TN010190M/);
  });

  it('checks the WP11 against its case: participant, referral date, interview within 21 days', async () => {
    const c = new Driver(
      referral({ nino: 'JT310103C' as never, referralDate: '2024-05-20' }),
      '2024-05-20T09:00:00.000Z',
    ).c;
    const read = await readWp11(fixture('wp11-html.eml'));
    const codes = checkWp11AgainstCase(read, c).map((f) => [f.code, f.severity]);
    expect(codes).toEqual([
      ['referral-date-mismatch', 'flag'],
      ['interview-after-day-21', 'flag'],
    ]);
    const other = new Driver(referral(), '2024-05-20T09:00:00.000Z').c;
    expect(checkWp11AgainstCase(read, other)[0]?.code).toBe('nino-mismatch');
  });

  it('makes one event per message', async () => {
    const read = await readWp11(fixture('wp11-text.eml'));
    expect(wp11Event(read, '2024-06-05T09:12:30.000Z')).toEqual({
      id: 'wp11:<wp11-text-0001@jcp.example>',
      type: 'wp11-received',
      receivedAt: '2024-06-05T09:12:30.000Z',
      messageId: '<wp11-text-0001@jcp.example>',
      wp11: { interviewDate: '2024-06-04', formDate: '2024-06-05' },
    });
  });

  it('never throws on arbitrary input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (body) => {
        const read = await readWp11(mail('WP11', body));
        expect(read.isWp11).toBe(true);
        expect(Array.isArray(read.findings)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
