import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StaffUser } from './roles.ts';

/**
 * Sign-in through the Cognito user pool's managed login (MFA required there): the authorisation code flow with
 * PKCE and a `state`, both kept for ten minutes in a signed HttpOnly cookie scoped to /auth. The code is exchanged
 * at the pool's token endpoint; the ID token is verified (aws-jwt-verify in the Lambda) and its groups become roles.
 */
export const LOGIN_COOKIE = 'wp_console_login';

export interface CognitoSettings {
  domainUrl: string;
  clientId: string;
  verifyIdToken: (idToken: string) => Promise<StaffUser | null>;
}

const sign = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('base64url');

export function startCognitoLogin(
  s: CognitoSettings,
  secret: string,
  now: number,
  redirectUri: string,
): { url: string; cookie: string } {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ verifier, state, until: now + 600_000 })).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: s.clientId,
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return { url: `${s.domainUrl}/oauth2/authorize?${query}`, cookie: `${payload}.${sign(secret, payload)}` };
}

export async function finishCognitoLogin(
  s: CognitoSettings,
  secret: string,
  now: number,
  redirectUri: string,
  got: { code?: string; state?: string; cookie?: string },
  fetchImpl: typeof fetch = fetch,
): Promise<StaffUser | null> {
  if (!got.code || !got.state || !got.cookie) return null;
  const [payload, signature] = got.cookie.split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(secret, payload));
  if (expected.length !== Buffer.from(signature).length || !timingSafeEqual(expected, Buffer.from(signature)))
    return null;
  const login = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    verifier: string;
    state: string;
    until: number;
  };
  if (login.until <= now || login.state !== got.state) return null;
  const res = await fetchImpl(`${s.domainUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: s.clientId,
      code: got.code,
      redirect_uri: redirectUri,
      code_verifier: login.verifier,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) return null;
  const tokens = (await res.json()) as { id_token?: string };
  return tokens.id_token ? s.verifyIdToken(tokens.id_token) : null;
}
