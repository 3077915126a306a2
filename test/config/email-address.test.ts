import { describe, expect, it } from 'vitest';
import { demoProviderConfig, parseProviderConfig } from '../../domain/config.ts';
import { emailAddress } from '../../domain/email-address.ts';
import { readSettings } from '../../infra/settings.ts';
import { ScenarioParticipant } from '../../local/simulate/scenario.ts';

describe('emailAddress (domain/email-address.ts), the one schema for every address', () => {
  it('keeps an address trimmed and lower-cased, so two spellings of one address compare equal', () => {
    expect(emailAddress.parse('  District-SPoC.North@JCP.example ')).toBe('district-spoc.north@jcp.example');
  });

  it('refuses what is not one address', () => {
    for (const bad of ['', 'spoc', 'spoc@', '@jcp.example', 'a@b@jcp.example', 'one@jcp.example, two@jcp.example']) {
      expect(emailAddress.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('reads the provider configuration, the deployment settings and a scenario alike', () => {
    const config = parseProviderConfig({ ...demoProviderConfig, designatedJcpSenders: [' SPoC@JCP.example'] });
    expect(config.designatedJcpSenders).toEqual(['spoc@jcp.example']);
    const node = { tryGetContext: (key: string) => (key === 'alarmEmail' ? ' Ops@Provider.example' : undefined) };
    expect(readSettings(node as never).alarmEmail).toBe('ops@provider.example');
    expect(ScenarioParticipant.shape.caseworkerEmail.parse(' Caseworker@Provider.example')).toBe(
      'caseworker@provider.example',
    );
  });
});
