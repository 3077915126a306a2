import { ArnFormat, Aws, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ResourceNames } from '../names.ts';
import type { WpSettings } from '../settings.ts';

/** Where SES writes each raw inbound message; the inbound-mail function reads it back by the SES message id. */
export const INBOUND_MAIL_PREFIX = 'inbound/';

export interface StorageStackProps extends StackProps {
  readonly settings: WpSettings;
  readonly names: ResourceNames;
}

/** The case table's one global secondary index: lookups by NINO and by stage / due date. */
export const CASES_GSI = 'gsi1';

/**
 * The data: the case table (the source of truth), its customer-managed key, and the mail bucket (raw inbound MIME
 * and copies of sent reports, kept 3 months) with its access-log bucket.
 */
export class StorageStack extends Stack {
  readonly dataKey: kms.Key;
  readonly casesTable: dynamodb.Table;
  readonly mailBucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    const { settings, names } = props;

    this.dataKey = new kms.Key(this, 'DataKey', {
      alias: `alias/${names.prefix}-data`,
      description: 'Encrypts the wp-orchestrator case table (personal data: names, NINOs, dates)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.casesTable = new dynamodb.Table(this, 'CasesTable', {
      tableName: names.casesTable,
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.casesTable.addGlobalSecondaryIndex({
      indexName: CASES_GSI,
      partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      bucketName: names.accessLogsBucket,
      // S3 server access logging can deliver only to a bucket with S3-managed encryption.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(400),
          noncurrentVersionExpiration: Duration.days(7),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the server access log bucket of the mail bucket; logging its own access would write logs about ' +
        'log delivery for ever. It is private, TLS-only, and only the S3 logging service may write to it.',
    });

    this.mailBucket = new s3.Bucket(this, 'MailBucket', {
      bucketName: names.mailBucket,
      // SES writes as the ses.amazonaws.com service principal, which a bucket policy can authorise but which
      // cannot use a customer-managed key through SSE-KMS default encryption without extra key grants; S3-managed
      // keys encrypt every object at rest and the bucket policy below limits who can read them.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'mail-bucket/',
      lifecycleRules: [
        {
          // Copies are kept 3 months (CPA 18 ch.10): raw inbound mail and sent report copies alike.
          id: 'expire-after-retention',
          expiration: Duration.days(settings.mailRetentionDays),
          noncurrentVersionExpiration: Duration.days(7),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // SES may write raw messages under inbound/ only, and only for this account's own receipt rule.
    const receiptRuleArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${names.receiptRuleSet}:receipt-rule/${names.receiptRule}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.mailBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesToStoreInboundMail',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.mailBucket.arnForObjects(`${INBOUND_MAIL_PREFIX}*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': receiptRuleArn },
        },
      }),
    );
  }
}
