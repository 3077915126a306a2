import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { placeholdersIn, statesOf } from '../../infra/workflow-spec.ts';
import { workflows } from '../../workflows/index.ts';
import { followOutput, render, resourcesOf, type SynthesizedWpApp, synthWpApp } from './support/synth.ts';

// asl-validator is CommonJS without type declarations; it mutates its input, so it is always given a copy.
const aslValidator = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => {
  isValid: boolean;
  errorsText: () => string;
};

let synth: SynthesizedWpApp;
beforeAll(() => {
  synth = synthWpApp();
});

function deployed(stateMachineName: string): Record<string, unknown> {
  const found = resourcesOf(synth.workflows, 'AWS::StepFunctions::StateMachine').find(
    ([, p]) => p.StateMachineName === `${stateMachineName}-test`,
  );
  if (found === undefined) throw new Error(`${stateMachineName} is not deployed`);
  return found[1];
}

/** The logical id of the function a substitution resolves to, through the functions stack's output. */
function functionLogicalId(value: unknown): string {
  const target = followOutput(synth, value) as { 'Fn::GetAtt'?: [string, string] };
  if (target['Fn::GetAtt']?.[1] !== 'Arn') throw new Error(`not a function ARN: ${JSON.stringify(value)}`);
  return target['Fn::GetAtt'][0];
}

function functionNameOf(logicalId: string): unknown {
  return synth.functions.toJSON().Resources[logicalId]?.Properties?.FunctionName;
}

describe.each(workflows)('state machine $id', (spec) => {
  it('deploys the workflows/ module definition unchanged, placeholders and all', () => {
    // Prepare
    const definitionString = deployed(spec.stateMachineName).DefinitionString;

    // Assess: a plain string (no Fn::Join), byte for byte the module's JSON
    expect(typeof definitionString).toBe('string');
    expect(definitionString).toBe(JSON.stringify(spec.definition));
  });

  it('resolves each placeholder to the ARN of the function the module names', () => {
    // Prepare
    const substitutions = deployed(spec.stateMachineName).DefinitionSubstitutions as Record<string, unknown>;
    const resolved = Object.fromEntries(
      Object.entries(substitutions).map(([placeholder, value]) => [
        placeholder,
        functionNameOf(functionLogicalId(value)),
      ]),
    );

    // Assess
    expect(Object.keys(substitutions).sort()).toEqual(placeholdersIn(spec.definition).sort());
    expect(resolved).toEqual(
      Object.fromEntries(Object.entries(spec.substitutions).map(([placeholder, id]) => [placeholder, `wp-test-${id}`])),
    );
  });

  it('equals, after CloudFormation substitutes the ARNs, the definition the local runtime executes', () => {
    // Prepare: substitute as CloudFormation does, with the ARN each placeholder resolves to
    const machine = deployed(spec.stateMachineName);
    const arnOf = (value: unknown) =>
      `arn:aws:lambda:eu-west-1:123456789012:function:${String(functionNameOf(functionLogicalId(value)))}`;
    let text = machine.DefinitionString as string;
    for (const [placeholder, value] of Object.entries(machine.DefinitionSubstitutions as Record<string, unknown>)) {
      text = text.replaceAll(`\${${placeholder}}`, arnOf(value));
    }
    let expected = JSON.stringify(spec.definition);
    for (const [placeholder, id] of Object.entries(spec.substitutions)) {
      expected = expected.replaceAll(
        `\${${placeholder}}`,
        `arn:aws:lambda:eu-west-1:123456789012:function:wp-test-${id}`,
      );
    }

    // Assess
    expect(JSON.parse(text)).toEqual(JSON.parse(expected));
    const validation = aslValidator(JSON.parse(text));
    expect(validation.isValid, validation.isValid ? '' : validation.errorsText()).toBe(true);
  });

  it('is a Standard machine with a fixed name, logging ALL (without execution data) and X-Ray tracing', () => {
    // Prepare
    const machine = deployed(spec.stateMachineName);
    const logging = machine.LoggingConfiguration as {
      Level: string;
      IncludeExecutionData: boolean;
      Destinations: Array<{ CloudWatchLogsLogGroup: { LogGroupArn: unknown } }>;
    };
    const logGroupId = render(logging.Destinations[0]?.CloudWatchLogsLogGroup.LogGroupArn).slice(2, -'.Arn}'.length);

    // Assess
    expect(machine.StateMachineType).toBe('STANDARD');
    expect(machine.TracingConfiguration).toEqual({ Enabled: true });
    expect(logging.Level).toBe('ALL');
    expect(logging.IncludeExecutionData).toBe(false);
    expect(synth.workflows.toJSON().Resources[logGroupId]?.Properties).toMatchObject({
      LogGroupName: `/aws/vendedlogs/states/${spec.stateMachineName}-test`,
      RetentionInDays: 90,
    });
  });

  it('retries Lambda service errors with backoff and full jitter in every Lambda task', () => {
    // Prepare
    const definition = JSON.parse(deployed(spec.stateMachineName).DefinitionString as string);
    const lambdaTasks = statesOf(definition).filter(
      ([, state]) => typeof state.Resource === 'string' && state.Resource.startsWith('arn:aws:states:::lambda:invoke'),
    );

    // Assess
    expect(lambdaTasks.length).toBeGreaterThan(0);
    for (const [name, state] of lambdaTasks) {
      const retry = (state.Retry as Array<Record<string, unknown>> | undefined) ?? [];
      const onServiceErrors = retry.find((r) => (r.ErrorEquals as string[]).includes('Lambda.ServiceException'));
      expect(onServiceErrors, `${name} has no Retry on Lambda.ServiceException`).toBeDefined();
      expect(onServiceErrors?.ErrorEquals).toEqual(
        expect.arrayContaining(['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException']),
      );
      expect(onServiceErrors?.JitterStrategy, name).toBe('FULL');
      expect(Number(onServiceErrors?.BackoffRate), name).toBeGreaterThan(1);
      expect(Number(onServiceErrors?.MaxAttempts), name).toBeGreaterThan(1);
    }
  });

  it('gives every callback task a timeout, so no execution waits for ever', () => {
    // Prepare
    const definition = JSON.parse(deployed(spec.stateMachineName).DefinitionString as string);
    const callbacks = statesOf(definition).filter(
      ([, state]) => typeof state.Resource === 'string' && state.Resource.endsWith('.waitForTaskToken'),
    );

    // Assess
    for (const [name, state] of callbacks) {
      expect(state.TimeoutSecondsPath ?? state.TimeoutSeconds, `${name} has no timeout`).toBeDefined();
    }
  });
});

describe('failed executions', () => {
  it('go to the failed-executions queue when FAILED, TIMED_OUT or ABORTED, for these machines only', () => {
    // Prepare
    const [[, rule]] = resourcesOf(synth.workflows, 'AWS::Events::Rule') as [[string, Record<string, unknown>]];
    const pattern = rule.EventPattern as {
      source: string[];
      'detail-type': string[];
      detail: Record<string, unknown[]>;
    };
    const [target] = rule.Targets as Array<Record<string, unknown>>;
    const machineIds = resourcesOf(synth.workflows, 'AWS::StepFunctions::StateMachine').map(([id]) => `\${${id}}`);

    // Assess
    expect(pattern.source).toEqual(['aws.states']);
    expect(pattern['detail-type']).toEqual(['Step Functions Execution Status Change']);
    expect(pattern.detail.status).toEqual(['FAILED', 'TIMED_OUT', 'ABORTED']);
    expect(pattern.detail.stateMachineArn?.map(render)).toEqual(machineIds);
    expect(render(target?.Arn)).toMatch(/^\$\{FailedExecutionsQueue\w+\.Arn\}$/);
  });

  it('are kept 14 days in an encrypted, TLS-only queue that only this rule may write to', () => {
    // Prepare
    const [[ruleId]] = resourcesOf(synth.workflows, 'AWS::Events::Rule') as [[string, unknown]];
    const [, policy] = resourcesOf(synth.workflows, 'AWS::SQS::QueuePolicy')[0] ?? ['', {}];
    const statements = (policy.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    const allowEvents = statements.find((s) => JSON.stringify(s.Principal).includes('events.amazonaws.com'));

    // Assess
    synth.workflows.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'wp-test-failed-executions',
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    expect(statements.some((s) => JSON.stringify(s.Condition).includes('"aws:SecureTransport":"false"'))).toBe(true);
    expect(allowEvents?.Action).toContain('sqs:SendMessage');
    expect(allowEvents?.Action).not.toContain('sqs:ReceiveMessage');
    expect(
      render(
        (allowEvents?.Condition as { ArnEquals: Record<string, unknown> } | undefined)?.ArnEquals['aws:SourceArn'],
      ),
    ).toBe(`\${${ruleId}.Arn}`);
  });
});
