import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isRole, type StaffUser } from './roles.ts';

/**
 * The console's session: a cookie holding who signed in, until when, and a random session id, signed with the
 * console's secret (HMAC-SHA256). Nothing is kept server side, so the same code runs on Lambda and on Node.
 * The CSRF token of a form is derived from the session id: a form from another site cannot know it.
 */
export const SESSION_COOKIE = 'wp_console';
const SESSION_HOURS = 8;

export interface Session {
  user: StaffUser;
  id: string;
  expiresAt: number;
}

function sign(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function newSession(user: StaffUser, now: number): Session {
  return { user, id: randomBytes(16).toString('base64url'), expiresAt: now + SESSION_HOURS * 3_600_000 };
}

export function encodeSession(secret: string, session: Session): string {
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The session a cookie holds, or null when it is absent, tampered with or expired. */
export function decodeSession(secret: string, cookie: string | undefined, now: number): Session | null {
  if (!cookie) return null;
  const [payload, signature] = cookie.split('.');
  if (!payload || !signature || !sameText(signature, sign(secret, payload))) return null;
  try {
    const session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Session;
    if (typeof session.expiresAt !== 'number' || session.expiresAt <= now) return null;
    if (typeof session.user?.email !== 'string' || !Array.isArray(session.user.roles)) return null;
    return { ...session, user: { ...session.user, roles: session.user.roles.filter(isRole) } };
  } catch {
    return null;
  }
}

export function csrfToken(secret: string, session: Session): string {
  return sign(secret, `csrf:${session.id}`);
}

export function validCsrf(secret: string, session: Session, token: unknown): boolean {
  return typeof token === 'string' && sameText(token, csrfToken(secret, session));
}
