import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../console/app.ts';
import { repositoryAssetRoots } from '../../console/assets.ts';
import { staffUserOf } from '../../console/roles.ts';
import { type ConsoleHarness, startConsoleHarness } from './harness.ts';

/**
 * The AWS sign-in path of the console app, against a local stand-in for the user pool's token endpoint that
 * checks what Cognito checks of the exchange (the PKCE verifier against the challenge, the redirect URI, the
 * client). Token verification itself is aws-jwt-verify's (functions/console/index.ts); here the "ID token" is
 * its claims, so the test covers the state, PKCE, cookie and group-to-role handling of the console.
 */
describe('console sign-in through Cognito managed login (authorisation code + PKCE)', () => {
  let h: ConsoleHarness;
  let tokenEndpoint: Server;
  let domainUrl: string;
  const issued = new Map<string, { challenge: string; redirectUri: string; claims: Record<string, unknown> }>();

  beforeAll(async () => {
    h = await startConsoleHarness();
    tokenEndpoint = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const grant = issued.get(body.get('code') ?? '');
        const verifier = body.get('code_verifier') ?? '';
        const ok =
          req.url === '/oauth2/token' &&
          body.get('grant_type') === 'authorization_code' &&
          body.get('client_id') === 'console-client' &&
          grant !== undefined &&
          grant.redirectUri === body.get('redirect_uri') &&
          createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
        if (!ok) {
          res.writeHead(400).end('{"error":"invalid_grant"}');
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id_token: JSON.stringify(grant.claims) }));
      });
    });
    await new Promise<void>((resolve) => tokenEndpoint.listen(0, '127.0.0.1', resolve));
    domainUrl = `http://127.0.0.1:${(tokenEndpoint.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => tokenEndpoint?.close(resolve));
    await h?.stop();
  });

  const app = () =>
    createConsoleApp({
      deps: h.live.system.deps,
      secret: 'test-secret-of-at-least-thirty-two-characters',
      assets: repositoryAssetRoots(),
      secureCookies: true,
      signIn: {
        kind: 'cognito',
        domainUrl,
        clientId: 'console-client',
        verifyIdToken: async (token) => staffUserOf(JSON.parse(token) as Record<string, unknown>),
      },
    });

  /** The managed login's redirect: sign-in, then Cognito sends the browser back with a code and the state. */
  async function login(claims: Record<string, unknown>, tamper?: { state?: string }) {
    const console = app();
    const start = await console.request('https://console.example/sign-in');
    expect(start.status).toBe(302);
    const to = new URL(start.headers.get('location') as string);
    expect(to.origin + to.pathname).toBe(`${domainUrl}/oauth2/authorize`);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('redirect_uri')).toBe('https://console.example/auth/callback');
    const loginCookie = (start.headers.get('set-cookie') as string).split(';')[0] as string;
    expect(start.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(start.headers.get('set-cookie')).toMatch(/Secure/);
    const code = `code-${issued.size}`;
    issued.set(code, {
      challenge: to.searchParams.get('code_challenge') as string,
      redirectUri: to.searchParams.get('redirect_uri') as string,
      claims,
    });
    const state = tamper?.state ?? (to.searchParams.get('state') as string);
    const back = await console.request(`https://console.example/auth/callback?code=${code}&state=${state}`, {
      headers: { cookie: loginCookie },
    });
    return { console, back };
  }

  it('signs in a user whose groups are roles, with a Secure session cookie', async () => {
    const { console, back } = await login({
      email: 'lead@provider.example',
      name: 'Lee',
      'cognito:groups': ['spoc-lead'],
    });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/');
    const session = back.headers
      .get('set-cookie')
      ?.split(', ')
      .find((c) => c.startsWith('wp_console=')) as string;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/Secure/);
    expect(session).toMatch(/SameSite=Strict/);
    const work = await console.request('https://console.example/', {
      headers: { cookie: session.split(';')[0] as string },
    });
    expect(work.status).toBe(200);
    expect(await work.text()).toContain('Signed in as Lee (lead@provider.example), SPoC lead');
  });

  it('refuses a callback whose state is not the one it sent, and a user in no role group', async () => {
    const forged = await login({ email: 'x@provider.example', 'cognito:groups': ['caseworker'] }, { state: 'forged' });
    expect(forged.back.headers.get('location')).toBe('/sign-in');
    expect(forged.back.headers.get('set-cookie') ?? '').not.toMatch(/wp_console=[^;]/);
    const noRole = await login({ email: 'y@provider.example', 'cognito:groups': ['admins'] });
    expect(noRole.back.headers.get('location')).toBe('/sign-in');
  });
});
