import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { type LiveSystem, startLive } from '../../local/live.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { participant } from '../workflows/harness.ts';

const run = promisify(execFile);

/** A WPER2E as a Jobcentre Plus District SPoC's mail client sends it: a plain-text table in the body. */
function wper2eMessage(): string {
  return [
    'From: North District SPoC <district-spoc.north@jcp.example>',
    'To: exit-reports@provider.example',
    'Subject: Work Programme Exit Report Request',
    'Date: Wed, 17 Dec 2025 10:00:00 +0000',
    'Message-ID: <wper2e-e2e-1@jcp.example>',
    'Disposition-Notification-To: district-spoc.north@jcp.example',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Work Programme Provider Exit Report Request - Electronic WPER2E',
    '',
    'Provider Name: Avanta\tDistrict/Jobcentre: North District',
    'Request Date: 17/12/2025\tReport Return Deadline: 02/01/2026',
    'Return email address: district-spoc.north@jcp.example',
    '',
    '\tNiNo\tBenefit Type\tEnd Date\tJobcentre',
    '1\tAB 12 34 56 C\tJSA\t31/12/2025\tNorthtown',
    '2\tCE 65 43 21 A\tESA\t31/12/2025\tNorthtown',
    '',
  ].join('\r\n');
}

/** Python's standard smtplib: a real SMTP client, not ours. */
async function sendWithSmtplib(port: number, file: string): Promise<void> {
  const script = [
    'import smtplib, sys',
    'raw = open(sys.argv[2], "rb").read()',
    'with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=30) as s:',
    '    s.sendmail("district-spoc.north@jcp.example", ["exit-reports@provider.example"], raw)',
  ].join('\n');
  await run('python3', ['-c', script, String(port), file]);
}

/** The outbox's finished messages whose name mentions `what` (half-written files never match: see mailer.ts). */
function outboxFiles(dir: string, what: string): string[] {
  return readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml') && f.includes(what));
}

describe('inbound mail end to end: real SMTP into the local runtime', () => {
  let dir: string;
  let live: LiveSystem;
  let caseId: string;
  let clock: VirtualClock;
  /** After an SMTP 250: the message handled, and every step it started settled. No waiting on real time. */
  const handled = async () => {
    await live.inboundDrained();
    await clock.settle();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wp-e2e-'));
    clock = new VirtualClock('2025-12-17T10:05:00Z');
    live = await startLive({
      dataDir: dir,
      config: demoProviderConfig,
      smtpPort: 0,
      httpPort: 0,
      clock,
    });
    caseId = await live.system.refer(participant({ referralDate: '2024-01-03' }));
  });

  afterAll(async () => {
    await live?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts the case awaiting its report and tells the caseworker the deadline and how it was counted', async () => {
    const file = join(dir, 'wper2e.eml');
    writeFileSync(file, wper2eMessage());
    await sendWithSmtplib(live.smtpPort, file);

    await handled();
    const { record } = await live.system.exitReports.get(caseId);
    expect(record.stage).toBe('report-due');
    expect(record.deadlines.exitReport?.due).toBe('2026-01-02');
    expect(record.request).toMatchObject({ requestDate: '2025-12-17', returnEmail: 'district-spoc.north@jcp.example' });

    // The raw message was kept in the inbox before it was handled.
    expect(readdirSync(join(dir, 'inbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);

    const outbox = join(dir, 'outbox');
    const [noticeFile, ...more] = outboxFiles(dir, 'request-received');
    expect(more).toHaveLength(0);
    const notice = await simpleParser(readFileSync(join(outbox, noticeFile as string)));
    expect(notice.to && 'text' in notice.to ? notice.to.text : '').toBe('caseworker@provider.example');
    expect(notice.subject).toContain('due Fri 2 Jan 2026');
    expect(notice.text).toContain('Day 1: Wed 17 Dec 2025 (request date)');
    expect(notice.text).toContain('Skipped Thu 25 Dec 2025');
    expect(notice.text).toContain('Day 10: Fri 2 Jan 2026');
    expect(notice.text).not.toContain('AB123456C');
  });

  it('sends the read receipt the District SPoC asked for, and flags the participant not attached to us', async () => {
    const outbox = join(dir, 'outbox');
    // The first message was handled (and its steps settled) in the test before: everything it sends is in the outbox.
    await handled();
    const [mdnFile] = outboxFiles(dir, 'mdn');
    const mdn = readFileSync(join(outbox, mdnFile as string), 'utf8');
    expect(mdn).toMatch(/Content-Type: multipart\/report;\s*report-type=disposition-notification/i);
    expect(mdn).toContain('Original-Message-ID: <wper2e-e2e-1@jcp.example>');
    const [flagFile] = outboxFiles(dir, 'form-flagged');
    const flag = await simpleParser(readFileSync(join(outbox, flagFile as string)));
    expect(flag.text).toContain('not a participant attached to this provider');
    expect(flag.text).toContain('CE****21A');
  });

  it('has one effect when the same message is delivered again', async () => {
    const file = join(dir, 'wper2e.eml');
    await sendWithSmtplib(live.smtpPort, file);
    await handled();
    expect(readdirSync(join(dir, 'inbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    const notices = outboxFiles(dir, 'request-received');
    expect(notices).toHaveLength(1);
    expect(live.system.figures.get('InboundMailRejected{Reason=duplicate}')).toBe(1);
  });
});
