import { ArnFormat, Aws, Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { ResourceNames } from '../names.ts';
import type { WpSettings } from '../settings.ts';
import { INBOUND_MAIL_PREFIX } from './storage-stack.ts';

export interface MailStackProps extends StackProps {
  readonly settings: WpSettings;
  readonly names: ResourceNames;
  readonly inboundMail: lambda.IFunction;
}

/**
 * Inbound mail: one receipt rule for the recipients that first stores the raw message in S3 (under inbound/, named
 * by the SES message id) and then invokes inbound-mail asynchronously with the headers and verdicts. Spam and virus
 * scanning is on, so the handler sees the verdicts; TLS from the sending server is required unless told otherwise.
 *
 * CloudFormation creates the rule set but cannot make it the active one: activation is a deployment step
 * (`aws ses set-active-receipt-rule-set`, see DEPLOY.md), because an account has one active rule set per region.
 */
export class MailStack extends Stack {
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly rule: ses.ReceiptRule;

  constructor(scope: Construct, id: string, props: MailStackProps) {
    super(scope, id, props);
    const { settings, names } = props;

    const receiptRuleArn = this.formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${names.receiptRuleSet}:receipt-rule/${names.receiptRule}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });

    // SES may invoke inbound-mail for this account's rule only. (The bucket's matching policy lives with the
    // bucket, in the storage stack: a bucket has one policy.)
    const invokePermission = new lambda.CfnPermission(this, 'AllowSesToInvokeInboundMail', {
      action: 'lambda:InvokeFunction',
      functionName: props.inboundMail.functionArn,
      principal: 'ses.amazonaws.com',
      sourceAccount: Aws.ACCOUNT_ID,
      sourceArn: receiptRuleArn,
    });

    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: names.receiptRuleSet });
    this.rule = this.ruleSet.addRule('InboundMail', {
      receiptRuleName: names.receiptRule,
      recipients: [...settings.recipients],
      enabled: true,
      scanEnabled: true,
      tlsPolicy: settings.requireTls ? ses.TlsPolicy.REQUIRE : ses.TlsPolicy.OPTIONAL,
      actions: [
        {
          bind: () => ({
            s3Action: { bucketName: names.mailBucket, objectKeyPrefix: INBOUND_MAIL_PREFIX },
          }),
        },
        {
          bind: () => ({
            lambdaAction: { functionArn: props.inboundMail.functionArn, invocationType: 'Event' },
          }),
        },
      ],
    });
    // SES checks both permissions when it creates the rule.
    this.rule.node.addDependency(invokePermission);
  }
}
