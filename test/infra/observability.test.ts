import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionCatalogue } from '../../infra/function-catalogue.ts';
import { METRICS_NAMESPACE, MetricName, RejectionReason, SERVICE_NAME } from '../../ports/metric-names.ts';
import { workflows } from '../../workflows/index.ts';
import { render, resourcesOf, type SynthesizedWpApp, synthWpApp } from './support/synth.ts';

let synth: SynthesizedWpApp;
beforeAll(() => {
  synth = synthWpApp();
});

type Json = Record<string, unknown>;

function alarm(alarmName: string): Json {
  const found = resourcesOf(synth.observability, 'AWS::CloudWatch::Alarm').find(([, p]) => p.AlarmName === alarmName);
  if (found === undefined) throw new Error(`no alarm ${alarmName}`);
  return found[1];
}

function expectNotifiesOperations(a: Json): void {
  expect((a.AlarmActions as unknown[]).map(render)).toEqual([expect.stringMatching(/^\$\{AlarmTopic\w+\}$/)]);
  expect(a).toMatchObject({
    ComparisonOperator: 'GreaterThanThreshold',
    Threshold: 0,
    EvaluationPeriods: 1,
    TreatMissingData: 'notBreaching',
  });
}

/** The dashboard's JSON, with intrinsics rendered as `${...}` text so it parses. */
function dashboard(): { widgets: Array<{ type: string; properties: Json }> } {
  const [[, props]] = resourcesOf(synth.observability, 'AWS::CloudWatch::Dashboard') as [[string, Json]];
  return JSON.parse(render(props.DashboardBody));
}

/**
 * Each metric a widget shows, as [namespace, name, dimensions]. CloudWatch's metric array form is
 * [namespace, name, dim1, value1, ..., {options}]; "." repeats the same position of the previous entry.
 */
function dashboardMetrics(): Array<{ widget: string; namespace: string; name: string; dims: Record<string, string> }> {
  const out: Array<{ widget: string; namespace: string; name: string; dims: Record<string, string> }> = [];
  for (const w of dashboard().widgets) {
    let previous: unknown[] = [];
    for (const entry of (w.properties.metrics as unknown[][] | undefined) ?? []) {
      const plain = entry.filter((x) => typeof x === 'string') as string[];
      if (plain.length === 0) continue; // a math expression: [{ expression, ... }]
      const full = plain.map((x, i) => (x === '.' ? String(previous[i]) : x));
      previous = full;
      const [namespace = '', name = '', ...rest] = full;
      const dims: Record<string, string> = {};
      for (let i = 0; i + 1 < rest.length; i += 2) dims[rest[i] as string] = rest[i + 1] as string;
      out.push({ widget: String(w.properties.title), namespace, name, dims });
    }
  }
  return out;
}

describe('alarm topic', () => {
  it('is encrypted with a rotating customer-managed key that CloudWatch alarms may use, and TLS-only', () => {
    // Prepare
    const [[, topic]] = resourcesOf(synth.observability, 'AWS::SNS::Topic') as [[string, Json]];
    const keyId = render(topic.KmsMasterKeyId).slice(2, -'.Arn}'.length);
    const key = synth.observability.toJSON().Resources[keyId];

    // Assess
    expect(topic.TopicName).toBe('wp-test-alarms');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
    synth.observability.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it("lets CloudWatch publish, for this account's wp-test- alarms only (the explicit policy replaces SNS's default)", () => {
    // Prepare
    const [[, policy]] = resourcesOf(synth.observability, 'AWS::SNS::TopicPolicy') as [[string, Json]];
    const statements = (policy.PolicyDocument as { Statement: Json[] }).Statement;
    const allow = statements.find((s) => s.Effect === 'Allow');
    const conditions = allow?.Condition as { StringEquals: Json; ArnLike: Json } | undefined;

    // Assess
    expect(allow?.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    expect(allow?.Action).toBe('sns:Publish');
    expect(render(conditions?.StringEquals['aws:SourceAccount'])).toBe('${AWS::AccountId}');
    expect(render(conditions?.ArnLike['aws:SourceArn'])).toBe(
      'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:wp-test-*',
    );
    for (const [, a] of resourcesOf(synth.observability, 'AWS::CloudWatch::Alarm')) {
      expect(String(a.AlarmName)).toMatch(/^wp-test-/);
    }
  });

  it('emails the configured operations address', () => {
    synth.observability.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'wp-operations@provider.example',
    });
  });
});

describe('business alarms', () => {
  it('an Exit Report overdue: any ExitReportsOverdue in 5 minutes', () => {
    // Prepare
    const a = alarm('wp-test-exit-report-overdue');

    // Assess
    expectNotifiesOperations(a);
    expect(a).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: MetricName.ExitReportsOverdue,
      Dimensions: [{ Name: 'service', Value: SERVICE_NAME }],
      Statistic: 'Sum',
      Period: 300,
    });
  });

  it('an inbound message rejected for its sender: InboundMailRejected with Reason=sender', () => {
    // Prepare
    const a = alarm('wp-test-inbound-mail-rejected-sender');

    // Assess
    expectNotifiesOperations(a);
    expect(a).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: MetricName.InboundMailRejected,
      Statistic: 'Sum',
      Period: 300,
    });
    expect(a.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'service', Value: SERVICE_NAME },
        { Name: 'Reason', Value: RejectionReason.Sender },
      ]),
    );
  });
});

describe('platform alarms', () => {
  it.each(workflows)('failed or timed-out executions of $id', ({ id }) => {
    // Prepare
    const a = alarm(`wp-test-${id}-executions-failed`);
    const queries = a.Metrics as Array<{ Id: string; Expression?: string; MetricStat?: { Metric: Json } }>;

    // Assess
    expectNotifiesOperations(a);
    expect(queries.find((q) => q.Expression)?.Expression).toBe('FILL(failed, 0) + FILL(timedOut, 0)');
    expect(
      queries
        .filter((q) => q.MetricStat)
        .map((q) => [q.Id, q.MetricStat?.Metric.Namespace, q.MetricStat?.Metric.MetricName]),
    ).toEqual([
      ['failed', 'AWS/States', 'ExecutionsFailed'],
      ['timedOut', 'AWS/States', 'ExecutionsTimedOut'],
    ]);
  });

  it.each(functionCatalogue)('errors of the $id function', ({ id }) => {
    // Prepare
    const a = alarm(`wp-test-${id}-errors`);

    // Assess
    expectNotifiesOperations(a);
    expect(a).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum', Period: 300 });
    expect(render((a.Dimensions as Array<{ Value: unknown }>)[0]?.Value)).toMatch(/^\$\{output:\w*Function\w*\}$/);
  });

  it('a message in the dead-letter queue', () => {
    // Prepare
    const a = alarm('wp-test-dead-letters');

    // Assess
    expectNotifiesOperations(a);
    expect(a).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
    });
    expect(render((a.Dimensions as Array<{ Value: unknown }>)[0]?.Value)).toMatch(/DeadLetterQueue/);
  });

  it('a failed-execution event EventBridge could not deliver', () => {
    // Prepare
    const a = alarm('wp-test-failed-executions-delivery');

    // Assess
    expectNotifiesOperations(a);
    expect(a).toMatchObject({ Namespace: 'AWS/Events', MetricName: 'FailedInvocations' });
    expect(render((a.Dimensions as Array<{ Value: unknown }>)[0]?.Value)).toMatch(/FailedExecutionsRule/);
  });

  it('every alarm explains itself and points to DEPLOY.md or the next step', () => {
    for (const [, a] of resourcesOf(synth.observability, 'AWS::CloudWatch::Alarm')) {
      expect(String(a.AlarmDescription).length).toBeGreaterThan(80);
    }
  });
});

describe('dashboard', () => {
  it('names only figures the functions emit (MetricName in ports/metric-names.ts)', () => {
    // Prepare
    const ours = dashboardMetrics().filter((m) => m.namespace === METRICS_NAMESPACE);

    // Assess
    expect(ours.length).toBeGreaterThan(0);
    for (const m of ours) {
      expect(Object.values(MetricName), m.widget).toContain(m.name);
      expect(m.dims.service, `${m.widget}: ${m.name} without the Powertools service dimension`).toBe(SERVICE_NAME);
    }
  });

  it('shows every figure the functions emit', () => {
    const shown = new Set(
      dashboardMetrics()
        .filter((m) => m.namespace === METRICS_NAMESPACE)
        .map((m) => m.name),
    );
    expect([...shown].sort()).toEqual(Object.values(MetricName).sort());
  });

  it('shows inbound mail rejected by each rejection reason', () => {
    // Prepare
    const reasons = dashboardMetrics()
      .filter((m) => m.name === MetricName.InboundMailRejected)
      .map((m) => m.dims.Reason);

    // Assess
    expect(reasons.sort()).toEqual(Object.values(RejectionReason).sort());
  });

  it('computes the percentage sent within 10 working days from on-time and late reports', () => {
    // Prepare
    const expressions = dashboard().widgets.flatMap((w) =>
      ((w.properties.metrics as unknown[][] | undefined) ?? []).flat().filter((x): x is Json => typeof x === 'object'),
    );
    const percentage = expressions.find((e) => typeof e.expression === 'string');
    const ids = dashboardMetrics().map((m) => m.name);

    // Assess
    expect(percentage?.expression).toBe(
      'IF(FILL(onTime, 0) + FILL(late, 0) > 0, 100 * FILL(onTime, 0) / (FILL(onTime, 0) + FILL(late, 0)))',
    );
    expect(ids).toContain(MetricName.ExitReportsSentOnTime);
    expect(ids).toContain(MetricName.ExitReportsSentLate);
  });

  it('shows executions started, failed and timed out, Lambda errors, throttles and duration, and dead letters', () => {
    // Prepare
    const aws = dashboardMetrics().filter((m) => m.namespace.startsWith('AWS/'));
    const names = (namespace: string) => new Set(aws.filter((m) => m.namespace === namespace).map((m) => m.name));

    // Assess
    expect(names('AWS/States')).toEqual(
      new Set(['ExecutionsStarted', 'ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']),
    );
    expect(names('AWS/Lambda')).toEqual(new Set(['Errors', 'Throttles', 'Duration']));
    expect(names('AWS/SQS')).toEqual(new Set(['ApproximateNumberOfMessagesVisible']));
    expect(aws.filter((m) => m.namespace === 'AWS/Lambda' && m.name === 'Errors')).toHaveLength(
      functionCatalogue.length,
    );
  });

  it('lists every alarm in an alarm status widget', () => {
    const widget = dashboard().widgets.find((w) => w.type === 'alarm');
    expect((widget?.properties.alarms as unknown[] | undefined)?.length).toBe(
      resourcesOf(synth.observability, 'AWS::CloudWatch::Alarm').length,
    );
  });
});
