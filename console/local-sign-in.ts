import { randomBytes } from 'node:crypto';
import type { ProviderConfig } from '../domain/config.ts';
import { isRole, type Role, type StaffUser } from './roles.ts';

/**
 * Local sign-in, as Jupyter's token link: `npm start` prints one link per user; a link signs in once and is then
 * spent. No password is kept anywhere. The users come from the configuration (`consoleUsers` in wp.config.json),
 * or, absent that, one per role built from the provider's own addresses.
 */
export class OneTimeLinks {
  private readonly pending = new Map<string, StaffUser>();

  issue(user: StaffUser): string {
    const token = randomBytes(24).toString('base64url');
    this.pending.set(token, user);
    return token;
  }

  /** The user a link was issued for, once; null for an unknown or spent link. */
  redeem(token: string): StaffUser | null {
    const user = this.pending.get(token) ?? null;
    this.pending.delete(token);
    return user;
  }
}

/** Users listed in the configuration file: `{ "consoleUsers": [{ "email", "name", "roles": [...] }] }`. */
export function configuredUsers(raw: unknown): StaffUser[] | null {
  const list = (raw as { consoleUsers?: unknown } | null)?.consoleUsers;
  if (!Array.isArray(list)) return null;
  return list.flatMap((entry: { email?: unknown; name?: unknown; roles?: unknown }) => {
    if (typeof entry?.email !== 'string' || !Array.isArray(entry.roles)) return [];
    const roles = entry.roles.filter(isRole);
    return roles.length > 0 ? [{ email: entry.email, name: String(entry.name ?? entry.email), roles }] : [];
  });
}

/** The demo users: one per role, at the provider's own addresses where the configuration names one. */
export function demoUsers(config: ProviderConfig): StaffUser[] {
  const domain = config.provider.spocAddress.split('@')[1] ?? 'provider.example';
  const user = (email: string, name: string, ...roles: Role[]): StaffUser => ({ email, name, roles });
  return [
    user(`caseworker@${domain}`, 'Casey Worker', 'caseworker'),
    user(config.provider.spocLeadAddress, 'SPoC lead', 'spoc-lead'),
    user(config.compliance.recipients?.[0] ?? `compliance@${domain}`, 'Compliance lead', 'compliance-lead'),
    user(config.miReturn?.leadContactAddress ?? `mi@${domain}`, 'MI lead', 'mi-lead'),
    user(config.miReturn?.deputyAddress ?? `mi-deputy@${domain}`, 'MI deputy', 'mi-deputy'),
    user(config.provider.contractManagerAddress, 'Contract manager', 'contract-manager'),
    user(`operator@${domain}`, 'Operator', 'operator'),
  ];
}
