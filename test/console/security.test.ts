import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, csrfOf, signIn, startConsoleHarness } from './harness.ts';

/**
 * The console's guards over real HTTP: no session → sign-in; a form without its CSRF token → refused; a role
 * without the right → 403 and nothing recorded; input that fails its schema → the error, nothing recorded.
 */
describe('console security', () => {
  let h: ConsoleHarness;
  let caseworker: string;

  beforeAll(async () => {
    h = await startConsoleHarness();
    caseworker = await signIn(h.linkFor('caseworker'));
  });
  afterAll(async () => h?.stop());

  const openCases = async () => {
    let n = 0;
    for await (const _ of h.live.system.exitReports.all()) n++;
    return n;
  };

  it('sends a visitor with no session to sign in, for pages and for forms', async () => {
    for (const path of ['/', '/refer', '/cases/er-x', '/continuity']) {
      const res = await fetch(h.base + path, { redirect: 'manual' });
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe('/sign-in');
    }
    const post = await fetch(`${h.base}/refer`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ nino: 'QQ123456C' }),
    });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe('/sign-in');
  });

  it('spends a one-time link on first use', async () => {
    const link = h.live.consoleSignInLinks[0]?.url as string;
    await signIn(link);
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/sign-in');
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('sets the session cookie HttpOnly and SameSite, and a content security policy with no inline script', async () => {
    const res = await fetch(h.linkFor('mi-deputy'), { redirect: 'manual' });
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
    const pageRes = await fetch(`${h.base}/`, { headers: { cookie: caseworker } });
    const csp = pageRes.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(await pageRes.text()).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });

  it('refuses a form without its CSRF token, or with another session’s, and records nothing', async () => {
    const before = await openCases();
    const form = {
      nino: 'QQ123456C',
      referralDate: '02/03/2026',
      division: 'england-and-wales',
      contract: 'C1',
      scr: 'no',
      caseworkerEmail: 'a@b.example',
    };
    const none = await fetch(`${h.base}/refer`, {
      method: 'POST',
      headers: { cookie: caseworker },
      body: new URLSearchParams(form),
    });
    expect(none.status).toBe(403);
    const other = await signIn(h.linkFor('spoc-lead'));
    const otherToken = csrfOf(await (await fetch(`${h.base}/refer`, { headers: { cookie: other } })).text());
    const wrong = await fetch(`${h.base}/refer`, {
      method: 'POST',
      headers: { cookie: caseworker },
      body: new URLSearchParams({ ...form, _csrf: otherToken }),
    });
    expect(wrong.status).toBe(403);
    expect(await openCases()).toBe(before);
  });

  it('answers 403 to a role without the right, and records nothing', async () => {
    const manager = await signIn(h.linkFor('contract-manager'));
    const token = csrfOf(await (await fetch(`${h.base}/refer`, { headers: { cookie: manager } })).text());
    const res = await fetch(`${h.base}/refer`, {
      method: 'POST',
      headers: { cookie: manager },
      body: new URLSearchParams({
        _csrf: token,
        nino: 'QQ123456C',
        referralDate: '2026-03-02',
        division: 'england-and-wales',
        contract: 'C1',
        scr: 'no',
        caseworkerEmail: 'a@b.example',
      }),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/Caseworker, SPoC lead/);
    expect(await openCases()).toBe(0);
  });

  it('gives input that fails its schema back with the error summary, and records nothing', async () => {
    const token = csrfOf(await (await fetch(`${h.base}/refer`, { headers: { cookie: caseworker } })).text());
    const res = await fetch(`${h.base}/refer`, {
      method: 'POST',
      headers: { cookie: caseworker },
      body: new URLSearchParams({
        _csrf: token,
        nino: 'QQ12345',
        referralDate: '31 March',
        division: 'england-and-wales',
        contract: 'C1',
        scr: 'no',
        caseworkerEmail: 'not an address',
      }),
    });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toMatch(/govuk-error-summary/);
    expect(body).toMatch(/href="#nino"/);
    expect(body).toMatch(/href="#referralDate"/);
    expect(body).toMatch(/href="#caseworkerEmail"/);
    expect(body).toContain('value="QQ12345"');
    expect(await openCases()).toBe(0);
  });

  it('answers a page that fails with 500 and keeps serving', async () => {
    // Force a real failure below the page: the store throws while the Work page reads the records.
    const cases = h.live.system.deps.cases;
    const recordsOf = cases.recordsOf.bind(cases);
    cases.recordsOf = () => {
      throw new Error('storage unavailable');
    };
    try {
      const res = await fetch(`${h.base}/`, { headers: { cookie: caseworker } });
      expect(res.status).toBe(500);
      expect(await res.text()).toMatch(/Sorry, there is a problem with the service/);
      expect(h.logged.some((l) => /GET \/ failed: Error: storage unavailable/.test(l))).toBe(true);
    } finally {
      cases.recordsOf = recordsOf;
    }
    expect((await fetch(`${h.base}/`, { headers: { cookie: caseworker } })).status).toBe(200);
  });
});
