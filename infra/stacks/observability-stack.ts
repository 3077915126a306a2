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
import { METRICS_NAMESPACE, MetricName, RejectionReason, SERVICE_NAME } from '../../ports/metric-names.ts';
import { pascal, type ResourceNames } from '../names.ts';
import type { WpSettings } from '../settings.ts';

export interface ObservabilityStackProps extends StackProps {
  readonly settings: WpSettings;
  readonly names: ResourceNames;
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  readonly stateMachines: ReadonlyMap<string, sfn.IStateMachine>;
  readonly deadLetterQueue: sqs.IQueue;
  readonly failedExecutionsQueue: sqs.IQueue;
  readonly failedExecutionsRule: events.IRule;
}

const DAY = Duration.days(1);
const FIVE_MINUTES = Duration.minutes(5);

/**
 * A figure the functions emit as EMF through Powertools Metrics. Powertools adds the `service` dimension to every
 * metric, so the dashboard and alarms name it too: CloudWatch matches a metric by its exact dimension set.
 */
export function businessMetric(
  metricName: MetricName,
  options: { statistic?: string; period?: Duration; label?: string; dimensions?: Record<string, string> } = {},
): cw.Metric {
  return new cw.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: SERVICE_NAME, ...options.dimensions },
    statistic: options.statistic ?? cw.Stats.SUM,
    period: options.period ?? DAY,
    ...(options.label === undefined ? {} : { label: options.label }),
  });
}

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
    const sentOnTime = businessMetric(MetricName.ExitReportsSentOnTime, { label: 'On time' });
    const sentLate = businessMetric(MetricName.ExitReportsSentLate, { label: 'Late' });
    const percentWithin10 = (period: Duration) =>
      new cw.MathExpression({
        expression:
          'IF(FILL(onTime, 0) + FILL(late, 0) > 0, 100 * FILL(onTime, 0) / (FILL(onTime, 0) + FILL(late, 0)))',
        usingMetrics: { onTime: sentOnTime, late: sentLate },
        label: 'Sent within 10 working days (%)',
        period,
      });

    this.dashboard.addWidgets(
      new cw.TextWidget({
        width: 24,
        height: 2,
        markdown:
          `# wp-orchestrator (${settings.envName})\n` +
          'Exit Reports: day one is the request date; due within 10 working days. Daily gauges come from the ' +
          '06:00 UTC status run. What each alarm means and what to do: DEPLOY.md.',
      }),
    );
    this.dashboard.addWidgets(
      new cw.GraphWidget({
        title: 'Exit Report requests received per day',
        width: 8,
        view: cw.GraphWidgetView.BAR,
        left: [businessMetric(MetricName.ExitReportRequestsReceived, { label: 'Requests received' })],
      }),
      new cw.SingleValueWidget({
        title: 'Reports due in the next 5 working days',
        width: 4,
        metrics: [
          businessMetric(MetricName.ExitReportsDueNext5WorkingDays, { statistic: cw.Stats.MAXIMUM, label: 'Due' }),
        ],
      }),
      new cw.SingleValueWidget({
        title: 'Open WPER3 reminders',
        width: 4,
        metrics: [businessMetric(MetricName.Wper3RemindersOpen, { statistic: cw.Stats.MAXIMUM, label: 'Open' })],
      }),
      new cw.SingleValueWidget({
        title: 'Sent within 10 working days (DWP MI measure)',
        width: 8,
        setPeriodToTimeRange: true,
        metrics: [percentWithin10(DAY)],
      }),
    );
    this.dashboard.addWidgets(
      new cw.GraphWidget({
        title: 'Exit Reports sent: on time vs late',
        width: 8,
        view: cw.GraphWidgetView.BAR,
        stacked: true,
        left: [sentOnTime, sentLate],
      }),
      new cw.GraphWidget({
        title: 'Percentage sent within 10 working days',
        width: 8,
        left: [percentWithin10(DAY)],
        leftYAxis: { min: 0, max: 100, label: '%', showUnits: false },
      }),
      new cw.GraphWidget({
        title: 'Due soon, overdue, WPER3 and escalations',
        width: 8,
        left: [
          businessMetric(MetricName.ExitReportsDueNext5WorkingDays, {
            statistic: cw.Stats.MAXIMUM,
            label: 'Due in 5 working days',
          }),
          businessMetric(MetricName.Wper3RemindersOpen, { statistic: cw.Stats.MAXIMUM, label: 'WPER3 open' }),
          businessMetric(MetricName.Wper3RemindersReceived, { label: 'WPER3 received' }),
          businessMetric(MetricName.ExitReportsOverdue, { label: 'Overdue (breaches)' }),
          businessMetric(MetricName.Escalations, { label: 'Escalations' }),
          businessMetric(MetricName.ExitReportRequestsMissing, { label: 'Requests not received' }),
        ],
      }),
    );
    this.dashboard.addWidgets(
      new cw.GraphWidget({
        title: 'Information Sessions per day (ch.19)',
        width: 8,
        view: cw.GraphWidgetView.BAR,
        left: [
          businessMetric(MetricName.InformationSessionsDue, { label: 'Referred: session due in 15 days' }),
          businessMetric(MetricName.InformationSessionsAttended, { label: 'Attended' }),
          businessMetric(MetricName.InformationSessionsNotAttended, {
            dimensions: { Mandation: 'mandatory' },
            label: 'Not attended (mandated)',
          }),
          businessMetric(MetricName.InformationSessionsNotAttended, {
            dimensions: { Mandation: 'voluntary' },
            label: 'Not attended (voluntary)',
          }),
          businessMetric(MetricName.InformationSessionWp11Received, { label: 'WP11 received' }),
          businessMetric(MetricName.InformationSessionsCancelledDidNotStart, { label: "Cancelled 'Did Not Start'" }),
        ],
      }),
      new cw.GraphWidget({
        title: 'Open Information Sessions by stage (daily gauge)',
        width: 6,
        stacked: true,
        left: [
          ['session-due', 'Session due (15 days)'],
          ['attended', 'Attended: WP11 awaited'],
          ['did-not-attend', 'Did not attend: WP11 awaited'],
          ['attachment-due', 'Attachment due (28 days)'],
          ['cancel-due', "'Did Not Start' to confirm"],
        ].map(([stage, label]) =>
          businessMetric(MetricName.InformationSessionsOpen, {
            statistic: cw.Stats.MAXIMUM,
            dimensions: { Stage: stage as string },
            label: label as string,
          }),
        ),
      }),
      new cw.GraphWidget({
        title: 'Staff tasks: raised vs done',
        width: 5,
        view: cw.GraphWidgetView.BAR,
        left: [
          businessMetric(MetricName.InformationSessionDnaNoticeTasks, { label: 'Tell JCP of a mandated DNA' }),
          businessMetric(MetricName.InformationSessionDnaNoticesSent, { label: 'JCP told (confirmed)' }),
          businessMetric(MetricName.InformationSessionCancelTasks, { label: "Cancel on PRaP 'Did Not Start'" }),
          businessMetric(MetricName.InformationSessionAttachmentsOnTime, { label: 'Attached by day 28' }),
          businessMetric(MetricName.InformationSessionAttachmentsLate, { label: 'Attached after day 28' }),
        ],
      }),
      new cw.GraphWidget({
        title: 'Information Session exceptions',
        width: 5,
        view: cw.GraphWidgetView.BAR,
        left: [
          businessMetric(MetricName.InformationSessionsOverdue, { label: 'Session overdue (day 15)' }),
          businessMetric(MetricName.InformationSessionWp11Late, { label: 'WP11 after day 21' }),
          businessMetric(MetricName.InformationSessionAttachmentsOverdue, { label: 'Attachment overdue (day 28)' }),
          businessMetric(MetricName.InformationSessionWrongAttachments, { label: 'Attached to the IS referral' }),
          businessMetric(MetricName.InformationSessionMandationFlagged, { label: 'Mandation flagged (Annex A)' }),
        ],
      }),
    );
    this.dashboard.addWidgets(
      new cw.GraphWidget({
        title: 'Open ESF2a actions by deadline (memo 147; daily gauge)',
        width: 12,
        stacked: true,
        left: ['evidence-window', 'provider-action', 'pm-review'].map((deadline) =>
          businessMetric(MetricName.OpenEsf2aActions, {
            statistic: cw.Stats.MAXIMUM,
            dimensions: { Deadline: deadline },
            label: {
              'evidence-window': '48-hour window',
              'provider-action': 'Calendar month',
              'pm-review': 'Awaiting PM review',
            }[deadline],
          }),
        ),
      }),
      new cw.GraphWidget({
        title: 'ESF2a actions: raised, selected for PM, resolved, to CPR',
        width: 12,
        view: cw.GraphWidgetView.BAR,
        left: [
          businessMetric(MetricName.Esf2aActionsRaised, { label: 'Raised at CMO visits' }),
          businessMetric(MetricName.Esf2aSelectedForPm, { label: 'Selected for the PM' }),
          businessMetric(MetricName.Esf2aResolvedAtPmReview, { label: 'Resolved at PM review' }),
          businessMetric(MetricName.Esf2aEscalatedToCpr, { label: 'Escalated to CPR' }),
        ],
      }),
    );
    this.dashboard.addWidgets(
      new cw.GraphWidget({
        title: 'Job Entry MI return (memo 176): due, sent, late',
        width: 12,
        view: cw.GraphWidgetView.BAR,
        left: [
          businessMetric(MetricName.MiReturnsDue, { label: 'Months opened' }),
          businessMetric(MetricName.MiReturnsSent, { label: 'Returns sent' }),
          businessMetric(MetricName.MiReturnsLate, { label: 'Not sent by the 5th working day' }),
          businessMetric(MetricName.MiReturnRefreshes, { label: 'Past months refreshed' }),
        ],
      }),
      new cw.GraphWidget({
        title: 'MI return reminders and send failures',
        width: 12,
        view: cw.GraphWidgetView.BAR,
        left: [
          businessMetric(MetricName.MiReturnReminders, { label: 'Reminders to lead and deputy' }),
          businessMetric(MetricName.MiReturnSendFailures, { label: 'Send failures (alerted)' }),
        ],
      }),
    );
    this.dashboard.addWidgets(
      new cw.GraphWidget({
        title: 'Inbound mail rejected, by reason',
        width: 12,
        view: cw.GraphWidgetView.BAR,
        stacked: true,
        left: Object.values(RejectionReason).map((reason) =>
          businessMetric(MetricName.InboundMailRejected, { dimensions: { Reason: reason }, label: reason }),
        ),
      }),
      new cw.GraphWidget({
        title: 'Inbound mail accepted',
        width: 12,
        view: cw.GraphWidgetView.BAR,
        left: [businessMetric(MetricName.InboundMailAccepted, { label: 'Accepted' })],
      }),
    );
    this.dashboard.addWidgets(
      ...[...props.stateMachines].map(
        ([workflowId, machine]) =>
          new cw.GraphWidget({
            title: `Executions: ${workflowId}`,
            width: 12,
            left: [
              machine.metricStarted({ period: DAY, label: 'Started' }),
              machine.metricFailed({ period: DAY, label: 'Failed' }),
              machine.metricTimedOut({ period: DAY, label: 'Timed out' }),
              machine.metricAborted({ period: DAY, label: 'Aborted' }),
            ],
          }),
      ),
      new cw.GraphWidget({
        title: 'Dead letters and failed executions waiting',
        width: 12,
        left: [
          props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            period: FIVE_MINUTES,
            statistic: cw.Stats.MAXIMUM,
            label: 'Dead-letter queue',
          }),
          props.failedExecutionsQueue.metricApproximateNumberOfMessagesVisible({
            period: FIVE_MINUTES,
            statistic: cw.Stats.MAXIMUM,
            label: 'Failed-executions queue',
          }),
        ],
      }),
    );
    const functions = [...props.functions];
    this.dashboard.addWidgets(
      new cw.GraphWidget({
        title: 'Lambda errors',
        width: 8,
        left: functions.map(([id, fn]) =>
          fn.metricErrors({ period: FIVE_MINUTES, statistic: cw.Stats.SUM, label: id }),
        ),
      }),
      new cw.GraphWidget({
        title: 'Lambda throttles',
        width: 8,
        left: functions.map(([id, fn]) =>
          fn.metricThrottles({ period: FIVE_MINUTES, statistic: cw.Stats.SUM, label: id }),
        ),
      }),
      new cw.GraphWidget({
        title: 'Lambda duration (p95)',
        width: 8,
        left: functions.map(([id, fn]) =>
          fn.metricDuration({ period: FIVE_MINUTES, statistic: cw.Stats.p(95), label: id }),
        ),
      }),
    );
    this.dashboard.addWidgets(new cw.AlarmStatusWidget({ title: 'Alarms', width: 24, height: 4, alarms: this.alarms }));
  }
}
