/**
 * Who uses the console, by the roles the seeds name: the caseworker who owns a participant's case, the SPoC lead
 * (breaches, sender errors, the District's calls), the compliance lead (CMO visits, memo 147), the MI lead and
 * deputy (the monthly Job Entry return, memo 176), the contract manager (performance, escalations) and the operator
 * (bank-holiday data, restarts). In AWS each role is a Cognito group; locally they come from the configuration.
 */
export const ROLES = [
  'caseworker',
  'spoc-lead',
  'compliance-lead',
  'mi-lead',
  'mi-deputy',
  'contract-manager',
  'operator',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  caseworker: 'Caseworker',
  'spoc-lead': 'SPoC lead',
  'compliance-lead': 'Compliance lead',
  'mi-lead': 'MI lead',
  'mi-deputy': 'MI deputy',
  'contract-manager': 'Contract manager',
  operator: 'Operator',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A signed-in person: the identity every action is recorded under (never an address typed into a form). */
export interface StaffUser {
  email: string;
  name: string;
  roles: Role[];
}

/** What a console user may do; each form and each POST route names one of these. */
export type Permission =
  | 'exit-report'
  | 'information-session'
  | 'compliance'
  | 'mi-return'
  | 'imports'
  | 'continuity'
  | 'calendar-refresh'
  | 'inbound-mail';

const GRANTS: Readonly<Record<Permission, readonly Role[]>> = {
  'exit-report': ['caseworker', 'spoc-lead'],
  'information-session': ['caseworker', 'spoc-lead'],
  compliance: ['compliance-lead', 'spoc-lead'],
  'mi-return': ['mi-lead', 'mi-deputy'],
  imports: ['caseworker', 'spoc-lead', 'compliance-lead', 'mi-lead', 'mi-deputy'],
  continuity: ['spoc-lead', 'operator'],
  'calendar-refresh': ['operator'],
  'inbound-mail': ['spoc-lead'],
};

export function may(user: StaffUser, permission: Permission): boolean {
  return user.roles.some((role) => GRANTS[permission].includes(role));
}

/** The roles that hold a permission, for a refusal that says who can do it. */
export function rolesWith(permission: Permission): string {
  return GRANTS[permission].map((role) => ROLE_NAMES[role]).join(', ');
}

/** The signed-in user of a verified Cognito ID token: its email, name and groups (one group per role). */
export function staffUserOf(claims: Record<string, unknown>): StaffUser | null {
  const email = typeof claims.email === 'string' ? claims.email : null;
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
  const roles = groups.filter(isRole);
  if (!email || roles.length === 0) return null;
  return { email, name: typeof claims.name === 'string' ? claims.name : email, roles };
}
