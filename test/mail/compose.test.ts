import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeExitReportEmail, composeNotice, composeReadReceipt } from '../../adapters/mail/compose.ts';
import { parseInboundMail } from '../../adapters/mail-reading/parse-inbound.ts';
import { readReportText } from '../../domain/exit-report/report-text.ts';
import { type ExitReportDocument, NOT_REQUIRED_WORDING } from '../../domain/exit-report/types.ts';

const REPORT: ExitReportDocument = {
  firstName: 'Sam',
  surname: 'Example',
  nino: 'JT123456A',
  participantDetails: 'First name: Sam\nSurname: Example\nNINO: JT123456A',
  summary: 'Attended a CV workshop.\n\nCompleted a forklift course <level 2> & more.',
  workAndReasons: 'Work experience in October 2023.',
  nextSteps: 'Sector-based work academy.',
  furtherInformation: 'Motivated and reliable.',
  notRequired: false,
};

const FROM = 'exit-reports@provider.example';
const TO = 'district-spoc.north@jcp.example';
const DATE = new Date('2024-06-10T14:00:00Z');

describe('composing outbound mail', () => {
  describe('the Exit Report email', () => {
    it('has the exact subject, one recipient, the report as text and HTML', async () => {
      // Act
      const raw = await composeExitReportEmail({
        from: FROM,
        to: TO,
        report: REPORT,
        date: DATE,
        messageId: '<intent-1@provider.example>',
      });
      const mail = await simpleParser(raw);
      // Assess
      expect(mail.subject).toBe('Work Programme Exit Report');
      expect(mail.from?.value).toEqual([{ address: FROM, name: '' }]);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([TO]);
      expect(mail.messageId).toBe('<intent-1@provider.example>');
      expect(mail.date?.toISOString()).toBe('2024-06-10T14:00:00.000Z');
      expect(mail.attachments).toEqual([]);
      expect(mail.text).toContain('Summary of actions and activities');
      expect(mail.text).toContain('NINO: JT123456A');
      expect(mail.html).toContain('&lt;level 2&gt; &amp; more');
      expect(raw.toString('latin1')).toMatch(/\r\n\r\n/);
    });

    it('reads back as the same report (a round trip through the caseworker format)', async () => {
      const raw = await composeExitReportEmail({ from: FROM, to: TO, report: REPORT, date: DATE });
      const mail = await simpleParser(raw);
      const { document } = readReportText(mail.text ?? '');
      expect(document).toEqual(REPORT);
    });

    it('writes the not-required wording across a report that is no longer required (para 82)', async () => {
      const raw = await composeExitReportEmail({
        from: FROM,
        to: TO,
        report: { ...REPORT, notRequired: true },
        date: DATE,
      });
      const mail = await simpleParser(raw);
      const text = mail.text ?? '';
      expect(text.split(NOT_REQUIRED_WORDING)).toHaveLength(3);
      expect(text.trimStart().startsWith(`*** ${NOT_REQUIRED_WORDING}`)).toBe(true);
      expect(mail.html).toContain(
        'not appropriate, C/circs received - participant no longer in receipt of benefit or requested in error',
      );
      expect(readReportText(text).document.notRequired).toBe(true);
    });

    it('can leave the HTML alternative out', async () => {
      const mail = await simpleParser(
        await composeExitReportEmail({ from: FROM, to: TO, report: REPORT, html: false }),
      );
      expect(mail.html).toBe(false);
    });

    it.each([['a@x.example, b@x.example'], ['a@x.example; b@x.example'], ['not an address'], ['']])(
      'refuses more or less than one recipient: %j',
      async (to) => {
        await expect(composeExitReportEmail({ from: FROM, to, report: REPORT })).rejects.toThrow(
          /exactly one email address/,
        );
      },
    );
  });

  it('a notice: plain text, marked as automatically generated', async () => {
    const raw = await composeNotice({
      from: FROM,
      to: ['spoc-lead@provider.example', 'caseworker.one@provider.example'],
      subject: 'Exit Report overdue: WP-000123 (JT****56A) was due Fri 14 Jun 2024',
      text: 'No Exit Report had been sent.\nAction: send it today.',
      date: DATE,
    });
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('Exit Report overdue: WP-000123 (JT****56A) was due Fri 14 Jun 2024');
    expect(mail.text?.trim()).toBe('No Exit Report had been sent.\nAction: send it today.');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    const parsed = await parseInboundMail(raw);
    expect(parsed.to).toEqual(['spoc-lead@provider.example', 'caseworker.one@provider.example']);
  });

  describe('the read receipt (RFC 8098 MDN)', () => {
    it('is multipart/report with a human-readable part and a disposition notification', async () => {
      // Act
      const raw = await composeReadReceipt({
        from: FROM,
        to: TO,
        originalMessageId: '<wper2e-xlsx-20240603@jcp.example>',
        originalRecipient: FROM,
        subject: 'Work Programme Exit Report Request',
        date: DATE,
        reportingUa: 'provider.example; wp-orchestrator',
      });
      const mail = await simpleParser(raw);
      const text = raw.toString('utf8');
      // Assess
      const contentType = mail.headers.get('content-type') as { value: string; params: Record<string, string> };
      expect(contentType.value).toBe('multipart/report');
      expect(contentType.params['report-type']).toBe('disposition-notification');
      expect(mail.subject).toBe('Read receipt: Work Programme Exit Report Request');
      expect(mail.inReplyTo).toBe('<wper2e-xlsx-20240603@jcp.example>');
      expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
      expect(mail.text).toContain('accepted for processing');

      const parts = text.split(/\r\n--[^\r\n]+\r\n/);
      const notification = parts.find((part) => part.startsWith('Content-Type: message/disposition-notification'));
      expect(notification).toBeDefined();
      const fields = notification?.split('\r\n\r\n')[1] ?? '';
      expect(fields).toContain('Reporting-UA: provider.example; wp-orchestrator\r\n');
      expect(fields).toContain(`Original-Recipient: rfc822;${FROM}\r\n`);
      expect(fields).toContain(`Final-Recipient: rfc822;${FROM}\r\n`);
      expect(fields).toContain('Original-Message-ID: <wper2e-xlsx-20240603@jcp.example>\r\n');
      expect(fields).toContain('Disposition: automatic-action/MDN-sent-automatically; processed\r\n');
      // Two body parts, in the order RFC 8098 asks: human-readable first.
      expect(text.indexOf('Content-Type: text/plain')).toBeLessThan(
        text.indexOf('Content-Type: message/disposition-notification'),
      );
    });

    it('keeps header injection out of the notification fields', async () => {
      const raw = await composeReadReceipt({
        from: FROM,
        to: TO,
        originalMessageId: '<a@b.example>\r\nBcc: victim@mail.example',
        originalRecipient: FROM,
        subject: 'x',
      });
      expect(raw.toString('utf8')).not.toMatch(/\r\nBcc: victim/);
    });
  });
});
