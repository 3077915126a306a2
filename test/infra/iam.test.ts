import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FunctionSpec, functionCatalogue } from '../../infra/function-catalogue.ts';
import { ACTIONS_THAT_REQUIRE_ANY_RESOURCE } from '../../infra/nag.ts';
import { workflows } from '../../workflows/index.ts';
import { render, resourcesOf, type SynthesizedWpApp, synthWpApp } from './support/synth.ts';

let synth: SynthesizedWpApp;
beforeAll(() => {
  synth = synthWpApp();
});

interface Grant {
  readonly sid?: string;
  readonly actions: string[];
  readonly resources: string[];
}

/** Every Allow statement of the identity policies attached to a role, actions and resources as text. */
function grantsOfRole(template: Template, roleLogicalId: string): Grant[] {
  const grants: Grant[] = [];
  for (const [, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
    const roles = (policy.Roles as unknown[]).map(render);
    if (!roles.includes(`\${${roleLogicalId}}`)) continue;
    for (const s of (policy.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement) {
      expect(s.Effect).toBe('Allow');
      grants.push({
        ...(typeof s.Sid === 'string' ? { sid: s.Sid } : {}),
        actions: [s.Action].flat() as string[],
        resources: [s.Resource].flat().map(render),
      });
    }
  }
  return grants;
}

function roleOfFunction(functionName: string): string {
  const [, fn] =
    resourcesOf(synth.functions, 'AWS::Lambda::Function').find(([, p]) => p.FunctionName === functionName) ?? [];
  if (fn === undefined) throw new Error(`${functionName} not found`);
  return render(fn.Role).slice(2, -'.Arn}'.length);
}

/** Which resources an action is allowed on, for one function's role. */
function resourcesFor(spec: FunctionSpec, action: string): string[] {
  return grantsOfRole(synth.functions, roleOfFunction(`wp-test-${spec.id}`))
    .filter((g) => g.actions.includes(action))
    .flatMap((g) => g.resources);
}

const ARN = 'arn:${AWS::Partition}';
const REGION_ACCOUNT = '${AWS::Region}:${AWS::AccountId}';
const TABLE = `${ARN}:dynamodb:${REGION_ACCOUNT}:table/wp-test-cases`;
const BUCKET = `${ARN}:s3:::wp-test-mail-\${AWS::AccountId}-\${AWS::Region}`;
/** Every workflow's state machine, as the grants list them (sorted). */
const STATE_MACHINES = workflows
  .map((w) => `${ARN}:states:${REGION_ACCOUNT}:stateMachine:${w.stateMachineName}-test`)
  .sort();

describe('IAM: "*" resources', () => {
  it('are granted only for actions AWS authorises on no narrower resource (X-Ray, log delivery)', () => {
    // Prepare
    const starred: string[] = [];
    for (const template of synth.all) {
      for (const [, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
        for (const s of (policy.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement) {
          if ([s.Resource].flat().includes('*')) starred.push(...([s.Action].flat() as string[]));
        }
      }
    }

    // Assess: each of these has its reason in infra/nag.ts
    expect(starred.length).toBeGreaterThan(0);
    for (const action of starred) expect(Object.keys(ACTIONS_THAT_REQUIRE_ANY_RESOURCE)).toContain(action);
  });

  it('appear nowhere as a partial wildcard except the table index and the mail bucket objects', () => {
    // Prepare
    const partial = new Set<string>();
    for (const template of synth.all) {
      for (const [, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
        for (const s of (policy.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement) {
          for (const r of [s.Resource].flat().map(render)) if (r !== '*' && r.includes('*')) partial.add(r);
        }
      }
    }

    // Assess
    expect([...partial].sort()).toEqual([`${TABLE}/index/*`, `${BUCKET}/*`, `${BUCKET}/inbound/*`]);
  });

  it('no role carries an AWS managed policy', () => {
    for (const template of synth.all) {
      for (const [, role] of resourcesOf(template, 'AWS::IAM::Role')) expect(role.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('IAM: each function may do what its catalogue entry says, and no more', () => {
  it.each(functionCatalogue)('$id writes logs only to its own log group', (spec) => {
    expect(resourcesFor(spec, 'logs:PutLogEvents')).toEqual([expect.stringMatching(/^\$\{\w+LogGroup\w+\.Arn\}$/)]);
    expect(resourcesFor(spec, 'logs:PutLogEvents')[0]).toContain(
      spec.id
        .split('-')
        .map((w) => w[0]?.toUpperCase() + w.slice(1))
        .join(''),
    );
    expect(resourcesFor(spec, 'logs:CreateLogGroup')).toEqual([]);
  });

  it.each(functionCatalogue)('$id reads the case table (and writes it if its entry says so)', (spec) => {
    expect(resourcesFor(spec, 'dynamodb:Query')).toEqual([TABLE, `${TABLE}/index/*`]);
    expect(resourcesFor(spec, 'dynamodb:PutItem')).toEqual(
      spec.table === 'readWrite' ? [TABLE, `${TABLE}/index/*`] : [],
    );
    expect(resourcesFor(spec, 'kms:Decrypt')).toEqual([expect.stringMatching(/^\$\{output:\w*DataKey\w*\}$/)]);
  });

  it.each(functionCatalogue)('$id reads and puts mail objects only if its entry says so, and never deletes', (spec) => {
    const expected = spec.mailBucket === 'readWrite';
    expect(resourcesFor(spec, 's3:GetObject*')).toEqual(expected ? [`${BUCKET}/*`, BUCKET] : []);
    expect(resourcesFor(spec, 's3:PutObject')).toEqual(expected ? [`${BUCKET}/*`] : []);
    expect(resourcesFor(spec, 's3:DeleteObject*')).toEqual([]);
    expect(resourcesFor(spec, 's3:DeleteObject')).toEqual([]);
  });

  it.each(functionCatalogue)('$id destroys inbound mail versions (paras 46, 49) only if its entry says so', (spec) => {
    const grants = grantsOfRole(synth.functions, roleOfFunction(`wp-test-${spec.id}`));
    expect(resourcesFor(spec, 's3:DeleteObjectVersion')).toEqual(
      spec.destroysInboundMail ? [`${BUCKET}/inbound/*`] : [],
    );
    expect(resourcesFor(spec, 's3:ListBucketVersions')).toEqual(spec.destroysInboundMail ? [BUCKET] : []);
    expect(grants.some((g) => g.actions.some((a) => /^s3:(Delete|Put)Bucket|^s3:\*$/.test(a)))).toBe(false);
  });

  it.each(functionCatalogue)('$id reads the provider configuration parameter, nothing else in SSM', (spec) => {
    const consoleSettings = ['client-id', 'login-domain', 'session-key', 'user-pool-id'].map(
      (name) => `${ARN}:ssm:${REGION_ACCOUNT}:parameter/wp-orchestrator/test/console/${name}`,
    );
    expect(resourcesFor(spec, 'ssm:GetParameter').sort()).toEqual([
      ...(spec.readsConsoleSettings ? consoleSettings : []),
      `${ARN}:ssm:${REGION_ACCOUNT}:parameter/wp-orchestrator/test/provider-config`,
    ]);
  });

  it.each(functionCatalogue)('$id sends mail from the verified domain only if its entry says so', (spec) => {
    const identity = [`${ARN}:ses:${REGION_ACCOUNT}:identity/wp.provider.example`];
    expect(resourcesFor(spec, 'ses:SendRawEmail')).toEqual(spec.sendsMail ? identity : []);
    expect(resourcesFor(spec, 'ses:SendEmail')).toEqual(spec.sendsMail ? identity : []);
  });

  it.each(functionCatalogue)('$id completes tasks and starts executions only if its entry says so', (spec) => {
    expect(resourcesFor(spec, 'states:SendTaskSuccess')).toEqual(spec.completesTasks ? STATE_MACHINES : []);
    expect(resourcesFor(spec, 'states:SendTaskFailure')).toEqual(spec.completesTasks ? STATE_MACHINES : []);
    expect(resourcesFor(spec, 'states:StartExecution')).toEqual(spec.startsExecutions ? STATE_MACHINES : []);
  });

  it.each(functionCatalogue)('$id may put messages on the dead-letter queue only', (spec) => {
    expect(resourcesFor(spec, 'sqs:SendMessage')).toEqual([expect.stringMatching(/^\$\{DeadLetterQueue\w+\.Arn\}$/)]);
  });
});

describe('IAM: each state machine', () => {
  it.each(workflows)('$id invokes exactly the functions its definition names, unqualified', (spec) => {
    // Prepare
    const [, machine] =
      resourcesOf(synth.workflows, 'AWS::StepFunctions::StateMachine').find(
        ([, p]) => p.StateMachineName === `${spec.stateMachineName}-test`,
      ) ?? [];
    const grants = grantsOfRole(synth.workflows, render(machine?.RoleArn).slice(2, -'.Arn}'.length));
    const invoked = grants.filter((g) => g.actions.includes('lambda:InvokeFunction')).flatMap((g) => g.resources);
    const outputs = new Set(Object.values(spec.substitutions));

    // Assess: each named function's ARN, and the same ARN with :$LATEST (the unqualified ARN's version)
    expect(invoked).toHaveLength(outputs.size * 2);
    for (const functionId of outputs) {
      const pascal = functionId.replace(/(^|-)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
      expect(invoked.filter((r) => r.includes(`${pascal}Function`))).toHaveLength(2);
    }
  });

  it.each(workflows)('$id may start executions of itself (continue-as-new), by its fixed name', (spec) => {
    // Prepare
    const [, machine] =
      resourcesOf(synth.workflows, 'AWS::StepFunctions::StateMachine').find(
        ([, p]) => p.StateMachineName === `${spec.stateMachineName}-test`,
      ) ?? [];
    const grants = grantsOfRole(synth.workflows, render(machine?.RoleArn).slice(2, -'.Arn}'.length));

    // Assess
    expect(grants.filter((g) => g.actions.includes('states:StartExecution'))).toEqual([
      {
        sid: 'ContinueAsNew',
        actions: ['states:StartExecution'],
        resources: [`${ARN}:states:${REGION_ACCOUNT}:stateMachine:${spec.stateMachineName}-test`],
      },
    ]);
  });
});
