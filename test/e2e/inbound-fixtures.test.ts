import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReadReceipt } from '../../adapters/mail/compose.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { LocalSystem } from '../../local/runtime/system.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';
import { participant } from '../workflows/harness.ts';

const fixtures = fileURLToPath(new URL('../fixtures/mail/', import.meta.url));

/**
 * The mail fixtures through the real inbound handler, notices, content check and MIME: a WPER2E for three
 * participants, a wrong sender, two forms in one email, a caseworker's good report and a failing one, a
 * 'no longer required' notice, and a WPER3E after the report had gone.
 */
describe('inbound mail fixtures through the whole system', () => {
  let dir: string;
  let clock: VirtualClock;
  let system: LocalSystem;
  const cases = new Map<string, string>();
  const inject = async (name: string, at: string) => {
    await clock.advanceTo(Date.parse(at));
    const key = name.replace('.eml', '');
    await localMailWiring({ dataDir: dir, config: demoProviderConfig, clock }).rawMail.store(
      key,
      readFileSync(join(fixtures, name)),
    );
    const outcome = await system.handleInboundMail({ messageKey: key });
    await clock.settle();
    return outcome;
  };
  /** Sent mail whose file name contains the fragment (the outbox writes an intent's : and @ as _). */
  const outbox = async (fragment: string) => {
    const files = readdirSync(join(dir, 'outbox')).filter((f) => f.includes(fragment));
    return Promise.all(files.map(async (f) => simpleParser(readFileSync(join(dir, 'outbox', f)))));
  };
  const record = async (nino: string) => (await system.exitReports.get(cases.get(nino) as string)).record;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wp-fixtures-'));
    clock = new VirtualClock('2024-06-03T08:00:00Z');
    const config = {
      ...demoProviderConfig,
      designatedJcpSenders: ['district-spoc.north@jcp.example', 'district-spoc.south@jcp.example'],
    };
    const wiring = localMailWiring({ dataDir: dir, config, clock });
    system = await LocalSystem.start({ ...wiring, clock, composeReadReceipt });
    // Referred 714 days before Mon 3 Jun 2024, the fixtures' request date.
    for (const nino of ['JT123456A', 'KP654321B', 'MR204060C']) {
      cases.set(
        nino,
        await system.refer(
          participant({ nino, referralDate: '2022-06-20', caseworkerEmail: 'caseworker.one@provider.example' }),
        ),
      );
    }
  });
  afterAll(async () => {
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('actions a WPER2E from an XLSX attachment: three cases due Fri 14 Jun 2024', async () => {
    const outcome = await inject('wper2e-xlsx.eml', '2024-06-03T09:30:00Z');
    expect(outcome).toMatchObject({ status: 'accepted', kind: 'exit-report-request', actioned: 3 });
    for (const nino of cases.keys()) {
      expect(await record(nino)).toMatchObject({
        stage: 'report-due',
        deadlines: { exitReport: { due: '2024-06-14' } },
      });
    }
  });

  it('rejects a request from an address that is not a designated District SPoC, and tells the SPoC lead', async () => {
    const outcome = await inject('sender-not-designated.eml', '2024-06-04T08:00:00Z');
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'sender', actioned: 0 });
    const [notice] = await outbox('mail-rejected');
    expect(notice?.text).toMatch(/phone the Jobcentre Plus District SPoC/i);
    expect(system.figures.get('InboundMailRejected{Reason=sender}')).toBe(1);
  });

  it('rejects two forms in one email', async () => {
    expect(await inject('two-forms.eml', '2024-06-05T09:00:00Z')).toMatchObject({
      status: 'rejected',
      reason: 'more-than-one-form',
    });
  });

  it("returns a 'no longer required' report marked 'not appropriate' to the form's return address", async () => {
    expect(await inject('not-required.eml', '2024-06-07T13:45:00Z')).toMatchObject({ status: 'accepted', actioned: 1 });
    await clock.advanceTo(Date.parse('2024-06-07T14:00:00Z'));
    expect(await record('KP654321B')).toMatchObject({ stage: 'closed', closedReason: 'not-required-returned' });
    const reports = await outbox('_exit-report_');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.subject).toBe('Work Programme Exit Report');
    expect(reports[0]?.text).toContain('not appropriate, C/circs received');
  });

  it("sends a caseworker's good report to Jobcentre Plus: one per email, subject exact, from the SPoC address", async () => {
    expect(await inject('submission-good.eml', '2024-06-10T14:00:00Z')).toMatchObject({
      status: 'accepted',
      kind: 'report-submission',
    });
    await clock.advanceTo(Date.parse('2024-06-10T14:05:00Z'));
    const c = await record('JT123456A');
    expect(c.report).toMatchObject({ sentDate: '2024-06-10', workingDaysTaken: 6, onTime: true, route: 'email' });
    const sent = (await outbox('_exit-report_')).find((m) => m.text?.includes('JT123456A'));
    expect(sent?.subject).toBe('Work Programme Exit Report');
    expect(sent?.from?.text).toBe('exit-reports@provider.example');
    expect(sent?.to && 'text' in sent.to ? sent.to.text : '').toBe('district-spoc.north@jcp.example');
  });

  it('sends a failing report back to the caseworker with what to correct, and keeps the case waiting', async () => {
    expect(await inject('submission-failing.eml', '2024-06-12T16:30:00Z')).toMatchObject({ status: 'accepted' });
    await clock.advanceTo(Date.parse('2024-06-12T16:35:00Z'));
    expect((await record('MR204060C')).stage).toBe('report-due');
    const [returned] = await outbox('submission-returned');
    expect(returned?.to && 'text' in returned.to ? returned.to.text : '').toBe('caseworker.one@provider.example');
    expect(returned?.subject).toMatch(/not sent/i);
  });

  it('flags a WPER3E for a report already sent, dating the reminder by when it was sent, not the form', async () => {
    expect(await inject('wper3e-reminder.eml', '2024-06-18T08:40:00Z')).toMatchObject({
      status: 'accepted',
      actioned: 1,
    });
    await clock.advanceTo(Date.parse('2024-06-18T09:00:00Z'));
    const c = await record('JT123456A');
    expect(c.stage).toBe('closed');
    expect(c.audit.at(-1)).toMatchObject({ what: 'wper3-reminder flagged', flag: true });
    expect(c.appliedEventIds).toContain('wper3:2024-06-18');
  });
});
