import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../infra/settings.ts';

const settingsFrom = (context: Record<string, unknown>) => readSettings(new App({ context }).node);

describe('deployment settings from CDK context', () => {
  it('has a default for everything, so synth needs no context', () => {
    expect(settingsFrom({})).toEqual({
      envName: 'dev',
      mailDomain: 'wp.provider.example',
      recipients: ['wp.provider.example'],
      alarmEmail: undefined,
      configParameterName: '/wp-orchestrator/dev/provider-config',
      logRetention: RetentionDays.THREE_MONTHS,
      mailRetentionDays: 93,
      requireTls: true,
    });
  });

  it('reads -c values, which arrive as strings', () => {
    // Act
    const settings = settingsFrom({
      env: 'prod',
      mailDomain: 'WP.Avanta.example',
      recipients: 'exit-reports@wp.avanta.example, submit@wp.avanta.example',
      alarmEmail: 'ops@avanta.example',
      logRetentionDays: '365',
      requireTls: 'false',
      configParameterName: '/avanta/wp/config',
    });

    // Assess
    expect(settings).toMatchObject({
      envName: 'prod',
      mailDomain: 'wp.avanta.example',
      recipients: ['exit-reports@wp.avanta.example', 'submit@wp.avanta.example'],
      alarmEmail: 'ops@avanta.example',
      logRetention: 365,
      requireTls: false,
      configParameterName: '/avanta/wp/config',
    });
  });

  it('refuses a recipient outside the mail domain', () => {
    expect(() => settingsFrom({ mailDomain: 'wp.avanta.example', recipients: 'someone@elsewhere.example' })).toThrow(
      /someone@elsewhere.example is not within wp.avanta.example/,
    );
  });

  it('refuses a retention CloudWatch Logs does not offer, and a mail retention under 3 months', () => {
    expect(() => settingsFrom({ logRetentionDays: 100 })).toThrow(/logRetentionDays/);
    expect(() => settingsFrom({ mailRetentionDays: 30 })).toThrow(/mailRetentionDays/);
  });

  it('refuses an environment name that would not fit resource names', () => {
    expect(() => settingsFrom({ env: 'Prod_1' })).toThrow(/env/);
  });
});
