import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { ResourceNames } from '../names.ts';
import type { WpSettings } from '../settings.ts';

/** The console's roles, one Cognito group each (console/roles.ts has the same list: test/infra/console.test.ts). */
export const CONSOLE_GROUPS = [
  ['caseworker', "Caseworkers: their participants' cases, referrals, Information Session facts"],
  ['spoc-lead', 'SPoC lead: every case, breaches, sender errors, inbound mail, business continuity'],
  ['compliance-lead', 'Compliance lead: CMO visits and ESF2a actions (memo 147)'],
  ['mi-lead', 'MI lead: the monthly Job Entry MI return (memo 176)'],
  ['mi-deputy', 'MI deputy: the monthly Job Entry MI return when the lead is away'],
  ['contract-manager', 'Contract manager: performance and escalations (read only)'],
  ['operator', 'Operator: bank-holiday data, recounts, business continuity'],
] as const;

/** SSM parameters the console function reads at cold start, under /wp-orchestrator/<env>/console/. */
export const CONSOLE_PARAMETERS = ['session-key', 'user-pool-id', 'client-id', 'login-domain'] as const;

export function consoleParameterPrefix(envName: string): string {
  return `/wp-orchestrator/${envName}/console`;
}

/** esbuild bundles code only: the console's CSS, fonts, images and browser script are copied beside it. */
export function copyConsoleAssets(inputDir: string, outputDir: string): string[] {
  const govuk = 'node_modules/govuk-frontend/dist/govuk';
  const moj = 'node_modules/@ministryofjustice/frontend/moj';
  return [
    `mkdir -p "${outputDir}/${govuk}" "${outputDir}/${moj}/assets" "${outputDir}/console"`,
    `cp "${inputDir}/${govuk}/govuk-frontend.min.css" "${inputDir}/${govuk}/govuk-frontend.min.js" "${outputDir}/${govuk}/"`,
    `cp -R "${inputDir}/${govuk}/assets" "${outputDir}/${govuk}/"`,
    `cp "${inputDir}/${moj}/moj-frontend.min.css" "${outputDir}/${moj}/"`,
    `cp -R "${inputDir}/${moj}/assets/images" "${outputDir}/${moj}/assets/"`,
    `cp -R "${inputDir}/console/static" "${outputDir}/console/"`,
  ];
}

export interface ConsoleStackProps extends StackProps {
  readonly settings: WpSettings;
  readonly names: ResourceNames;
  /** The console function (functions/console/, in the functions stack with its catalogue grants). */
  readonly consoleFunction: lambda.IFunction;
}

/**
 * The staff console in AWS: the console function behind an API Gateway HTTP API (HTTPS, throttled, access
 * logged), a Cognito user pool with a group per role (managed login, MFA required, no self sign-up), and the SSM
 * parameters the function reads. The session key is a SecureString the operator puts (DEPLOY.md).
 */
export class ConsoleStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly api: apigwv2.HttpApi;

  constructor(scope: Construct, id: string, props: ConsoleStackProps) {
    super(scope, id, props);
    const { settings, names } = props;
    const prefix = consoleParameterPrefix(settings.envName);

    this.userPool = new cognito.UserPool(this, 'Users', {
      userPoolName: names.stack('console-users'),
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: {
        minLength: 14,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [group, description] of CONSOLE_GROUPS) {
      new cognito.CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description,
      });
    }
    const domain = this.userPool.addDomain('Login', {
      cognitoDomain: { domainPrefix: names.stack('console') },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${names.stack('console')}`,
      retention: settings.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new apigwv2.HttpApi(this, 'ConsoleApi', {
      apiName: names.stack('console'),
      description: 'wp-orchestrator staff console (HTTPS only; the app signs users in through Cognito)',
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Console', props.consoleFunction),
    });
    this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 25, burstLimit: 50 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });
    const consoleUrl = this.api.apiEndpoint;

    const client = this.userPool.addClient('Console', {
      userPoolClientName: names.stack('console'),
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${consoleUrl}/auth/callback`],
        logoutUrls: [`${consoleUrl}/sign-in`],
      },
    });
    new cognito.CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    const parameter = (name: (typeof CONSOLE_PARAMETERS)[number], value: string) =>
      new ssm.StringParameter(this, `Parameter-${name}`, { parameterName: `${prefix}/${name}`, stringValue: value });
    parameter('user-pool-id', this.userPool.userPoolId);
    parameter('client-id', client.userPoolClientId);
    parameter('login-domain', domain.baseUrl());

    new CfnOutput(this, 'ConsoleUrl', {
      value: consoleUrl,
      description: 'The staff console (DEPLOY.md: users and groups)',
    });

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The console authenticates every request itself: a signed HttpOnly Secure SameSite session cookie issued after ' +
        'Cognito managed login (MFA required), checked before any page or action; an API Gateway authorizer cannot ' +
        'read that cookie session, and the sign-in and static-file routes must be reachable without one.',
    });
  }
}
