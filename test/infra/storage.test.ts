import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { render, resourcesOf, type SynthesizedWpApp, synthWpApp } from './support/synth.ts';

let synth: SynthesizedWpApp;
beforeAll(() => {
  synth = synthWpApp();
});

function mailBucket(): Record<string, unknown> {
  const found = resourcesOf(synth.storage, 'AWS::S3::Bucket').find(([, p]) =>
    render(p.BucketName).startsWith('wp-test-mail-'),
  );
  if (found === undefined) throw new Error('mail bucket not found');
  return found[1];
}

describe('case table', () => {
  it('is encrypted with the customer-managed data key, which rotates', () => {
    // Prepare
    const keys = synth.storage.findResources('AWS::KMS::Key');
    const [keyId, key] = Object.entries(keys).find(([, k]) =>
      String((k as { Properties: { Description?: string } }).Properties.Description).includes('case table'),
    ) ?? ['', {}];

    // Assess
    expect((key as { Properties: { EnableKeyRotation: boolean } }).Properties.EnableKeyRotation).toBe(true);
    synth.storage.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'wp-test-cases',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
  });

  it('keys items by pk/sk, with one index gsi1 on gsi1pk/gsi1sk, billed per request', () => {
    synth.storage.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('expires items by the expiresAt attribute (Exit Report copies after 3 months)', () => {
    synth.storage.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('has point-in-time recovery and deletion protection, and is retained if the stack goes', () => {
    synth.storage.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('mail bucket', () => {
  it('encrypts every object at rest and is versioned', () => {
    // Assess
    expect(mailBucket().BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(mailBucket().VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('blocks every form of public access and disables ACLs', () => {
    expect(mailBucket().PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(mailBucket().OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  it('expires raw mail and report copies after 93 days, old versions 7 days later', () => {
    // Prepare
    const rules = (mailBucket().LifecycleConfiguration as { Rules: Array<Record<string, unknown>> }).Rules;

    // Assess: the rule has no prefix filter, so it covers inbound/ and every report copy alike
    expect(rules).toContainEqual({
      Id: 'expire-after-retention',
      Status: 'Enabled',
      ExpirationInDays: 93,
      NoncurrentVersionExpiration: { NoncurrentDays: 7 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    });
    expect(rules).toContainEqual({
      Id: 'remove-expired-delete-markers',
      Status: 'Enabled',
      ExpiredObjectDeleteMarker: true,
    });
  });

  it('logs server access to the access-log bucket', () => {
    expect(render((mailBucket().LoggingConfiguration as Record<string, unknown>).DestinationBucketName)).toMatch(
      /^\$\{AccessLogsBucket\w+\}$/,
    );
  });

  it('refuses every request not made over TLS', () => {
    synth.storage.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^MailBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('lets SES put objects under inbound/ only, for this account and this receipt rule only', () => {
    // Prepare
    const [, policy] = resourcesOf(synth.storage, 'AWS::S3::BucketPolicy').find(([, p]) =>
      render(p.Bucket).startsWith('${MailBucket'),
    ) ?? ['', {}];
    const statements = (policy.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    const ses = statements.find((s) => JSON.stringify(s.Principal).includes('ses.amazonaws.com'));

    // Assess
    expect(ses?.Effect).toBe('Allow');
    expect(ses?.Action).toBe('s3:PutObject');
    expect(render(ses?.Resource)).toMatch(/^\$\{MailBucket\w+\.Arn\}\/inbound\/\*$/);
    const conditions = (ses?.Condition as { StringEquals: Record<string, unknown> } | undefined)?.StringEquals ?? {};
    expect(render(conditions['aws:SourceAccount'])).toBe('${AWS::AccountId}');
    expect(render(conditions['aws:SourceArn'])).toBe(
      'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:receipt-rule-set/wp-test-inbound:receipt-rule/wp-test-inbound-mail',
    );
  });
});

describe('access-log bucket', () => {
  it('is S3-encrypted (the only encryption log delivery supports), private, TLS-only and expires logs', () => {
    // Prepare
    const [, logs] = resourcesOf(synth.storage, 'AWS::S3::Bucket').find(([, p]) =>
      render(p.BucketName).startsWith('wp-test-access-logs-'),
    ) ?? ['', {}];

    // Assess
    expect(logs.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(logs.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    expect(JSON.stringify(logs.LifecycleConfiguration)).toContain('"ExpirationInDays":400');
    synth.storage.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^AccessLogsBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' } }),
        ]),
      },
    });
  });
});
