import { ArnFormat, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { MetricName, RejectionReason } from '../../ports/metric-names.ts';
import { pascal, type ResourceNames } from '../names.ts';
import type { WpSettings } from '../settings.ts';
import { businessMetric, dashboardRows } from './dashboard.ts';

export interface ObservabilityStackProps extends StackProps {
  readonly settings: WpSettings;
  readonly names: ResourceNames;
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  readonly stateMachines: ReadonlyMap<string, sfn.IStateMachine>;
  readonly deadLetterQueue: sqs.IQueue;
  readonly failedExecutionsQueue: sqs.IQueue;
  readonly failedExecutionsRule: events.IRule;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * What operations watch: the Exit Report figures DWP measures providers on, inbound mail rejections, the workflows,
 * the functions and the dead letters, on one dashboard; alarms to an encrypted SNS topic for the conditions that
 * need a person (DEPLOY.md says what each one means and what to do).
 */
export class ObservabilityStack extends Stack {
  readonly alarmTopic: sns.Topic;
  readonly dashboard: cw.Dashboard;
  readonly alarms: cw.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { settings, names } = props;

    // CloudWatch can publish to an encrypted topic only with a customer-managed key that lets it use the key.
    const topicKey = new kms.Key(this, 'AlarmTopicKey', {
      alias: `alias/${names.prefix}-alarms`,
      description: 'Encrypts the wp-orchestrator alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(30),
    });
    // As AWS documents it, without conditions: CloudWatch's calls reach KMS through SNS, and a condition such as
    // kms:CallerAccount has been seen to make alarm notifications fail. In a key policy "*" means this key.
    topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToUseTheKey',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName: names.alarmTopic,
      displayName: `wp-orchestrator ${settings.envName} alarms`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    // The topic has an explicit policy (TLS only), which replaces SNS's default one: CloudWatch must be allowed to
    // publish, for this account's wp-<env>- alarms only.
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: {
            'aws:SourceArn': this.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: `${names.prefix}-*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (settings.alarmEmail !== undefined) {
      const subscription = new sns.Subscription(this, 'AlarmEmail', {
        topic: this.alarmTopic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: settings.alarmEmail,
      });
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An email subscription: SNS retries delivery to the mail server itself, and a notice that still cannot ' +
          'be delivered has nothing to redrive to. The alarm stays in ALARM state in CloudWatch and on the ' +
          'dashboard whether or not the email arrives.',
      });
    }
    const alarmAction = new cwActions.SnsAction(this.alarmTopic);
    const alarm = (id: string, props: cw.AlarmProps): cw.Alarm => {
      const created = new cw.Alarm(this, id, props);
      created.addAlarmAction(alarmAction);
      this.alarms.push(created);
      return created;
    };
    const anyOver = {
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cw.TreatMissingData.NOT_BREACHING,
    } as const;

    // --- Business alarms -----------------------------------------------------------------------------------
    alarm('ExitReportOverdueAlarm', {
      ...anyOver,
      alarmName: names.alarm('exit-report-overdue'),
      alarmDescription:
        'An Exit Report due date passed with no report sent: a breach of the 10-working-day rule. Send the report ' +
        'now; the case stays open awaiting it. See DEPLOY.md "Alarms".',
      metric: businessMetric(MetricName.ExitReportsOverdue, { period: FIVE_MINUTES }),
    });
    alarm('InboundMailRejectedSenderAlarm', {
      ...anyOver,
      alarmName: names.alarm('inbound-mail-rejected-sender'),
      alarmDescription:
        'An inbound request came from an address that is not a designated Jobcentre Plus District SPoC (or failed ' +
        'SPF/DKIM). It was recorded, not actioned: phone the District to confirm (para 40). See DEPLOY.md "Alarms".',
      metric: businessMetric(MetricName.InboundMailRejected, {
        period: FIVE_MINUTES,
        dimensions: { Reason: RejectionReason.Sender },
      }),
    });

    // --- Platform alarms -----------------------------------------------------------------------------------
    for (const [workflowId, machine] of props.stateMachines) {
      alarm(`${pascal(workflowId)}ExecutionsFailedAlarm`, {
        ...anyOver,
        alarmName: names.alarm(`${workflowId}-executions-failed`),
        alarmDescription:
          `An execution of the ${workflowId} workflow failed or timed out: that case has no driver. Read the ` +
          'failed-executions queue, fix the cause, then redrive or restart from the case record. See DEPLOY.md.',
        metric: new cw.MathExpression({
          expression: 'FILL(failed, 0) + FILL(timedOut, 0)',
          usingMetrics: {
            failed: machine.metricFailed({ period: FIVE_MINUTES }),
            timedOut: machine.metricTimedOut({ period: FIVE_MINUTES }),
          },
          label: 'Failed or timed-out executions',
          period: FIVE_MINUTES,
        }),
      });
    }
    for (const [functionId, fn] of props.functions) {
      alarm(`${pascal(functionId)}ErrorsAlarm`, {
        ...anyOver,
        alarmName: names.alarm(`${functionId}-errors`),
        alarmDescription:
          `The ${functionId} function returned an error. Read its log group for the request id and error; ` +
          'asynchronous invocations retry twice, then go to the dead-letter queue. See DEPLOY.md "Alarms".',
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: cw.Stats.SUM }),
      });
    }
    alarm('DeadLettersAlarm', {
      ...anyOver,
      alarmName: names.alarm('dead-letters'),
      alarmDescription:
        'An inbound message notification or a scheduled run failed every retry and is waiting in the dead-letter ' +
        'queue. Find the cause in the function log, fix it, then redrive (DEPLOY.md "Dead-letter redrive").',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: cw.Stats.MAXIMUM,
      }),
    });
    alarm('FailedExecutionsDeliveryAlarm', {
      ...anyOver,
      alarmName: names.alarm('failed-executions-delivery'),
      alarmDescription:
        'EventBridge could not deliver a failed-execution event to the failed-executions queue. List failed ' +
        'executions in the Step Functions console instead, and check the queue policy.',
      metric: new cw.Metric({
        namespace: 'AWS/Events',
        metricName: 'FailedInvocations',
        dimensionsMap: { RuleName: props.failedExecutionsRule.ruleName },
        statistic: cw.Stats.SUM,
        period: FIVE_MINUTES,
      }),
    });

    // --- Dashboard -----------------------------------------------------------------------------------------
    this.dashboard = new cw.Dashboard(this, 'Dashboard', {
      dashboardName: names.dashboard,
      defaultInterval: Duration.days(30),
    });
    for (const row of dashboardRows(settings.envName, props)) this.dashboard.addWidgets(...row);
    this.dashboard.addWidgets(new cw.AlarmStatusWidget({ title: 'Alarms', width: 24, height: 4, alarms: this.alarms }));
  }
}
