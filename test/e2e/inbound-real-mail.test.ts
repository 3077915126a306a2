import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { windows1252fromString } from '@exodus/bytes/single-byte.js';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReadReceipt } from '../../adapters/mail/compose.ts';
import { decodeText } from '../../adapters/mail-reading/decode-text.ts';
import { readMime } from '../../adapters/mail-reading/mime.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { LocalSystem } from '../../local/runtime/system.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';
import { participant } from '../workflows/harness.ts';

/**
 * Real mail as common tools make it (nodemailer here, as Outlook, Notepad and Excel write the parts), through
 * the real inbound handler, the content check and the outbox: Windows-1252 text, a date of birth under the
 * NINO heading, a request forwarded as an attached message, and a printed deadline that is not the counted one.
 */
const NORTH = 'district-spoc.north@jcp.example';
const SOUTH = 'district-spoc.south@jcp.example';
const STRANGER = 'someone@elsewhere.example';
const CASEWORKER = 'caseworker.one@provider.example';
const mime = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
const raw = async (options: SendMailOptions): Promise<Buffer> => (await mime.sendMail(options)).message as Buffer;

function formText(requestDate: string, deadline: string, ninos: string[]): string {
  return [
    'Work Programme Provider Exit Report Request - Electronic WPER2E',
    '',
    'Provider Name:\tAvanta\tDistrict/Jobcentre:\tWest Yorkshire',
    `Request Date:\t${requestDate}\tReport Return Deadline:\t${deadline}`,
    `Return email address:\t${NORTH}`,
    '',
    '\tNiNo\tBenefit Type\tEnd Date\tJobcentre',
    ...ninos.map((nino, i) => `${i + 1}\t${nino}\tJSA\t17/06/2024\tLeeds City`),
    '',
  ].join('\r\n');
}

describe('inbound mail made by common tools, through the whole system', () => {
  let dir: string;
  let clock: VirtualClock;
  let system: LocalSystem;
  let keyNumber = 0;
  const cases = new Map<string, string>();
  const config = { ...demoProviderConfig, designatedJcpSenders: [NORTH, SOUTH] };
  const inject = async (message: Buffer, at: string) => {
    await clock.advanceTo(Date.parse(at));
    const key = `real-mail-${++keyNumber}`;
    await localMailWiring({ dataDir: dir, config, clock }).rawMail.store(key, message);
    const outcome = await system.handleInboundMail({ messageKey: key });
    await clock.settle();
    return outcome;
  };
  /** Every sent message to the address, read back with a MIME parser. */
  const sentTo = async (address: string) => {
    const all = await Promise.all(
      readdirSync(join(dir, 'outbox'))
        .filter((file) => file.endsWith('.eml'))
        .sort()
        .map(async (file) => PostalMime.parse(readFileSync(join(dir, 'outbox', file)))),
    );
    return all.filter((mail) => (mail.to ?? []).some((to) => to.address === address));
  };
  const record = async (nino: string) => (await system.exitReports.get(cases.get(nino) as string)).record;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wp-real-mail-'));
    clock = new VirtualClock('2024-06-03T08:00:00Z');
    const wiring = localMailWiring({ dataDir: dir, config, clock });
    system = await LocalSystem.start({ ...wiring, clock, composeReadReceipt });
    for (const nino of ['JT123456A', 'KP654321B', 'MR204060C', 'WL310007A']) {
      cases.set(
        nino,
        await system.refer(participant({ nino, referralDate: '2022-06-20', caseworkerEmail: CASEWORKER })),
      );
    }
  });
  afterAll(async () => {
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decodes Windows-1252 ("ANSI") text on this Node: ’ – “ ” are not C1 control characters', () => {
    const ansi = Buffer.from(windows1252fromString('O’Brien – “ready” café'));
    expect(ansi.includes(0x92)).toBe(true); // the right single quote is byte 0x92 in Windows-1252
    expect(decodeText(ansi)).toBe('O’Brien – “ready” café');
    expect(decodeText(ansi)).not.toMatch(/[\u0080-\u009f]/);
  });

  it('reads a Windows-1252 body and subject (quoted-printable, as Outlook sends them) without C1 characters', async () => {
    const raw = Buffer.from(
      [
        `From: ${CASEWORKER}`,
        'To: submit-exit-report@provider.example',
        'Subject: =?windows-1252?Q?Exit_Report_=96_JT123456A?=',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset="windows-1252"',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Sam=92s CV workshop =96 the =93forklift=94 course.',
        '',
      ].join('\r\n'),
      'latin1',
    );
    const mail = await readMime(raw);
    expect(mail.subject).toBe('Exit Report – JT123456A');
    expect(mail.text.trim()).toBe('Sam’s CV workshop – the “forklift” course.');
  });

  it('reads a request a designated SPoC forwards as an attached message, checking the original sender too', async () => {
    const original = await raw({
      from: `"District SPoC South" <${SOUTH}>`,
      to: 'district-spoc.north@jcp.example',
      subject: 'Work Programme Exit Report Request',
      date: new Date('2024-06-03T08:05:00Z'),
      messageId: '<original-20240603@jcp.example>',
      text: formText('03/06/2024', '14/06/2024', ['JT 12 34 56 A']),
    });
    const forward = await raw({
      from: `"District SPoC North" <${NORTH}>`,
      to: config.provider.spocAddress,
      subject: 'FW: Work Programme Exit Report Request',
      date: new Date('2024-06-03T09:00:00Z'),
      messageId: '<forward-20240603@jcp.example>',
      text: 'Forwarded as requested: the original is attached.',
      attachments: [
        { filename: 'Work Programme Exit Report Request.eml', contentType: 'message/rfc822', content: original },
      ],
    });

    expect(await inject(forward, '2024-06-03T09:30:00Z')).toMatchObject({
      status: 'accepted',
      kind: 'exit-report-request',
      actioned: 1,
    });
    expect(await record('JT123456A')).toMatchObject({
      stage: 'report-due',
      deadlines: { exitReport: { due: '2024-06-14' } },
    });
  });

  it('rejects a forwarded request whose original sender is not a designated District SPoC address', async () => {
    const original = await raw({
      from: STRANGER,
      to: NORTH,
      subject: 'Work Programme Exit Report Request',
      date: new Date('2024-06-03T08:05:00Z'),
      messageId: '<stranger-20240603@elsewhere.example>',
      text: formText('03/06/2024', '14/06/2024', ['KP654321B']),
    });
    const forward = await raw({
      from: NORTH,
      to: config.provider.spocAddress,
      subject: 'FW: Work Programme Exit Report Request',
      messageId: '<forward-stranger-20240603@jcp.example>',
      text: 'See attached.',
      attachments: [{ filename: 'request.eml', contentType: 'message/rfc822', content: original }],
    });

    const outcome = await inject(forward, '2024-06-03T10:00:00Z');
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'sender', actioned: 0 });
    expect((await record('KP654321B')).stage).toBe('awaiting-request');
    const alerts = (await sentTo(config.provider.spocLeadAddress)).filter((m) => m.text?.includes(STRANGER));
    expect(alerts).toHaveLength(1);
  });

  it('flags a printed deadline that differs from the counted one to the SPoC lead, and keeps the earlier', async () => {
    const request = await raw({
      from: NORTH,
      to: config.provider.spocAddress,
      subject: 'Work Programme Exit Report Request',
      date: new Date('2024-06-03T10:30:00Z'),
      messageId: '<printed-earlier-20240603@jcp.example>',
      text: formText('03/06/2024', '12/06/2024', ['MR 20 40 60 C']),
    });

    expect(await inject(request, '2024-06-03T11:00:00Z')).toMatchObject({ status: 'accepted', actioned: 1 });
    expect((await record('MR204060C')).deadlines.exitReport?.due).toBe('2024-06-12');
    const flagged = (await sentTo(config.provider.spocLeadAddress)).filter((m) =>
      m.text?.includes('Report Return Deadline printed on the form'),
    );
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.text).toContain('Wed 12 Jun 2024');
    expect(flagged[0]?.text).toContain('Fri 14 Jun 2024');
    expect(flagged[0]?.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("sends a caseworker's Windows-1252 .txt report with its quotes and dashes intact", async () => {
    const report = [
      'First name: Sam',
      'Surname: Example',
      'NINO: JT 12 34 56 A',
      '',
      'Summary of actions and activities:',
      'Sam’s CV workshop – March 2023; the “forklift” course in September 2023.',
      '',
      'Periods of work experience or employment and reasons actions were not completed:',
      'Work experience at a distribution centre, October 2023, completed.',
      '',
      'Next steps:',
      'Refer Sam to the sector-based work academy.',
    ].join('\r\n');
    const submission = await raw({
      from: CASEWORKER,
      to: config.provider.submissionAddress,
      subject: 'Exit Report JT123456A',
      messageId: '<ansi-report-20240610@provider.example>',
      text: 'Report attached (saved from Notepad).',
      attachments: [
        { filename: 'exit-report.txt', contentType: 'text/plain', content: Buffer.from(windows1252fromString(report)) },
      ],
    });

    expect(await inject(submission, '2024-06-10T14:00:00Z')).toMatchObject({ status: 'accepted' });
    await clock.advanceTo(Date.parse('2024-06-10T14:05:00Z'));
    expect((await record('JT123456A')).report).toMatchObject({ sentDate: '2024-06-10', route: 'email' });
    const sent = (await sentTo(NORTH)).find((m) => m.subject === 'Work Programme Exit Report');
    expect(sent?.text).toContain('Sam’s CV workshop – March 2023; the “forklift” course');
    expect(sent?.text).not.toMatch(/[\u0080-\u009f]/);
  });

  it('tells the caseworker every finding: a date of birth under the NINO heading is named, not just a mismatch', async () => {
    const request = await raw({
      from: NORTH,
      to: config.provider.spocAddress,
      subject: 'Work Programme Exit Report Request',
      messageId: '<request-wl-20240611@jcp.example>',
      text: formText('11/06/2024', '24/06/2024', ['WL310007A']),
    });
    expect(await inject(request, '2024-06-11T09:00:00Z')).toMatchObject({ status: 'accepted', actioned: 1 });
    const submission = await raw({
      from: CASEWORKER,
      to: config.provider.submissionAddress,
      subject: 'Exit Report WL310007A',
      messageId: '<dob-under-nino-20240612@provider.example>',
      text: [
        'First name: Alex',
        'Surname: Sample',
        'NINO:',
        'WL 31 00 07 A',
        '14/02/1988',
        '',
        'Summary of actions and activities:',
        'Job search sessions every week.',
        '',
        'Periods of work experience or employment and reasons actions were not completed:',
        'None.',
        '',
        'Next steps:',
        'Interview practice.',
      ].join('\r\n'),
    });

    expect(await inject(submission, '2024-06-12T10:00:00Z')).toMatchObject({ status: 'accepted' });
    await clock.advanceTo(Date.parse('2024-06-12T10:05:00Z'));
    expect((await record('WL310007A')).stage).toBe('report-due');
    const returned = (await sentTo(CASEWORKER)).filter((m) => m.text?.includes('Under the NINO heading'));
    expect(returned).toHaveLength(1);
    expect(returned[0]?.text).toMatch(/more than the NINO \(it looks like a date, perhaps a date of birth\)/);
    expect(returned[0]?.text).not.toContain('14/02/1988');
  });

  it("returns a report whose subject names another NINO with the content check's findings too, in one notice", async () => {
    const submission = await raw({
      from: CASEWORKER,
      to: config.provider.submissionAddress,
      subject: 'Exit Report KP654321B',
      messageId: '<two-problems-20240613@provider.example>',
      text: [
        'First name: Alex',
        'Surname: Sample',
        'NINO: WL 31 00 07 A',
        'Lives at 1 Example Street',
        '',
        'Summary of actions and activities:',
        'Job search sessions every week.',
        '',
        'Periods of work experience or employment and reasons actions were not completed:',
        'None.',
        '',
        'Next steps:',
        'Interview practice.',
      ].join('\r\n'),
    });

    expect(await inject(submission, '2024-06-13T10:00:00Z')).toMatchObject({ status: 'accepted', actioned: 0 });
    const returned = (await sentTo(CASEWORKER)).filter((m) => m.text?.includes('is not the NINO in the report'));
    expect(returned).toHaveLength(1);
    expect(returned[0]?.text).toContain('seems to contain a home address');
  });
});
