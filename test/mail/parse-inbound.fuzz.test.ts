import fc from 'fast-check';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_MESSAGE_BYTES,
  parseInboundMail,
} from '../../adapters/mail-reading/parse-inbound.ts';
import { cleanText } from '../../domain/mail/cells.ts';
import type { InboundKind, ParsedInboundMail } from '../../domain/mail/types.ts';
import { zip } from '../../scripts/fixtures/zip.ts';

/**
 * What a hostile or careless sender can send: the reader must never throw, and must always come back with a
 * kind and findings (the raw message is kept by the caller whatever happens).
 */
const KINDS: InboundKind[] = [
  'exit-report-request',
  'exit-report-reminder',
  'not-required',
  'ad-hoc-request',
  'report-submission',
  'unrecognised',
  'unparseable',
];

const NINO_IN_TEXT = /(?<![A-Za-z0-9])[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![A-Za-z0-9])/i;

function assertWellFormed(parsed: ParsedInboundMail): void {
  expect(KINDS).toContain(parsed.kind);
  expect(Array.isArray(parsed.findings)).toBe(true);
  expect(parsed.messageId.length).toBeGreaterThan(0);
  expect(parsed.rawSha256).toMatch(/^[0-9a-f]{64}$/);
  for (const finding of parsed.findings) {
    expect(['info', 'flag', 'reject']).toContain(finding.severity);
    expect(finding.message).not.toMatch(NINO_IN_TEXT);
  }
}

/** Nodemailer's stream transport sends nothing: it hands back the raw message (CRLF). */
const mime = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

async function compose(options: SendMailOptions): Promise<Buffer> {
  const { message } = await mime.sendMail(options);
  if (!Buffer.isBuffer(message)) throw new Error('the stream transport gave no buffer');
  return message;
}

const REQUEST = {
  from: 'district-spoc.north@jcp.example',
  to: 'exit-reports@provider.example',
  subject: 'Work Programme Exit Report Request',
  date: new Date('2024-06-03T08:15:00Z'),
};

const validNino = fc
  .tuple(
    fc.constantFrom('JT', 'KP', 'MR', 'WL', 'SX', 'HZ', 'EB', 'CY', 'AB'),
    fc.integer({ min: 0, max: 999_999 }),
    fc.constantFrom('A', 'B', 'C', 'D'),
  )
  .map(([prefix, digits, suffix]) => `${prefix}${String(digits).padStart(6, '0')}${suffix}`);

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const RUNS = { numRuns: 150 };

describe('parseInboundMail under hostile input', () => {
  it('never throws on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        assertWellFormed(await parseInboundMail(Buffer.from(bytes)));
      }),
      RUNS,
    );
  });

  it('never throws on malformed MIME: random headers, boundaries, encodings and charsets', async () => {
    const header = fc.oneof(
      fc.constantFrom(
        'Subject: Work Programme Exit Report Request',
        'Subject: =?utf-8?B?!!!not-base64?=',
        'From: "broken <@@>',
        'From: district-spoc.north@jcp.example',
        'To: ,,,;;',
        'Date: 31 Feb 2024 99:99:99 +9999',
        'Message-ID: <>',
        'Disposition-Notification-To: =?x?Q?<>?=',
        'Content-Type: multipart/mixed; boundary=',
        'Content-Type: multipart/mixed; boundary="b"',
        'Content-Type: text/plain; charset=x-nonsense',
        'Content-Type: text/html; charset=utf-16',
        'Content-Transfer-Encoding: base64',
        'Content-Transfer-Encoding: quoted-printable',
        'Content-Transfer-Encoding: x-uuencode',
      ),
      fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,20}$/), fc.string({ maxLength: 200 })).map(([k, v]) => `${k}: ${v}`),
    );
    const part = fc
      .tuple(
        fc.constantFrom(
          'text/csv',
          'text/html',
          'text/plain',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'application/pdf',
        ),
        fc.constantFrom('base64', 'quoted-printable', '8bit', 'garbage'),
        fc.string({ maxLength: 400 }),
      )
      .map(
        ([type, encoding, body]) =>
          `--b\r\nContent-Type: ${type}\r\nContent-Disposition: attachment; filename="f"\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n${body}\r\n`,
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(header, { maxLength: 12 }),
        fc.array(part, { maxLength: 4 }),
        fc.boolean(),
        async (headers, parts, closed) => {
          const raw = `${headers.join('\r\n')}\r\n\r\n${parts.join('')}${closed ? '--b--\r\n' : ''}`;
          assertWellFormed(await parseInboundMail(raw));
        },
      ),
      RUNS,
    );
  });

  it('never throws on a body in the wrong encoding', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'utf-8',
          'iso-8859-1',
          'windows-1252',
          'utf-16',
          'utf-16le',
          'koi8-r',
          'shift_jis',
          'x-unknown',
          '',
        ),
        fc.constantFrom('8bit', 'binary', 'base64', 'quoted-printable'),
        fc.uint8Array({ maxLength: 2048 }),
        async (charset, encoding, bytes) => {
          const head = Buffer.from(
            `From: district-spoc.north@jcp.example\r\nSubject: Work Programme Exit Report Request\r\nContent-Type: text/plain; charset="${charset}"\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n`,
          );
          assertWellFormed(await parseInboundMail(Buffer.concat([head, Buffer.from(bytes)])));
        },
      ),
      RUNS,
    );
  });

  it('treats CSV formula cells as text and flags them, whatever they contain', async () => {
    const safe = fc.stringMatching(/^[A-Za-z0-9 ().,'"]{0,15}$/);
    const formula = fc
      .tuple(fc.constantFrom('=', '+', '-', '@'), fc.stringMatching(/^[A-Za-z0-9(),"!:;]{1,15}$/))
      .map(([a, b]) => a + b);
    const cell = fc.oneof(safe, formula);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(validNino, cell, cell), { minLength: 1, maxLength: 8 }), async (rows) => {
        // Prepare
        const unique = rows.filter((row, i) => rows.findIndex((other) => other[0] === row[0]) === i);
        const csv = [
          'Request Date:,03/06/2024',
          'NiNo,Benefit Type,Jobcentre',
          ...unique.map((row) => row.map(csvField).join(',')),
        ].join('\r\n');
        const raw = await compose({
          ...REQUEST,
          text: 'Attached.',
          attachments: [{ filename: 'WPER2E.csv', content: csv }],
        });
        // Act
        const parsed = await parseInboundMail(raw);
        // Assess
        assertWellFormed(parsed);
        const hasFormula = unique.some(([, a, b]) =>
          [a, b].some((value) => /^[=+\-@]/.test(value) && value.trim().length > 1),
        );
        expect(parsed.findings.some((finding) => finding.code === 'formula-in-cell')).toBe(hasFormula);
        const form = parsed.forms[0];
        expect(form?.rows.map((row) => row.benefitType)).toEqual(unique.map(([, benefit]) => expectedText(benefit)));
      }),
      { numRuns: 60 },
    );
  });

  it('ignores and flags scripts in an HTML body, and reads the table around them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 60 }).filter((text) => !/<\/?script/i.test(text) && !text.includes('<')),
        fc.constantFrom(
          '<script>PAYLOAD</script>',
          '<img src=x onerror="PAYLOAD">',
          '<a href="javascript:PAYLOAD">x</a>',
          '<iframe src="x">PAYLOAD</iframe>',
        ),
        validNino,
        async (payload, template, nino) => {
          const active = template.replace('PAYLOAD', payload.replace(/"/g, ''));
          const html = `<p>Request Date: 03/06/2024</p>${active}<table><tr><td>NiNo</td><td>Benefit Type</td></tr><tr><td>${nino}</td><td>JSA</td></tr></table>`;
          const parsed = await parseInboundMail(await compose({ ...REQUEST, html }));
          assertWellFormed(parsed);
          expect(parsed.findings.some((finding) => finding.code === 'script-in-html')).toBe(true);
          expect(parsed.forms[0]?.rows.map((row) => row.nino)).toEqual([nino]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads 1 to 400 rows, flagging more than 40 and still processing them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(1, 40, 41, 400), fc.constantFrom('text', 'csv'), async (count, shape) => {
        const rows = Array.from({ length: count }, (_, i) => `JT${String(100_000 + i)}A\tJSA\t17/06/2024\tLeeds`);
        const table = ['Request Date:\t03/06/2024', 'NiNo\tBenefit Type\tEnd Date\tJobcentre', ...rows].join('\r\n');
        const raw =
          shape === 'text'
            ? await compose({ ...REQUEST, text: table })
            : await compose({
                ...REQUEST,
                text: 'Attached',
                attachments: [{ filename: 'f.csv', content: table.replace(/\t/g, ',') }],
              });
        const parsed = await parseInboundMail(raw);
        assertWellFormed(parsed);
        expect(parsed.forms[0]?.rows).toHaveLength(count);
        const flagged = parsed.findings.some((finding) => finding.code === 'more-than-40-records');
        expect(flagged).toBe(count > 40);
      }),
      { numRuns: 8 },
    );
  });

  describe('bounded input', () => {
    it('rejects a form of more than 1,000 rows, having read only the first 1,000', async () => {
      const rows = Array.from({ length: 1500 }, (_, i) => `JT${String(100_000 + i)}A,JSA`);
      const raw = await compose({
        ...REQUEST,
        text: 'Attached',
        attachments: [{ filename: 'big.csv', content: ['NiNo,Benefit Type', ...rows].join('\r\n') }],
      });
      const parsed = await parseInboundMail(raw);
      expect(parsed.findings).toContainEqual(expect.objectContaining({ code: 'too-many-rows', severity: 'reject' }));
      expect(parsed.forms[0]?.rows.length).toBeLessThanOrEqual(1000);
    });

    it('does not read an attachment over 10 MB', async () => {
      const raw = await compose({
        ...REQUEST,
        text: 'Attached',
        attachments: [{ filename: 'huge.csv', content: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x41) }],
      });
      const parsed = await parseInboundMail(raw);
      expect(parsed.findings).toContainEqual(expect.objectContaining({ code: 'attachment-too-large' }));
      expect(parsed.findings).toContainEqual(expect.objectContaining({ code: 'no-form-found', severity: 'reject' }));
    });

    it('does not read a message over 50 MB at all', async () => {
      const parsed = await parseInboundMail(Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x41));
      expect(parsed.kind).toBe('unparseable');
      expect(parsed.findings).toContainEqual(
        expect.objectContaining({ code: 'message-too-large', severity: 'reject' }),
      );
    });

    it.each([
      ['empty', Buffer.alloc(0), 'empty-attachment'],
      ['not a ZIP', Buffer.from('this is not a spreadsheet'), 'attachment-unreadable'],
      [
        'a ZIP that lies about its size',
        zip([{ name: 'xl/workbook.xml', data: Buffer.alloc(1_000_000), declaredSize: 10 }]),
        'attachment-unreadable',
      ],
      [
        'a ZIP bomb',
        zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(110 * 1024 * 1024) }]),
        'attachment-unreadable',
      ],
      [
        'a ZIP with 3,000 parts',
        zip(Array.from({ length: 3000 }, (_, i) => ({ name: `p${i}`, data: Buffer.from('x') }))),
        'attachment-unreadable',
      ],
    ])('flags an XLSX attachment that is %s', async (_, content, code) => {
      const raw = await compose({ ...REQUEST, text: 'Attached', attachments: [{ filename: 'WPER2E.xlsx', content }] });
      const parsed = await parseInboundMail(raw);
      assertWellFormed(parsed);
      expect(parsed.findings).toContainEqual(expect.objectContaining({ code }));
    });

    it('survives MIME nested a thousand levels deep', async () => {
      const depth = 1000;
      let body = 'NiNo\tBenefit Type\r\nJT123456A\tJSA\r\n';
      for (let i = depth; i > 0; i--) {
        body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}\r\n--b${i}--\r\n`;
      }
      const parsed = await parseInboundMail(
        `From: a@jcp.example\r\nSubject: Work Programme Exit Report Request\r\n${body}`,
      );
      assertWellFormed(parsed);
    });

    it('survives HTML nested a hundred thousand levels deep', async () => {
      const html = `${'<div>'.repeat(100_000)}NiNo${'</div>'.repeat(100_000)}`;
      const parsed = await parseInboundMail(await compose({ ...REQUEST, html }));
      assertWellFormed(parsed);
    });
  });

  it('never carries a full NINO in a finding, whatever the form holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(validNino, fc.stringMatching(/^[A-Z]{2}\d{6}[A-Z]$/)), { minLength: 1, maxLength: 10 }),
        async (ninos) => {
          const text = ['NiNo\tBenefit Type\tEnd Date', ...ninos.map((nino) => `${nino}\tJSA\tnot a date`)].join(
            '\r\n',
          );
          const parsed = await parseInboundMail(
            await compose({ ...REQUEST, subject: `${REQUEST.subject} ${ninos[0]}`, text }),
          );
          assertWellFormed(parsed);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** A CSV cell as the form reader gives it back: whitespace tidied, a lone "-" read as empty, never evaluated. */
function expectedText(value: string): string {
  const text = cleanText(value);
  return text === '-' ? '' : text;
}
