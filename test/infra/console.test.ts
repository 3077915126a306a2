import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../console/roles.ts';
import { CONSOLE_GROUPS } from '../../infra/stacks/console-stack.ts';
import { resourcesOf, type SynthesizedWpApp, synthWpApp } from './support/synth.ts';

let synth: SynthesizedWpApp;
beforeAll(() => {
  synth = synthWpApp();
});

/** The console in AWS: the HTTPS endpoint, the user pool and its groups, MFA, and what the function may do. */
describe('console stack', () => {
  it('serves the console function through an HTTP API stage that is throttled and access-logged', () => {
    const t = synth.console;
    t.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    t.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: Match.anyValue(),
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 50 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    t.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: Match.anyValue(),
    });
  });

  it('has a user pool with MFA required (TOTP), no self sign-up, threat protection, and a group per role', () => {
    const t = synth.console;
    t.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true }) },
    });
    const groups = resourcesOf(t, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
    expect(CONSOLE_GROUPS.map(([g]) => g).sort()).toEqual([...ROLES].sort());
  });

  it('signs in through managed login with a public client (code flow, no secret) back to the API', () => {
    const t = synth.console;
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    t.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid', 'email']),
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.anyValue() })],
    });
    const parameters = resourcesOf(t, 'AWS::SSM::Parameter').map(([, p]) => p.Name);
    expect(parameters.sort()).toEqual([
      '/wp-orchestrator/test/console/client-id',
      '/wp-orchestrator/test/console/login-domain',
      '/wp-orchestrator/test/console/user-pool-id',
    ]);
  });

  it('gives the console function exactly the staff-action rights plus reading its own parameters (grant-only)', () => {
    const fn = resourcesOf(synth.functions, 'AWS::Lambda::Function').find(
      ([, f]) => f.FunctionName === 'wp-test-console',
    );
    if (!fn) throw new Error('no console function in the functions stack');
    const env = (fn[1].Environment as { Variables: Record<string, string> }).Variables;
    expect(env.CONSOLE_PARAMETER_PREFIX).toBe('/wp-orchestrator/test/console');
    const policies = resourcesOf(synth.functions, 'AWS::IAM::Policy').filter(([id]) => id.startsWith('Console'));
    const statements = policies.flatMap(
      ([, p]) => (p.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement,
    );
    const settings = statements.find((s) => s.Sid === 'ReadConsoleSettings');
    expect(settings?.Action).toBe('ssm:GetParameter');
    const resources = JSON.stringify(settings?.Resource);
    for (const name of ['session-key', 'user-pool-id', 'client-id', 'login-domain'])
      expect(resources).toContain(`wp-orchestrator/test/console/${name}`);
    expect(resources).not.toContain('*');
    for (const s of statements) expect(s.Effect).toBe('Allow');
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).not.toContain('cognito-idp:*');
    expect(actions.filter((a) => String(a).startsWith('iam:'))).toEqual([]);
  });
});
