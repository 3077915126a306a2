import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { METRICS_NAMESPACE, MetricName, RejectionReason, SERVICE_NAME } from '../../ports/metric-names.ts';

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

/** One line of a graph: the metric, its label, and for a daily gauge `gauge` (the day's maximum, not a sum). */
interface Figure {
  metric: MetricName;
  label: string;
  dimensions?: Record<string, string>;
  gauge?: true;
}

/** A graph of business figures, as a row of a process's table. */
interface BusinessGraph {
  title: string;
  width: number;
  bars?: true;
  stacked?: true;
  figures: Figure[];
}

const f = (metric: MetricName, label: string, more: Omit<Figure, 'metric' | 'label'> = {}): Figure => ({
  metric,
  label,
  ...more,
});
const gauge = (metric: MetricName, label: string, dimensions?: Record<string, string>): Figure => ({
  metric,
  label,
  gauge: true,
  ...(dimensions ? { dimensions } : {}),
});
const byDimension = (metric: MetricName, name: string, labels: Record<string, string>): Figure[] =>
  Object.entries(labels).map(([value, label]) => gauge(metric, label, { [name]: value }));

/** The Exit Report graphs beside its headline figures (the widgets built in exitReportRows below). */
const EXIT_REPORT_GRAPHS: BusinessGraph[] = [
  {
    title: 'Due soon, overdue, WPER3 and escalations',
    width: 8,
    figures: [
      gauge(MetricName.ExitReportsDueNext5WorkingDays, 'Due in 5 working days'),
      gauge(MetricName.Wper3RemindersOpen, 'WPER3 open'),
      f(MetricName.Wper3RemindersReceived, 'WPER3 received'),
      f(MetricName.ExitReportsOverdue, 'Overdue (breaches)'),
      f(MetricName.Escalations, 'Escalations'),
      f(MetricName.ExitReportRequestsMissing, 'Requests not received'),
    ],
  },
];

/** The other three processes, a row of graphs each (chapter 19, memo 147, memo 176). */
const PROCESS_ROWS: BusinessGraph[][] = [
  [
    {
      title: 'Information Sessions per day (ch.19)',
      width: 8,
      bars: true,
      figures: [
        f(MetricName.InformationSessionsDue, 'Referred: session due in 15 days'),
        f(MetricName.InformationSessionsAttended, 'Attended'),
        f(MetricName.InformationSessionsNotAttended, 'Not attended (mandated)', {
          dimensions: { Mandation: 'mandatory' },
        }),
        f(MetricName.InformationSessionsNotAttended, 'Not attended (voluntary)', {
          dimensions: { Mandation: 'voluntary' },
        }),
        f(MetricName.InformationSessionWp11Received, 'WP11 received'),
        f(MetricName.InformationSessionsCancelledDidNotStart, "Cancelled 'Did Not Start'"),
      ],
    },
    {
      title: 'Open Information Sessions by stage (daily gauge)',
      width: 6,
      stacked: true,
      figures: byDimension(MetricName.InformationSessionsOpen, 'Stage', {
        'session-due': 'Session due (15 days)',
        attended: 'Attended: WP11 awaited',
        'did-not-attend': 'Did not attend: WP11 awaited',
        'attachment-due': 'Attachment due (28 days)',
        'cancel-due': "'Did Not Start' to confirm",
      }),
    },
    {
      title: 'Staff tasks: raised vs done',
      width: 5,
      bars: true,
      figures: [
        f(MetricName.InformationSessionDnaNoticeTasks, 'Tell JCP of a mandated DNA'),
        f(MetricName.InformationSessionDnaNoticesSent, 'JCP told (confirmed)'),
        f(MetricName.InformationSessionCancelTasks, "Cancel on PRaP 'Did Not Start'"),
        f(MetricName.InformationSessionAttachmentsOnTime, 'Attached by day 28'),
        f(MetricName.InformationSessionAttachmentsLate, 'Attached after day 28'),
      ],
    },
    {
      title: 'Information Session exceptions',
      width: 5,
      bars: true,
      figures: [
        f(MetricName.InformationSessionsOverdue, 'Session overdue (day 15)'),
        f(MetricName.InformationSessionWp11Late, 'WP11 after day 21'),
        f(MetricName.InformationSessionAttachmentsOverdue, 'Attachment overdue (day 28)'),
        f(MetricName.InformationSessionWrongAttachments, 'Attached to the IS referral'),
        f(MetricName.InformationSessionMandationFlagged, 'Mandation flagged (Annex A)'),
      ],
    },
  ],
  [
    {
      title: 'Open ESF2a actions by deadline (memo 147; daily gauge)',
      width: 12,
      stacked: true,
      figures: byDimension(MetricName.OpenEsf2aActions, 'Deadline', {
        'evidence-window': '48-hour window',
        'provider-action': 'Calendar month',
        'pm-review': 'Awaiting PM review',
      }),
    },
    {
      title: 'ESF2a actions: raised, selected for PM, resolved, to CPR',
      width: 12,
      bars: true,
      figures: [
        f(MetricName.Esf2aActionsRaised, 'Raised at CMO visits'),
        f(MetricName.Esf2aSelectedForPm, 'Selected for the PM'),
        f(MetricName.Esf2aResolvedAtPmReview, 'Resolved at PM review'),
        f(MetricName.Esf2aEscalatedToCpr, 'Escalated to CPR'),
      ],
    },
  ],
  [
    {
      title: 'Job Entry MI return (memo 176): due, sent, late',
      width: 12,
      bars: true,
      figures: [
        f(MetricName.MiReturnsDue, 'Months opened'),
        f(MetricName.MiReturnsSent, 'Returns sent'),
        f(MetricName.MiReturnsLate, 'Not sent by the 5th working day'),
        f(MetricName.MiReturnRefreshes, 'Past months refreshed'),
      ],
    },
    {
      title: 'MI return reminders and send failures',
      width: 12,
      bars: true,
      figures: [
        f(MetricName.MiReturnReminders, 'Reminders to lead and deputy'),
        f(MetricName.MiReturnSendFailures, 'Send failures (alerted)'),
      ],
    },
  ],
  [
    {
      title: 'Inbound mail rejected, by reason',
      width: 12,
      bars: true,
      stacked: true,
      figures: Object.values(RejectionReason).map((reason) =>
        f(MetricName.InboundMailRejected, reason, { dimensions: { Reason: reason } }),
      ),
    },
    { title: 'Inbound mail accepted', width: 12, bars: true, figures: [f(MetricName.InboundMailAccepted, 'Accepted')] },
  ],
];

function graph(row: BusinessGraph): cw.GraphWidget {
  return new cw.GraphWidget({
    title: row.title,
    width: row.width,
    ...(row.bars ? { view: cw.GraphWidgetView.BAR } : {}),
    ...(row.stacked ? { stacked: true } : {}),
    left: row.figures.map((figure) =>
      businessMetric(figure.metric, {
        label: figure.label,
        ...(figure.gauge ? { statistic: cw.Stats.MAXIMUM } : {}),
        ...(figure.dimensions ? { dimensions: figure.dimensions } : {}),
      }),
    ),
  });
}

/** The Exit Report's two rows: requests, what is due, and the DWP MI measure (on time within 10 working days). */
function exitReportRows(): cw.IWidget[][] {
  const sentOnTime = businessMetric(MetricName.ExitReportsSentOnTime, { label: 'On time' });
  const sentLate = businessMetric(MetricName.ExitReportsSentLate, { label: 'Late' });
  const percentWithin10 = () =>
    new cw.MathExpression({
      expression: 'IF(FILL(onTime, 0) + FILL(late, 0) > 0, 100 * FILL(onTime, 0) / (FILL(onTime, 0) + FILL(late, 0)))',
      usingMetrics: { onTime: sentOnTime, late: sentLate },
      label: 'Sent within 10 working days (%)',
      period: DAY,
    });
  const single = (title: string, width: number, metric: cw.IMetric, range = false) =>
    new cw.SingleValueWidget({ title, width, metrics: [metric], ...(range ? { setPeriodToTimeRange: true } : {}) });
  return [
    [
      graph({
        title: 'Exit Report requests received per day',
        width: 8,
        bars: true,
        figures: [f(MetricName.ExitReportRequestsReceived, 'Requests received')],
      }),
      single(
        'Reports due in the next 5 working days',
        4,
        businessMetric(MetricName.ExitReportsDueNext5WorkingDays, { statistic: cw.Stats.MAXIMUM, label: 'Due' }),
      ),
      single(
        'Open WPER3 reminders',
        4,
        businessMetric(MetricName.Wper3RemindersOpen, { statistic: cw.Stats.MAXIMUM, label: 'Open' }),
      ),
      single('Sent within 10 working days (DWP MI measure)', 8, percentWithin10(), true),
    ],
    [
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
        left: [percentWithin10()],
        leftYAxis: { min: 0, max: 100, label: '%', showUnits: false },
      }),
      ...EXIT_REPORT_GRAPHS.map(graph),
    ],
  ];
}

export interface PlatformResources {
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  readonly stateMachines: ReadonlyMap<string, sfn.IStateMachine>;
  readonly deadLetterQueue: sqs.IQueue;
  readonly failedExecutionsQueue: sqs.IQueue;
}

/** Executions per workflow, the queues that hold what failed, and the functions' errors, throttles and duration. */
function platformRows(props: PlatformResources): cw.IWidget[][] {
  const waiting = (queue: sqs.IQueue, label: string) =>
    queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: cw.Stats.MAXIMUM, label });
  const functions = [...props.functions];
  const perFunction = (title: string, metric: (fn: lambda.IFunction, id: string) => cw.IMetric) =>
    new cw.GraphWidget({ title, width: 8, left: functions.map(([id, fn]) => metric(fn, id)) });
  const every = { period: FIVE_MINUTES };
  return [
    [
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
          waiting(props.deadLetterQueue, 'Dead-letter queue'),
          waiting(props.failedExecutionsQueue, 'Failed-executions queue'),
        ],
      }),
    ],
    [
      perFunction('Lambda errors', (fn, id) => fn.metricErrors({ ...every, statistic: cw.Stats.SUM, label: id })),
      perFunction('Lambda throttles', (fn, id) => fn.metricThrottles({ ...every, statistic: cw.Stats.SUM, label: id })),
      perFunction('Lambda duration (p95)', (fn, id) =>
        fn.metricDuration({ ...every, statistic: cw.Stats.p(95), label: id }),
      ),
    ],
  ];
}

/** Every row of the dashboard, top to bottom: the heading, the four processes, then the platform. */
export function dashboardRows(envName: string, props: PlatformResources): cw.IWidget[][] {
  const heading = new cw.TextWidget({
    width: 24,
    height: 2,
    markdown:
      `# wp-orchestrator (${envName})\n` +
      'Exit Reports: day one is the request date; due within 10 working days. Daily gauges come from the ' +
      '06:00 UTC status run. What each alarm means and what to do: DEPLOY.md.',
  });
  return [[heading], ...exitReportRows(), ...PROCESS_ROWS.map((row) => row.map(graph)), ...platformRows(props)];
}
