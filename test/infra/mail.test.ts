import { beforeAll, describe, expect, it } from 'vitest';
import { followOutput, render, resourcesOf, type SynthesizedWpApp, synthWpApp } from './support/synth.ts';

let synth: SynthesizedWpApp;
beforeAll(() => {
  synth = synthWpApp();
});

const RULE_ARN =
  'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:receipt-rule-set/wp-test-inbound:receipt-rule/wp-test-inbound-mail';

function receiptRule(): { id: string; rule: Record<string, unknown>; dependsOn: string[] } {
  const [[id, resource]] = Object.entries(synth.mail.findResources('AWS::SES::ReceiptRule')) as [
    [string, { Properties: { Rule: Record<string, unknown> }; DependsOn?: string[] }],
  ];
  return { id, rule: resource.Properties.Rule, dependsOn: resource.DependsOn ?? [] };
}

function functionNameBehind(value: unknown): unknown {
  const [logicalId] = (followOutput(synth, value) as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
  return synth.functions.toJSON().Resources[logicalId]?.Properties?.FunctionName;
}

describe('inbound mail receipt rule', () => {
  it('belongs to the wp-test-inbound rule set and has the fixed name its permissions name', () => {
    synth.mail.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'wp-test-inbound' });
    expect(receiptRule().rule.Name).toBe('wp-test-inbound-mail');
  });

  it('first stores the raw message in the mail bucket under inbound/, then invokes inbound-mail (Event)', () => {
    // Prepare
    const actions = receiptRule().rule.Actions as Array<Record<string, Record<string, unknown>>>;

    // Assess: the order matters — the handler reads the body from S3 by the SES message id
    expect(actions.map((a) => Object.keys(a))).toEqual([['S3Action'], ['LambdaAction']]);
    expect(render(actions[0]?.S3Action?.BucketName)).toBe('wp-test-mail-${AWS::AccountId}-${AWS::Region}');
    expect(actions[0]?.S3Action?.ObjectKeyPrefix).toBe('inbound/');
    expect(actions[0]?.S3Action?.KmsKeyArn).toBeUndefined(); // no client-side encryption: the bucket encrypts
    expect(functionNameBehind(actions[1]?.LambdaAction?.FunctionArn)).toBe('wp-test-inbound-mail');
    expect(actions[1]?.LambdaAction?.InvocationType).toBe('Event');
  });

  it('applies to the configured recipients, scans for spam and viruses, requires TLS, and is enabled', () => {
    expect(receiptRule().rule).toMatchObject({
      Recipients: ['exit-reports@wp.provider.example', 'submit-exit-report@wp.provider.example'],
      ScanEnabled: true,
      TlsPolicy: 'Require',
      Enabled: true,
    });
  });

  it('lets SES invoke inbound-mail for this account and this rule only, and is created after that permission', () => {
    // Prepare
    const [[permissionId, permission]] = resourcesOf(synth.mail, 'AWS::Lambda::Permission') as [
      [string, Record<string, unknown>],
    ];

    // Assess
    expect(permission.Principal).toBe('ses.amazonaws.com');
    expect(permission.Action).toBe('lambda:InvokeFunction');
    expect(functionNameBehind(permission.FunctionName)).toBe('wp-test-inbound-mail');
    expect(render(permission.SourceAccount)).toBe('${AWS::AccountId}');
    expect(render(permission.SourceArn)).toBe(RULE_ARN);
    expect(receiptRule().dependsOn).toContain(permissionId);
  });

  it('is deployed after the storage stack, whose bucket policy SES checks when it creates the rule', () => {
    expect(synth.wp.mail.dependencies.map((s) => s.stackName)).toContain('wp-test-storage');
  });
});

describe('settings', () => {
  it('defaults the recipients to the whole mail domain and TLS to required', () => {
    // Act
    const defaults = synthWpApp({ context: { recipients: undefined, alarmEmail: undefined } });

    // Assess
    const [[, rule]] = Object.entries(defaults.mail.findResources('AWS::SES::ReceiptRule')) as [
      [string, { Properties: { Rule: Record<string, unknown> } }],
    ];
    expect(rule.Properties.Rule).toMatchObject({ Recipients: ['wp.provider.example'], TlsPolicy: 'Require' });
    expect(Object.keys(defaults.observability.findResources('AWS::SNS::Subscription'))).toEqual([]);
  });
});
