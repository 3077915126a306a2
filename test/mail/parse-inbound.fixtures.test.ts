import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isActionable, parseInboundMail } from '../../adapters/mail-reading/parse-inbound.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { checkSender, readReceiptRecipient } from '../../domain/mail/sender-check.ts';
import type { ParsedInboundMail } from '../../domain/mail/types.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'mail');
const SUBMISSION = demoProviderConfig.provider.submissionAddress;

async function parseFixture(name: string): Promise<ParsedInboundMail> {
  const raw = await readFile(join(FIXTURES, name));
  return parseInboundMail(raw, { submissionAddresses: [SUBMISSION] });
}

function codes(parsed: ParsedInboundMail): string[] {
  return parsed.findings.map((finding) => finding.code);
}

const JUNE_ROWS = [
  {
    rowNumber: 1,
    rawNino: 'JT 12 34 56 A',
    nino: 'JT123456A',
    benefitType: 'JSA',
    endDate: '2024-06-17',
    jobcentre: 'Leeds City',
  },
  {
    rowNumber: 2,
    rawNino: 'KP654321B',
    nino: 'KP654321B',
    benefitType: 'ESA',
    endDate: '2024-06-17',
    jobcentre: 'Leeds City',
  },
  {
    rowNumber: 3,
    rawNino: 'MR 20 40 60 C',
    nino: 'MR204060C',
    benefitType: 'JSA',
    endDate: '2024-06-18',
    jobcentre: 'Bradford',
  },
];

describe('inbound mail fixtures', () => {
  describe('WPER2E requests, in each shape they arrive in', () => {
    it.each([
      ['wper2e-xlsx.eml', 'xlsx'],
      ['wper2e-html-outlook.eml', 'html'],
    ])('%s: the June 2024 form from the designated North SPoC, with a read receipt', async (name, source) => {
      // Act
      const parsed = await parseFixture(name);
      // Assess
      expect(parsed).toMatchObject({
        kind: 'exit-report-request',
        from: 'district-spoc.north@jcp.example',
        to: ['exit-reports@provider.example'],
        subject: 'Work Programme Exit Report Request',
        readReceiptTo: 'district-spoc.north@jcp.example',
      });
      expect(parsed.messageId).toMatch(/^<wper2e-.*@jcp\.example>$/);
      expect(parsed.rawSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(parsed.forms).toEqual([
        {
          form: 'WPER2E',
          providerName: 'Avanta',
          district: 'West Yorkshire',
          requestDate: '2024-06-03',
          returnDeadline: '2024-06-14',
          returnEmail: 'district-spoc.north@jcp.example',
          rows: JUNE_ROWS,
          invalidRows: [],
          source,
        },
      ]);
      expect(parsed.findings).toEqual([]);
      expect(isActionable(parsed)).toBe(true);
      expect(checkSender(parsed, null, demoProviderConfig)).toEqual({ ok: true });
      expect(readReceiptRecipient(parsed, demoProviderConfig)).toBe('district-spoc.north@jcp.example');
    });

    it('wper2e-csv.eml: five rows from a CSV attachment', async () => {
      const parsed = await parseFixture('wper2e-csv.eml');
      expect(parsed.kind).toBe('exit-report-request');
      expect(parsed.sentAt).toBe('2025-03-10T10:02:00.000Z');
      const [form] = parsed.forms;
      expect(form).toMatchObject({
        source: 'csv',
        district: 'South Yorkshire',
        requestDate: '2025-03-10',
        returnDeadline: '2025-03-21',
        returnEmail: 'district-spoc.south@jcp.example',
      });
      expect(form?.rows.map((row) => row.nino)).toEqual([
        'JT310007A',
        'KP310014B',
        'MR310021C',
        'WL310028D',
        'SX310035A',
      ]);
      expect(form?.rows.every((row) => row.endDate === '2025-03-24')).toBe(true);
      expect(parsed.findings).toEqual([]);
    });

    it('wper2e-text-table.eml: a tab-separated table pasted into a plain-text mail, no read receipt', async () => {
      const parsed = await parseFixture('wper2e-text-table.eml');
      expect(parsed.kind).toBe('exit-report-request');
      expect(parsed.readReceiptTo).toBeNull();
      expect(parsed.forms[0]).toMatchObject({
        source: 'text',
        requestDate: '2026-01-12',
        returnDeadline: '2026-01-23',
      });
      expect(parsed.forms[0]?.rows.map((row) => row.nino)).toEqual(['JT123456A', 'KP654321B', 'MR204060C']);
      expect(parsed.findings).toEqual([]);
    });

    it('wper2e-text-spaces.eml: a fixed-width table with long-form dates, the signature not read as a row', async () => {
      const parsed = await parseFixture('wper2e-text-spaces.eml');
      expect(parsed.forms[0]).toMatchObject({
        requestDate: '2026-02-02',
        returnDeadline: '2026-02-13',
        invalidRows: [],
      });
      expect(parsed.forms[0]?.rows).toEqual([
        {
          rowNumber: 1,
          rawNino: 'WL 31 00 07 A',
          nino: 'WL310007A',
          benefitType: 'JSA',
          endDate: '2026-02-16',
          jobcentre: 'Leeds City',
        },
        {
          rowNumber: 2,
          rawNino: 'SX 31 00 14 B',
          nino: 'SX310014B',
          benefitType: 'ESA',
          endDate: '2026-02-16',
          jobcentre: 'Wakefield',
        },
      ]);
    });
  });

  it('wper3e-reminder.eml: a reminder, told apart by its subject and form title', async () => {
    const parsed = await parseFixture('wper3e-reminder.eml');
    expect(parsed.kind).toBe('exit-report-reminder');
    expect(parsed.forms).toHaveLength(1);
    expect(parsed.forms[0]).toMatchObject({ form: 'WPER3E', requestDate: '2024-06-03', rows: [JUNE_ROWS[0]] });
    expect(isActionable(parsed)).toBe(true);
  });

  it('not-required.eml: carries the NINO and the note', async () => {
    const parsed = await parseFixture('not-required.eml');
    expect(parsed.kind).toBe('not-required');
    expect(parsed.notRequired?.ninos).toEqual(['KP654321B']);
    expect(parsed.notRequired?.note).toMatch(/no longer required/);
    expect(parsed.forms).toEqual([]);
  });

  it('ad-hoc-request.eml: an ad hoc request with one participant in an HTML table', async () => {
    const parsed = await parseFixture('ad-hoc-request.eml');
    expect(parsed.kind).toBe('ad-hoc-request');
    expect(parsed.forms).toHaveLength(1);
    expect(parsed.forms[0]).toMatchObject({
      form: 'AD-HOC',
      source: 'html',
      requestDate: '2025-09-15',
      rows: [{ nino: 'EB456789D', benefitType: 'UC', endDate: '2024-11-29', jobcentre: 'Doncaster' }],
    });
  });

  describe('caseworker submissions', () => {
    it('submission-good.eml: the report from a plain-text body, the signature left out', async () => {
      const parsed = await parseFixture('submission-good.eml');
      expect(parsed.kind).toBe('report-submission');
      expect(parsed.submission?.problems).toEqual([]);
      expect(parsed.submission?.nino).toBe('JT123456A');
      expect(parsed.submission?.document).toMatchObject({
        firstName: 'Sam',
        surname: 'Example',
        nino: 'JT123456A',
        notRequired: false,
        furtherInformation: 'Sam is motivated and reliable, and attends every appointment.',
      });
      expect(parsed.submission?.document?.nextSteps).not.toMatch(/0113/);
    });

    it('submission-docx.eml: the report from an attached Word document', async () => {
      const parsed = await parseFixture('submission-docx.eml');
      expect(parsed.submission?.problems).toEqual([]);
      expect(parsed.submission?.document).toMatchObject({ firstName: 'Alex', surname: 'Sample', nino: 'KP654321B' });
      expect(parsed.submission?.document?.summary).toMatch(/forklift/);
    });

    it('submission-failing.eml: read from HTML, so that the content check can refuse it', async () => {
      const parsed = await parseFixture('submission-failing.eml');
      expect(parsed.submission?.problems).toEqual([]);
      expect(parsed.submission?.document).toMatchObject({
        firstName: 'Jo',
        surname: 'Placeholder',
        nino: 'MR204060C',
        nextSteps: '',
      });
      expect(parsed.submission?.document?.summary).toMatch(/mosque/);
    });

    it('submission-scr.eml: read like any other (SCR is known from the case, not the mail)', async () => {
      const parsed = await parseFixture('submission-scr.eml');
      expect(parsed.submission?.document?.nino).toBe('WL310007A');
    });

    it('submission-pdf.eml: a PDF is refused with an explanation', async () => {
      const parsed = await parseFixture('submission-pdf.eml');
      expect(parsed.submission?.document).toBeNull();
      expect(parsed.submission?.problems.join(' ')).toMatch(/PDF cannot be checked/);
    });

    it('is recognised by subject alone when the submission address is not configured', async () => {
      const raw = await readFile(join(FIXTURES, 'submission-good.eml'));
      const parsed = await parseInboundMail(raw);
      expect(parsed.kind).toBe('report-submission');
    });
  });

  it('sender-not-designated.eml: read, and refused by the sender check', async () => {
    const parsed = await parseFixture('sender-not-designated.eml');
    expect(parsed.kind).toBe('exit-report-request');
    expect(parsed.from).toBe('j.bloggs@mail.example');
    const check = checkSender(parsed, null, demoProviderConfig);
    expect(check).toMatchObject({ ok: false, reason: 'sender' });
  });

  it('two-forms.eml: two forms in one email are rejected', async () => {
    const parsed = await parseFixture('two-forms.eml');
    expect(parsed.forms).toHaveLength(2);
    expect(parsed.findings).toContainEqual(expect.objectContaining({ code: 'more-than-one-form', severity: 'reject' }));
    expect(isActionable(parsed)).toBe(false);
  });

  it('wper2e-41-rows.eml: 41 records are flagged and all processed', async () => {
    const parsed = await parseFixture('wper2e-41-rows.eml');
    expect(parsed.forms[0]?.rows).toHaveLength(41);
    expect(parsed.findings).toContainEqual(expect.objectContaining({ code: 'more-than-40-records', severity: 'flag' }));
    expect(isActionable(parsed)).toBe(true);
  });

  it('wper2e-invalid-ninos.eml: invalid NINOs are left out with reasons, the rest proceed', async () => {
    const parsed = await parseFixture('wper2e-invalid-ninos.eml');
    const [form] = parsed.forms;
    expect(form?.rows.map((row) => row.nino)).toEqual(['JT310007A', 'KP310014B', 'JT310063A']);
    expect(form?.invalidRows.map((row) => [row.rowNumber, row.reason])).toEqual([
      [3, 'NINO prefix cannot start with D'],
      [4, expect.stringMatching(/temporary reference number/)],
      [5, 'NINO is empty'],
      [6, 'NINO must be two letters, six digits and a suffix A, B, C or D'],
    ]);
    expect(codes(parsed).filter((code) => code === 'invalid-nino')).toHaveLength(4);
    expect(isActionable(parsed)).toBe(true);
  });

  it('wper2e-csv-formula.eml: formula cells are text, flagged, never evaluated', async () => {
    const parsed = await parseFixture('wper2e-csv-formula.eml');
    expect(parsed.forms[0]?.rows[1]).toMatchObject({
      benefitType: '=HYPERLINK("http://evil.example","JSA")',
      jobcentre: '@SUM(A1:A2)',
    });
    expect(parsed.findings).toContainEqual(expect.objectContaining({ code: 'formula-in-cell', severity: 'flag' }));
  });

  it('no finding message carries a full NINO', async () => {
    const names = [
      'wper2e-invalid-ninos.eml',
      'two-forms.eml',
      'wper2e-41-rows.eml',
      'not-required.eml',
      'wper2e-csv-formula.eml',
    ];
    for (const name of names) {
      const parsed = await parseFixture(name);
      for (const finding of parsed.findings) {
        expect(finding.message).not.toMatch(/[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]/i);
      }
    }
  });
});
