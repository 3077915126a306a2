import { describe, expect, it } from 'vitest';
import { workingDaysLeft } from '../../console/caseload.ts';
import { configuredUsers, demoUsers } from '../../console/local-sign-in.ts';
import { ROLES } from '../../console/roles.ts';
import { demoProviderConfig, parseProviderConfig } from '../../domain/config.ts';

describe('working days left on the Work page', () => {
  it('counts on the division calendar: Easter Monday is not a working day in England and Wales, nor Good Friday', () => {
    // Thu 2 Apr 2026 to Tue 7 Apr 2026: Fri 3 Apr (Good Friday) and Mon 6 Apr (Easter Monday) are holidays.
    expect(workingDaysLeft('england-and-wales', '2026-04-02', '2026-04-07')).toBe(1);
    // Scotland has Good Friday but not Easter Monday.
    expect(workingDaysLeft('scotland', '2026-04-02', '2026-04-07')).toBe(2);
    expect(workingDaysLeft('england-and-wales', '2026-04-07', '2026-04-07')).toBe(0);
  });

  it('is negative once the date has passed, by the working days since', () => {
    // Due Thu 2 Apr; by Tue 7 Apr one working day has passed since (Fri 3 and Mon 6 are bank holidays).
    expect(workingDaysLeft('england-and-wales', '2026-04-07', '2026-04-02')).toBe(-1);
    expect(workingDaysLeft('england-and-wales', '2026-04-09', '2026-04-07')).toBe(-2);
  });

  it('gives no count for a date outside the bank-holiday data', () => {
    expect(workingDaysLeft('england-and-wales', '2026-04-02', '2031-01-01')).toBeNull();
  });
});

describe('console users', () => {
  it('has one demo user per role, at the provider’s own addresses where it names them', () => {
    const users = demoUsers(demoProviderConfig);
    expect(users.flatMap((u) => u.roles).sort()).toEqual([...ROLES].sort());
    expect(users.find((u) => u.roles.includes('spoc-lead'))?.email).toBe(demoProviderConfig.provider.spocLeadAddress);
  });

  it('takes users from the configuration file, keeping only known roles; the provider config ignores the key', () => {
    const file = {
      consoleUsers: [
        { email: 'a@provider.example', name: 'A', roles: ['caseworker', 'superuser'] },
        { email: 'b@provider.example', roles: ['nothing'] },
      ],
    };
    expect(configuredUsers(file)).toEqual([{ email: 'a@provider.example', name: 'A', roles: ['caseworker'] }]);
    expect(configuredUsers({})).toBeNull();
    const raw = JSON.parse(JSON.stringify({ ...demoProviderConfig, ...file }));
    expect(() => parseProviderConfig(raw)).not.toThrow();
  });
});
