// Writes the .eml fixtures in test/fixtures/mail/: one realistic message for each kind of inbound mail, built
// with nodemailer (MIME, its stream transport) and exceljs (XLSX). Everything is invented: names, NINOs (valid in
// format only) and addresses on reserved .example domains.
//
//   npx tsx scripts/make-mail-fixtures.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { zip } from './fixtures/zip.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'mail');

const JCP = 'district-spoc.north@jcp.example';
const JCP_SOUTH = 'district-spoc.south@jcp.example';
const SPOC = 'exit-reports@provider.example';
const SUBMIT = 'submit-exit-report@provider.example';
const CASEWORKER = 'caseworker.one@provider.example';

interface Participant {
  nino: string;
  benefit: string;
  end: string;
  jobcentre: string;
}

const JUNE_2024: Participant[] = [
  { nino: 'JT 12 34 56 A', benefit: 'JSA', end: '2024-06-17', jobcentre: 'Leeds City' },
  { nino: 'KP654321B', benefit: 'ESA', end: '2024-06-17', jobcentre: 'Leeds City' },
  { nino: 'MR 20 40 60 C', benefit: 'JSA', end: '2024-06-18', jobcentre: 'Bradford' },
];

function rows(count: number, start = 1): Participant[] {
  const prefixes = ['JT', 'KP', 'MR', 'WL', 'SX', 'HZ', 'EB', 'CY'];
  return Array.from({ length: count }, (_, i) => ({
    nino: `${prefixes[i % prefixes.length]}${String(310000 + (start + i) * 7).padStart(6, '0')}${'ABCD'[i % 4]}`,
    benefit: i % 3 === 0 ? 'ESA' : 'JSA',
    end: '2025-03-24',
    jobcentre: i % 2 === 0 ? 'Sheffield Central' : 'Rotherham',
  }));
}

function ukDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Nodemailer's stream transport sends nothing: it hands back the raw message (CRLF), as SES would get it. */
const mime = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

async function compose(options: SendMailOptions, name: string): Promise<Buffer> {
  const sent = await mime.sendMail({ baseBoundary: name.replace(/[^a-z0-9]/gi, ''), ...options });
  if (!Buffer.isBuffer(sent.message)) throw new Error(`${name}: the stream transport gave no buffer`);
  return sent.message;
}

// ---- Form builders -----------------------------------------------------------------------------------

interface FormHeader {
  title?: string;
  provider: string;
  district: string;
  requestDate: string;
  deadline: string;
  returnEmail: string;
}

async function formXlsx(header: FormHeader, participants: Array<Participant | { raw: string[] }>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jobcentre Plus District SPoC';
  workbook.created = new Date(Date.UTC(2024, 5, 3));
  workbook.modified = new Date(Date.UTC(2024, 5, 3));
  const sheet = workbook.addWorksheet('WPER2E');
  sheet.getCell('A1').value = header.title ?? 'Work Programme Provider Exit Report Request - Electronic WPER2E';
  sheet.mergeCells('A1:E1');
  sheet.getCell('A3').value = 'Provider Name:';
  sheet.getCell('B3').value = header.provider;
  sheet.getCell('C3').value = 'District/Jobcentre:';
  sheet.getCell('D3').value = header.district;
  sheet.getCell('A4').value = 'Request Date:';
  sheet.getCell('B4').value = excelDate(header.requestDate);
  sheet.getCell('B4').numFmt = 'dd/mm/yyyy';
  sheet.getCell('C4').value = 'Report Return Deadline:';
  sheet.getCell('D4').value = excelDate(header.deadline);
  sheet.getCell('D4').numFmt = 'dd/mm/yyyy';
  sheet.getCell('A5').value = 'Return email address:';
  sheet.getCell('B5').value = { text: header.returnEmail, hyperlink: `mailto:${header.returnEmail}` };
  sheet.getRow(7).values = ['', 'NiNo', 'Benefit Type', 'End Date', 'Jobcentre'];
  const count = Math.max(40, participants.length);
  for (let i = 0; i < count; i++) {
    const row = sheet.getRow(8 + i);
    const participant = participants[i];
    if (participant === undefined) {
      row.values = [i + 1];
    } else if ('raw' in participant) {
      row.values = [i + 1, ...participant.raw];
    } else {
      row.values = [i + 1, participant.nino, participant.benefit, excelDate(participant.end), participant.jobcentre];
      row.getCell(4).numFmt = 'dd/mm/yyyy';
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function excelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 2024, (m ?? 1) - 1, d ?? 1));
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function formCsv(header: FormHeader, participants: Array<Participant | { raw: string[] }>): Buffer {
  const lines = [
    ['Work Programme Provider Exit Report Request - Electronic WPER2E'],
    ['Provider Name:', header.provider, 'District/Jobcentre:', header.district],
    ['Request Date:', ukDate(header.requestDate), 'Report Return Deadline:', ukDate(header.deadline)],
    ['Return email address:', header.returnEmail],
    [],
    ['', 'NiNo', 'Benefit Type', 'End Date', 'Jobcentre'],
    ...participants.map((p, i) =>
      'raw' in p ? [String(i + 1), ...p.raw] : [String(i + 1), p.nino, p.benefit, ukDate(p.end), p.jobcentre],
    ),
  ];
  // Excel's "CSV UTF-8 (Comma delimited)": a BOM and CRLF.
  return Buffer.from(`\ufeff${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** A table as Outlook pastes it: MsoNormal paragraphs in every cell, &nbsp;, <o:p>, a layout table around it. */
function formOutlookHtml(header: FormHeader, participants: Participant[], intro: string): string {
  const cell = (text: string, width = 120): string =>
    `<td width=${width} valign=top style='width:${width}pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal><span style='font-family:"Arial",sans-serif'>${text}<o:p></o:p></span></p></td>`;
  const dataRows = participants
    .map(
      (p, i) =>
        `<tr>${cell(String(i + 1), 20)}${cell(p.nino)}${cell(p.benefit)}${cell(ukDate(p.end))}${cell(p.jobcentre)}</tr>`,
    )
    .join('\n');
  return `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15 (filtered medium)">
<style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
--></style><!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]--></head>
<body lang=EN-GB link="#0563C1" vlink="#954F72" style='word-wrap:break-word'><div class=WordSection1>
<p class=MsoNormal>${intro}<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>
<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0><tr><td>
<p class=MsoNormal><b>Work Programme Provider Exit Report Request - Electronic WPER2E<o:p></o:p></b></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>
<tr>${cell('Provider Name:&nbsp;')}${cell(header.provider)}${cell('District/Jobcentre:')}${cell(header.district)}</tr>
<tr>${cell('Request Date:')}${cell(ukDate(header.requestDate))}${cell('Report Return Deadline:')}${cell(ukDate(header.deadline))}</tr>
<tr>${cell('Return email address:')}<td colspan=3 valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal><a href="mailto:${header.returnEmail}">${header.returnEmail}</a><o:p></o:p></p></td></tr>
</table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>
<tr>${cell('&nbsp;', 20)}${cell('<b>NiNo</b>')}${cell('<b>Benefit<br>Type</b>')}${cell('<b>End Date</b>')}${cell('<b>Jobcentre</b>')}</tr>
${dataRows}
</table></td></tr></table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Kind regards<o:p></o:p></p><p class=MsoNormal>Jobcentre Plus District SPoC (North)<o:p></o:p></p>
</div></body></html>`;
}

function formTabText(header: FormHeader, participants: Participant[]): string {
  return [
    'Work Programme Provider Exit Report Request - Electronic WPER2E',
    '',
    `Provider Name:\t${header.provider}\tDistrict/Jobcentre:\t${header.district}`,
    `Request Date:\t${ukDate(header.requestDate)}\tReport Return Deadline:\t${ukDate(header.deadline)}`,
    `Return email address:\t${header.returnEmail}`,
    '',
    '\tNiNo\tBenefit Type\tEnd Date\tJobcentre',
    ...participants.map((p, i) => `${i + 1}\t${p.nino}\t${p.benefit}\t${ukDate(p.end)}\t${p.jobcentre}`),
    '',
  ].join('\r\n');
}

// ---- A minimal .docx (Word) writer: [Content_Types].xml, the relationships, the document part ----------

function docx(paragraphs: string[]): Buffer {
  const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = paragraphs
    .map((text) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`)
    .join('');
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  return zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    },
    { name: 'word/document.xml', data: Buffer.from(document, 'utf8') },
  ]);
}

// ---- Exit Reports as caseworkers write them ------------------------------------------------------------

const GOOD_REPORT = [
  'First name: Sam',
  'Surname: Example',
  'NINO: JT 12 34 56 A',
  '',
  'Summary of actions and activities:',
  'Sam attended a CV workshop in March 2023 and completed a four-week forklift licence course in',
  'September 2023. Sam took part in weekly job search sessions and applied for warehouse roles.',
  '',
  'Periods of work experience or employment and reasons actions were not completed:',
  'Work experience at a distribution centre from 02/10/2023 to 27/10/2023, completed.',
  'A temporary contract from 04/12/2023 to 12/01/2024 ended when the seasonal work finished.',
  'The planned English and maths course was not completed because the college cancelled the class.',
  '',
  'Next steps:',
  'Refer Sam to the sector-based work academy for logistics; support to renew the forklift licence.',
  '',
  'Further information:',
  'Sam is motivated and reliable, and attends every appointment.',
  '',
  'End of report',
];

// ---- The fixtures --------------------------------------------------------------------------------------

const JUNE_HEADER: FormHeader = {
  provider: 'Avanta',
  district: 'West Yorkshire',
  requestDate: '2024-06-03',
  deadline: '2024-06-14',
  returnEmail: JCP,
};

const MARCH_2025_HEADER: FormHeader = {
  provider: 'Avanta',
  district: 'South Yorkshire',
  requestDate: '2025-03-10',
  deadline: '2025-03-21',
  returnEmail: JCP_SOUTH,
};

const ATTACHED_INTRO = 'Please find attached the Exit Report request. Please accept the read receipt.';

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const fixtures: Array<[string, SendMailOptions]> = [
    [
      'wper2e-xlsx.eml',
      {
        from: `"District SPoC North" <${JCP}>`,
        to: SPOC,
        subject: 'Work Programme Exit Report Request',
        date: new Date('2024-06-03T08:15:00Z'),
        messageId: '<wper2e-xlsx-20240603@jcp.example>',
        headers: { 'Disposition-Notification-To': JCP },
        text: ATTACHED_INTRO,
        html: `<p>${ATTACHED_INTRO}</p>`,
        attachments: [
          {
            filename: 'WPER2E West Yorkshire 03-06-2024.xlsx',
            content: await formXlsx(JUNE_HEADER, JUNE_2024),
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          },
        ],
      },
    ],
    [
      'wper2e-csv.eml',
      {
        from: JCP_SOUTH,
        to: SPOC,
        subject: 'Work Programme Exit Report Request',
        date: new Date('2025-03-10T10:02:00Z'),
        messageId: '<wper2e-csv-20250310@jcp.example>',
        headers: { 'Disposition-Notification-To': JCP_SOUTH },
        text: ATTACHED_INTRO,
        attachments: [
          { filename: 'WPER2E.csv', content: formCsv(MARCH_2025_HEADER, rows(5)), contentType: 'text/csv' },
        ],
      },
    ],
    [
      'wper2e-html-outlook.eml',
      {
        from: `"District SPoC North" <${JCP}>`,
        to: SPOC,
        subject: 'Work Programme Exit Report Request',
        date: new Date('2024-06-03T08:20:00Z'),
        messageId: '<wper2e-html-20240603@jcp.example>',
        // As Outlook writes it: a display name and the address, not encoded.
        headers: { 'Disposition-Notification-To': { prepared: true, value: `"District SPoC North" <${JCP}>` } },
        text: formTabText(JUNE_HEADER, JUNE_2024),
        html: formOutlookHtml(JUNE_HEADER, JUNE_2024, 'Please see the Exit Report request below.'),
      },
    ],
    [
      'wper2e-text-table.eml',
      {
        from: JCP,
        to: SPOC,
        subject: 'Work Programme Exit Report Request',
        date: new Date('2026-01-12T09:00:00Z'),
        messageId: '<wper2e-text-20260112@jcp.example>',
        text: `Dear Provider SPoC,\r\n\r\n${formTabText(
          { ...JUNE_HEADER, requestDate: '2026-01-12', deadline: '2026-01-23' },
          JUNE_2024.map((p) => ({ ...p, end: '2026-01-26' })),
        )}\r\nKind regards\r\nDistrict SPoC (North)\r\n`,
      },
    ],
    [
      'wper2e-text-spaces.eml',
      {
        from: JCP,
        to: SPOC,
        subject: 'Work Programme Exit Report Request',
        date: new Date('2026-02-02T09:00:00Z'),
        messageId: '<wper2e-spaces-20260202@jcp.example>',
        text: [
          'Work Programme Provider Exit Report Request - Electronic WPER2E',
          '',
          'Provider Name: Avanta          District/Jobcentre: West Yorkshire',
          'Request Date: 2 February 2026  Report Return Deadline: 13 February 2026',
          'Return email address: district-spoc.north@jcp.example',
          '',
          'NiNo            Benefit Type    End Date        Jobcentre',
          '1   WL 31 00 07 A   JSA             16 Feb 2026     Leeds City',
          '2   SX 31 00 14 B   ESA             16 Feb 2026     Wakefield',
          '',
          'Regards',
        ].join('\r\n'),
      },
    ],
    [
      'wper3e-reminder.eml',
      {
        from: JCP,
        to: SPOC,
        subject: 'Work Programme Exit Report Request - Reminder',
        date: new Date('2024-06-18T08:30:00Z'),
        messageId: '<wper3e-20240618@jcp.example>',
        headers: { 'Disposition-Notification-To': JCP },
        text: 'The Exit Report below has not been received. Please return it as soon as possible.',
        attachments: [
          {
            filename: 'WPER3E reminder.xlsx',
            content: await formXlsx(
              { ...JUNE_HEADER, title: 'Work Programme Provider Exit Report Request - Electronic WPER3E - REMINDER' },
              JUNE_2024.slice(0, 1),
            ),
          },
        ],
      },
    ],
    [
      'not-required.eml',
      {
        from: JCP,
        to: SPOC,
        subject: 'Exit Report no longer required',
        date: new Date('2024-06-07T13:45:00Z'),
        messageId: '<not-required-20240607@jcp.example>',
        text: [
          'Hello,',
          '',
          'The Exit Report requested on 03/06/2024 for the participant below is no longer required:',
          'the participant is no longer in receipt of benefit.',
          '',
          'NINO: KP 65 43 21 B',
          '',
          'Please write "not appropriate, C/circs received - participant no longer in receipt of benefit or requested in error" across the report and return it for audit.',
          '',
          'Thanks',
          'District SPoC (North)',
        ].join('\r\n'),
      },
    ],
    [
      'ad-hoc-request.eml',
      {
        from: JCP_SOUTH,
        to: SPOC,
        subject: 'Work Programme Exit Report Request - ad hoc',
        date: new Date('2025-09-15T09:10:00Z'),
        messageId: '<ad-hoc-20250915@jcp.example>',
        headers: { 'Disposition-Notification-To': JCP_SOUTH },
        text: formTabText(
          { ...MARCH_2025_HEADER, title: undefined, requestDate: '2025-09-15', deadline: '2025-09-26' },
          [{ nino: 'EB 45 67 89 D', benefit: 'UC', end: '2024-11-29', jobcentre: 'Doncaster' }],
        ),
        html: formOutlookHtml(
          { ...MARCH_2025_HEADER, requestDate: '2025-09-15', deadline: '2025-09-26' },
          [{ nino: 'EB 45 67 89 D', benefit: 'UC', end: '2024-11-29', jobcentre: 'Doncaster' }],
          'Ad hoc Exit Report request: this participant found work while on the Work Programme and has made a new claim.',
        ),
      },
    ],
    [
      'submission-good.eml',
      {
        from: `"Case Worker" <${CASEWORKER}>`,
        to: SUBMIT,
        subject: 'Exit Report JT123456A',
        date: new Date('2024-06-10T14:00:00Z'),
        messageId: '<submission-good-20240610@provider.example>',
        text: `${GOOD_REPORT.join('\r\n')}\r\n\r\n-- \r\nCase Worker\r\nAvanta, Leeds office\r\n0113 496 0000\r\n`,
      },
    ],
    [
      'submission-docx.eml',
      {
        from: CASEWORKER,
        to: SUBMIT,
        subject: 'Exit Report KP654321B',
        date: new Date('2024-06-11T10:00:00Z'),
        messageId: '<submission-docx-20240611@provider.example>',
        text: 'Report attached.',
        attachments: [
          {
            filename: 'Exit Report KP654321B.docx',
            content: docx(
              GOOD_REPORT.map((line) =>
                line.replace('JT 12 34 56 A', 'KP654321B').replace('Sam', 'Alex').replace('Example', 'Sample'),
              ),
            ),
          },
        ],
      },
    ],
    [
      'submission-failing.eml',
      {
        from: CASEWORKER,
        to: SUBMIT,
        subject: 'Exit Report MR204060C',
        date: new Date('2024-06-12T16:30:00Z'),
        messageId: '<submission-failing-20240612@provider.example>',
        text: 'See the HTML part.',
        html: `<div dir="ltr"><div><b>First name:</b> Jo</div><div><b>Surname:</b> Placeholder</div><div><b>NINO:</b> MR 20 40 60 C</div><div><br></div>
<div><b>Summary of actions and activities:</b></div><div>Jo attended job clubs. Jo is a practising Muslim and attends the mosque on Fridays, so appointments were moved.</div><div><br></div>
<div><b>Periods of work experience or employment and reasons actions were not completed:</b></div><div>None. Jo can be reached on 07700 900123 and lives at 12 Example Street.</div><div><br></div>
<div><b>Next steps:</b></div><div><br></div></div>`,
      },
    ],
    [
      'submission-scr.eml',
      {
        from: CASEWORKER,
        to: SUBMIT,
        subject: 'Exit Report WL310007A',
        date: new Date('2026-02-05T11:00:00Z'),
        messageId: '<submission-scr-20260205@provider.example>',
        text: GOOD_REPORT.map((line) =>
          line.replace('JT 12 34 56 A', 'WL310007A').replace('Sam', 'Chris').replace('Example', 'Specimen'),
        ).join('\r\n'),
      },
    ],
    [
      'submission-pdf.eml',
      {
        from: CASEWORKER,
        to: SUBMIT,
        subject: 'Exit Report SX310014B',
        date: new Date('2026-02-06T11:00:00Z'),
        messageId: '<submission-pdf-20260206@provider.example>',
        text: 'Please find the Exit Report attached.',
        attachments: [
          {
            filename: 'Exit Report.pdf',
            contentType: 'application/pdf',
            content: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
          },
        ],
      },
    ],
    [
      'sender-not-designated.eml',
      {
        from: '"J Bloggs" <j.bloggs@mail.example>',
        to: SPOC,
        subject: 'Work Programme Exit Report Request',
        date: new Date('2024-06-04T07:55:00Z'),
        messageId: '<not-designated-20240604@mail.example>',
        text: ATTACHED_INTRO,
        attachments: [{ filename: 'WPER2E.csv', content: formCsv(JUNE_HEADER, JUNE_2024.slice(0, 2)) }],
      },
    ],
    [
      'two-forms.eml',
      {
        from: JCP,
        to: SPOC,
        subject: 'Work Programme Exit Report Request',
        date: new Date('2024-06-05T09:00:00Z'),
        messageId: '<two-forms-20240605@jcp.example>',
        headers: { 'Disposition-Notification-To': JCP },
        text: 'Two forms attached.',
        attachments: [
          { filename: 'WPER2E part 1.csv', content: formCsv(JUNE_HEADER, JUNE_2024.slice(0, 2)) },
          {
            filename: 'WPER2E part 2.csv',
            content: formCsv({ ...JUNE_HEADER, requestDate: '2024-06-05', deadline: '2024-06-18' }, JUNE_2024.slice(2)),
          },
        ],
      },
    ],
    [
      'wper2e-41-rows.eml',
      {
        from: JCP_SOUTH,
        to: SPOC,
        subject: 'Work Programme Exit Report Request',
        date: new Date('2025-03-10T10:30:00Z'),
        messageId: '<wper2e-41-20250310@jcp.example>',
        headers: { 'Disposition-Notification-To': JCP_SOUTH },
        text: ATTACHED_INTRO,
        attachments: [{ filename: 'WPER2E 41.xlsx', content: await formXlsx(MARCH_2025_HEADER, rows(41)) }],
      },
    ],
    [
      'wper2e-invalid-ninos.eml',
      {
        from: JCP_SOUTH,
        to: SPOC,
        subject: 'Work Programme Exit Report Request',
        date: new Date('2025-03-11T10:30:00Z'),
        messageId: '<wper2e-invalid-20250311@jcp.example>',
        text: ATTACHED_INTRO,
        attachments: [
          {
            filename: 'WPER2E.csv',
            content: formCsv({ ...MARCH_2025_HEADER, requestDate: '2025-03-11', deadline: '2025-03-24' }, [
              ...rows(2),
              { raw: ['DA 12 34 56 A', 'JSA', '24/03/2025', 'Rotherham'] },
              { raw: ['TN 01 01 80 M', 'JSA', '24/03/2025', 'Rotherham'] },
              { raw: ['', 'ESA', '24/03/2025', 'Rotherham'] },
              { raw: ['AB12345C', 'JSA', '24/03/2025', 'Rotherham'] },
              ...rows(1, 9),
            ]),
          },
        ],
      },
    ],
    [
      'wper2e-csv-formula.eml',
      {
        from: JCP_SOUTH,
        to: SPOC,
        subject: 'Work Programme Exit Report Request',
        date: new Date('2025-03-12T10:30:00Z'),
        messageId: '<wper2e-formula-20250312@jcp.example>',
        text: ATTACHED_INTRO,
        attachments: [
          {
            filename: 'WPER2E.csv',
            content: formCsv({ ...MARCH_2025_HEADER, requestDate: '2025-03-12', deadline: '2025-03-25' }, [
              ...rows(1),
              { raw: ['HZ310014B', '=HYPERLINK("http://evil.example","JSA")', '25/03/2025', '@SUM(A1:A2)'] },
            ]),
          },
        ],
      },
    ],
  ];

  for (const [name, options] of fixtures) {
    const raw = await compose(options, name);
    await writeFile(join(OUT, name), raw);
    console.log(`wrote ${name} (${raw.length} bytes)`);
  }
}

await main();
