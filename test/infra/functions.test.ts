import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionCatalogue } from '../../infra/function-catalogue.ts';
import { PROJECT_ROOT } from '../../infra/wp-app.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../ports/metric-names.ts';
import { render, resourcesOf, type SynthesizedWpApp, synthWpApp } from './support/synth.ts';

let synth: SynthesizedWpApp;
beforeAll(() => {
  synth = synthWpApp();
});

const lambdas = () => resourcesOf(synth.functions, 'AWS::Lambda::Function');
const byName = (functionName: string) => {
  const found = lambdas().find(([, p]) => p.FunctionName === functionName);
  if (found === undefined) throw new Error(`${functionName} is not in the template`);
  return found;
};

describe('every function', () => {
  it('is deployed, one per catalogue entry, with its fixed name', () => {
    expect(lambdas().map(([, p]) => p.FunctionName)).toEqual(functionCatalogue.map((f) => `wp-test-${f.id}`));
  });

  it('has its entry at functions/<id>/index.ts, and every entry there is in the catalogue', () => {
    // Prepare
    const entries = readdirSync(path.join(PROJECT_ROOT, 'functions'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(PROJECT_ROOT, 'functions', d.name, 'index.ts')))
      .map((d) => d.name);

    // Assess
    expect(entries.sort()).toEqual(functionCatalogue.map((f) => f.id).sort());
  });

  it.each(functionCatalogue)('$id runs Node.js 22 on arm64 with X-Ray active tracing', ({ id }) => {
    // Prepare
    const [, fn] = byName(`wp-test-${id}`);

    // Assess
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.Handler).toBe('index.handler');
  });

  it.each(functionCatalogue)('$id writes to its own log group, named after it, with a retention period', ({ id }) => {
    // Prepare
    const [, fn] = byName(`wp-test-${id}`);
    const logGroupId = render((fn.LoggingConfig as { LogGroup: unknown }).LogGroup).slice(2, -1);
    const logGroup = synth.functions.toJSON().Resources[logGroupId];

    // Assess
    expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup.Properties).toMatchObject({ LogGroupName: `/aws/lambda/wp-test-${id}`, RetentionInDays: 90 });
    expect(logGroup.DeletionPolicy).toBe('Retain');
  });

  it.each(functionCatalogue)('$id sends failed asynchronous invocations to the dead-letter queue', ({ id }) => {
    const [, fn] = byName(`wp-test-${id}`);
    expect(render((fn.DeadLetterConfig as { TargetArn: unknown }).TargetArn)).toMatch(
      /^\$\{DeadLetterQueue\w+\.Arn\}$/,
    );
  });

  it.each(functionCatalogue)(
    '$id has the memory and timeout of its catalogue entry',
    ({ id, memorySize, timeoutSeconds }) => {
      const [, fn] = byName(`wp-test-${id}`);
      expect({ memory: fn.MemorySize, timeout: fn.Timeout }).toEqual({ memory: memorySize, timeout: timeoutSeconds });
    },
  );

  it.each(functionCatalogue)(
    '$id reads the contract environment, with source maps on',
    ({ id, readsConsoleSettings }) => {
      // Prepare
      const [, fn] = byName(`wp-test-${id}`);
      const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;

      // Assess
      expect(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, render(v)]))).toEqual({
        CASES_TABLE_NAME: 'wp-test-cases',
        MAIL_BUCKET_NAME: 'wp-test-mail-${AWS::AccountId}-${AWS::Region}',
        CONFIG_PARAMETER_NAME: '/wp-orchestrator/test/provider-config',
        EXIT_REPORT_STATE_MACHINE_ARN:
          'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:wp-exit-report-test',
        INFORMATION_SESSION_STATE_MACHINE_ARN:
          'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:wp-information-session-test',
        COMPLIANCE_STATE_MACHINE_ARN:
          'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:wp-compliance-test',
        MI_RETURN_STATE_MACHINE_ARN:
          'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:wp-mi-return-test',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        LOG_LEVEL: 'INFO',
        WP_ENV: 'test',
        NODE_OPTIONS: '--enable-source-maps',
        // The console alone reads its own settings (infra/stacks/console-stack.ts).
        ...(readsConsoleSettings ? { CONSOLE_PARAMETER_PREFIX: '/wp-orchestrator/test/console' } : {}),
      });
    },
  );
});

describe('dead-letter queue', () => {
  it('is encrypted, TLS-only and keeps messages 14 days', () => {
    // Assess
    synth.functions.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'wp-test-dead-letters',
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    const [, policy] = resourcesOf(synth.functions, 'AWS::SQS::QueuePolicy')[0] ?? ['', {}];
    expect(JSON.stringify(policy.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });
});

describe('scheduled status runs', () => {
  const rule = (description: RegExp) => {
    const found = resourcesOf(synth.functions, 'AWS::Events::Rule').find(([, p]) =>
      description.test(String(p.Description)),
    );
    if (found === undefined) throw new Error(`no rule ${description}`);
    return found[1];
  };

  it('invokes status-report at 06:00 UTC every day, with retries and the dead-letter queue', () => {
    // Prepare
    const daily = rule(/^Daily status run/);
    const [target] = daily.Targets as Array<Record<string, unknown>>;
    const [statusReportId] = byName('wp-test-status-report');

    // Assess
    expect(daily.ScheduleExpression).toBe('cron(0 6 * * ? *)');
    expect(render(target?.Arn)).toBe(`\${${statusReportId}.Arn}`);
    expect(render((target?.DeadLetterConfig as { Arn: unknown } | undefined)?.Arn)).toMatch(
      /^\$\{DeadLetterQueue\w+\.Arn\}$/,
    );
    expect(target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 6 * 3600 });
  });

  it('invokes staff-action at 00:05 UTC on the 1st to open the month’s MI return case', () => {
    // Prepare
    const monthly = rule(/^Monthly: open the Job Entry MI return/);
    const [target] = monthly.Targets as Array<Record<string, unknown>>;
    const [staffActionId] = byName('wp-test-staff-action');

    // Assess
    expect(monthly.ScheduleExpression).toBe('cron(5 0 1 * ? *)');
    expect(render(target?.Arn)).toBe(`\${${staffActionId}.Arn}`);
    expect(JSON.parse(String(target?.Input))).toEqual({ action: 'open-mi-return' });
    expect(target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 12 * 3600 });
  });

  it('invokes status-report hourly for the continuity check, so WPD is emailed within the hour after 48 hours', () => {
    // Prepare
    const hourly = rule(/^Hourly status run/);
    const [target] = hourly.Targets as Array<Record<string, unknown>>;
    const [statusReportId] = byName('wp-test-status-report');

    // Assess
    expect(hourly.ScheduleExpression).toBe('rate(1 hour)');
    expect(render(target?.Arn)).toBe(`\${${statusReportId}.Arn}`);
    expect(JSON.parse(String(target?.Input))).toEqual({ run: 'continuity-check' });
    expect(render((target?.DeadLetterConfig as { Arn: unknown } | undefined)?.Arn)).toMatch(
      /^\$\{DeadLetterQueue\w+\.Arn\}$/,
    );
  });
});
