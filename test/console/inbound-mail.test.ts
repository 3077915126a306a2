import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../local/runtime/clock.ts';
import { type ConsoleHarness, csrfOf, sendToLive, signIn, startConsoleHarness } from './harness.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/mail/${name}`, import.meta.url)));

/**
 * The Inbound mail page over real HTTP: every message with its outcome and findings, newest first; those that
 * need a call to the District; the SPoC lead destroys a form sent in error (paras 46, 49), a caseworker cannot.
 */
describe('console: inbound mail', () => {
  let h: ConsoleHarness;
  let caseworker: string;
  let spocLead: string;
  const recorded = () => h.live.system.cases.inboundMessages();

  beforeAll(async () => {
    h = await startConsoleHarness('2026-03-02T10:00:00Z');
    caseworker = await signIn(h.linkFor('caseworker'));
    spocLead = await signIn(h.linkFor('spoc-lead'));
    await sendToLive(h, fixture('wper2e-invalid-ninos.eml'), 'district-spoc.south@jcp.example');
    const clock = h.live.system.clock as VirtualClock;
    await clock.advanceTo(clock.now() + 3_600_000);
    await sendToLive(h, fixture('sender-not-designated.eml'), 'j.bloggs@mail.example');
  }, 60_000);
  afterAll(async () => h?.stop());

  const fileOf = async (from: string) => {
    const m = (await h.live.system.cases.inboundMessages()).find((x) => x.from?.includes(from));
    if (!m?.messageKey) throw new Error(`no message from ${from}`);
    return { key: m.key, path: join(h.dir, 'inbox', `${m.messageKey}.eml`) };
  };

  it('lists every message with its outcome and findings, newest first, and those that need a call', async () => {
    const res = await fetch(`${h.base}/inbound-mail`, { headers: { cookie: caseworker } });
    expect(res.status).toBe(200);
    const body = await res.text();
    const all = body.slice(body.indexOf('id="inbound"'));
    expect(all.indexOf('j.bloggs@mail.example')).toBeGreaterThan(0);
    expect(all.indexOf('j.bloggs@mail.example')).toBeLessThan(all.indexOf('district-spoc.south@jcp.example'));
    expect(all).toMatch(/Rejected<\/strong> exit-report-request \(sender\)/);
    expect(all).toMatch(/Accepted<\/strong>/);
    expect(all).toMatch(/phone the Jobcentre Plus District SPoC who sent the form \(paras 45, 49\)/);
    expect(all).toMatch(/Mon 2 Mar 2026 11:00/);
    // Each finding said once: the flagged row is not repeated after the reading's own words
    expect(all.match(/Row 3: NINO prefix cannot start with D/g)).toHaveLength(1);
    const calls = body.slice(body.indexOf('id="district-calls"'), body.indexOf('id="inbound"'));
    expect(calls).toContain('j.bloggs@mail.example');
    expect(calls).toContain('district-spoc.south@jcp.example');
    // No destroy form for a caseworker
    expect(body).not.toContain('action="/inbound-mail/destroy"');
    expect(all).not.toMatch(/Please find attached/);
  });

  it('refuses a caseworker the destroy action (403) and destroys nothing', async () => {
    const { key, path } = await fileOf('j.bloggs');
    // The session's token, from a page with a form (the caseworker has no form on this one)
    const token = csrfOf(await (await fetch(`${h.base}/refer`, { headers: { cookie: caseworker } })).text());
    const res = await fetch(`${h.base}/inbound-mail/destroy`, {
      method: 'POST',
      headers: { cookie: caseworker },
      body: new URLSearchParams({ _csrf: token, message: key, grounds: 'sent-in-error', reason: 'Agreed' }),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/SPoC lead/);
    expect(existsSync(path)).toBe(true);
  });

  it('refuses the SPoC lead’s form without its CSRF token, and one without a reason, destroying nothing', async () => {
    const { key, path } = await fileOf('j.bloggs');
    const none = await fetch(`${h.base}/inbound-mail/destroy`, {
      method: 'POST',
      headers: { cookie: spocLead },
      body: new URLSearchParams({ message: key, grounds: 'sent-in-error', reason: 'Agreed' }),
    });
    expect(none.status).toBe(403);
    const token = csrfOf(await (await fetch(`${h.base}/inbound-mail`, { headers: { cookie: spocLead } })).text());
    const blank = await fetch(`${h.base}/inbound-mail/destroy`, {
      method: 'POST',
      headers: { cookie: spocLead },
      body: new URLSearchParams({ _csrf: token, message: key, grounds: 'not-designated-inbox', reason: '' }),
    });
    expect(blank.status).toBe(400);
    const page = await blank.text();
    expect(page).toMatch(/govuk-error-summary/);
    expect(page).toMatch(/<a href="#reason">[^<]*Enter what was agreed/);
    expect(existsSync(path)).toBe(true);
    expect((await recorded()).length).toBe(2);
  });

  it('lets the SPoC lead destroy the message: the inbox file is gone, the record kept under their identity', async () => {
    const { key, path } = await fileOf('j.bloggs');
    const token = csrfOf(await (await fetch(`${h.base}/inbound-mail`, { headers: { cookie: spocLead } })).text());
    const res = await fetch(`${h.base}/inbound-mail/destroy`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: spocLead },
      body: new URLSearchParams({
        _csrf: token,
        message: key,
        grounds: 'not-designated-inbox',
        reason: 'Agreed with the South District SPoC by phone; they re-send from the designated inbox.',
        // A typed identity is ignored: the record is under the signed-in user.
        by: 'someone.else@provider.example',
      }),
    });
    expect(res.status).toBe(303);
    expect(existsSync(path)).toBe(false);
    const lead = h.userFor('spoc-lead');
    const after = await (await fetch(`${h.base}/inbound-mail`, { headers: { cookie: spocLead } })).text();
    expect(after).toContain(`by ${lead.email}: Not sent from the designated Jobcentre Plus inbox (para 46).`);
    expect(after).toContain('Agreed with the South District SPoC by phone');
    // Destroyed: no longer a call to make, no longer offered for destruction
    const calls = after.slice(after.indexOf('id="district-calls"'), after.indexOf('id="inbound"'));
    expect(calls).not.toContain('j.bloggs@mail.example');
    expect(after).not.toContain(`<option value="${key}"`);
    const [record] = (await h.live.system.cases.inboundMessages()).filter((m) => m.key === key);
    expect(record?.destroyed).toMatchObject({ by: lead.email, grounds: 'not-designated-inbox' });
  });

  it('takes the same action through the JSON endpoint `npx wp mail destroy` posts to', async () => {
    const { key, path } = await fileOf('district-spoc.south');
    const res = await fetch(`${h.base}/staff-action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'destroy-inbound-message',
        message: key,
        grounds: 'sent-in-error',
        reason: 'The District SPoC agreed it was meant for another provider.',
        by: 'spoc.lead@provider.example',
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ duplicate: false, destroyed: { by: 'spoc.lead@provider.example' } });
    expect(existsSync(path)).toBe(false);
  });
});
