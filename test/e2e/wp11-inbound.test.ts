import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReadReceipt } from '../../adapters/mail/compose.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { informationSessionRecordKind } from '../../functions/commons/processes/information-session.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { LocalSystem } from '../../local/runtime/system.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';

const fixtures = fileURLToPath(new URL('../fixtures/information-session/', import.meta.url));

/**
 * WP11s from Jobcentre Plus through the real inbound handler to the Information Session workflow: read, checked
 * against the participant's referral, delivered once; a WP11 for nobody on record, from a wrong sender, or after
 * day 21 is flagged or rejected with the reason, never lost.
 */
describe('WP11 by inbound mail', () => {
  let dir: string;
  let clock: VirtualClock;
  let system: LocalSystem;
  const caseIds = new Map<string, string>();

  const inject = async (name: string, at: string, raw?: Buffer) => {
    await clock.advanceTo(Date.parse(at));
    const key = `${name.replace('.eml', '')}-${at.replace(/\D/g, '')}`;
    await localMailWiring({ dataDir: dir, config: demoProviderConfig, clock }).rawMail.store(
      key,
      raw ?? readFileSync(join(fixtures, name)),
    );
    const outcome = await system.handleInboundMail({ messageKey: key });
    await clock.settle();
    return outcome;
  };
  const record = async (nino: string) =>
    (await system.cases.recordsOf(informationSessionRecordKind).get(caseIds.get(nino) as string)).record;
  const outbox = (fragment: string) => readdirSync(join(dir, 'outbox')).filter((f) => f.includes(fragment));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wp-wp11-'));
    clock = new VirtualClock('2024-05-20T08:00:00Z');
    const wiring = localMailWiring({ dataDir: dir, config: demoProviderConfig, clock });
    system = await LocalSystem.start({ ...wiring, clock, composeReadReceipt });
    const staff = makeStaffActionHandler(system.deps);
    for (const [nino, referralDate] of [
      ['JT310101A', '2024-05-20'],
      ['JT310103C', '2024-05-21'],
    ] as const) {
      await clock.advanceTo(Date.parse(`${referralDate}T08:00:00Z`));
      const { caseId } = (await staff({
        action: 'refer-information-session',
        referral: { nino, referralDate, mandation: 'voluntary' },
      })) as { caseId: string };
      caseIds.set(nino, caseId);
    }
    await clock.settle();
  });
  afterAll(async () => {
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a WP11 within 21 days reaches the case: attachment due by day 28; the same message again has one effect', async () => {
    const outcome = await inject('wp11-text.eml', '2024-06-05T09:30:00Z');
    expect(outcome).toMatchObject({ status: 'accepted', kind: 'wp11', actioned: 1 });
    const c = await record('JT310101A');
    expect(c.stage).toBe('attachment-due');
    expect(c.wp11?.messageId).toBe('<wp11-text-0001@jcp.example>');
    expect(c.deadlines.attachment.due).toBe('2024-06-17');

    const again = await inject('wp11-text.eml', '2024-06-05T09:40:00Z');
    expect(again.status).toBe('duplicate');
    expect((await record('JT310101A')).appliedEventIds.filter((id) => id.startsWith('wp11:'))).toHaveLength(1);
  });

  it('a WP11 for a participant with no Information Session referral on record is flagged to the SPoC lead', async () => {
    const outcome = await inject('wp11-csv.eml', '2024-06-05T10:00:00Z');
    expect(outcome).toMatchObject({ status: 'accepted', kind: 'wp11', actioned: 0 });
    expect(outcome.flagged).toBeGreaterThan(0);
    expect(outbox('form-flagged').length).toBeGreaterThan(0);
  });

  it('a WP11 from an address that is not a designated Jobcentre Plus sender is rejected with the reason', async () => {
    const raw = readFileSync(join(fixtures, 'wp11-text.eml'))
      .toString('utf8')
      .replace('district-spoc.north@jcp.example', 'someone@elsewhere.example')
      .replace('<wp11-text-0001@jcp.example>', '<wp11-text-0002@elsewhere.example>');
    const outcome = await inject('wp11-wrong-sender.eml', '2024-06-05T11:00:00Z', Buffer.from(raw));
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'sender' });
  });

  it('a WP11 after day 21 is recorded as late and flagged; the referral is cancelled as Did Not Start', async () => {
    const outcome = await inject('wp11-html.eml', '2024-06-14T09:00:00Z');
    expect(outcome).toMatchObject({ status: 'accepted', kind: 'wp11', actioned: 1 });
    const c = await record('JT310103C');
    expect(c.stage).toBe('cancel-due');
    expect(c.wp11?.late).toBe(true);
    expect(outbox('wp11-late').length).toBe(1);
    expect(outbox('cancel-did-not-start').length).toBe(1);
  });
});
