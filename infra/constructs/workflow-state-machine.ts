import { ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { placeholdersIn, startsItself, type WorkflowSpec } from '../workflow-spec.ts';

export interface WorkflowStateMachineProps {
  readonly spec: WorkflowSpec;
  /** The deployed, fixed name (`wp-exit-report-prod`). */
  readonly stateMachineName: string;
  /** The functions a definition's placeholders may name, by function id. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  readonly logRetention: logs.RetentionDays;
}

/**
 * One Standard state machine from a workflows/ module, deployed with its definition unchanged: the ASL string is
 * the module's JSON, and each `${Placeholder}` is resolved by CloudFormation DefinitionSubstitutions to the ARN of
 * the function the module names. Logging ALL to its own log group, X-Ray tracing on, permission to invoke exactly
 * the functions it names, and — if it continues as new — to start executions of itself.
 */
export class WorkflowStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkflowStateMachineProps) {
    super(scope, id);
    const { spec } = props;

    const placeholders = placeholdersIn(spec.definition);
    const missing = placeholders.filter((name) => spec.substitutions[name] === undefined);
    if (missing.length > 0) {
      throw new Error(`Workflow ${spec.id}: no substitution for placeholder(s) ${missing.join(', ')}`);
    }
    const substitutions: Record<string, string> = {};
    const invoked = new Set<lambda.IFunction>();
    for (const [placeholder, functionId] of Object.entries(spec.substitutions)) {
      const fn = props.functions.get(functionId);
      if (fn === undefined) {
        throw new Error(`Workflow ${spec.id}: ${placeholder} names function '${functionId}', which is not deployed`);
      }
      substitutions[placeholder] = fn.functionArn;
      invoked.add(fn);
    }

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      // The /aws/vendedlogs/ prefix keeps the log-delivery resource policy small however many machines there are.
      logGroupName: `/aws/vendedlogs/states/${props.stateMachineName}`,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromString(JSON.stringify(spec.definition)),
      definitionSubstitutions: substitutions,
      // Every event is logged, without execution data: inputs and outputs carry names, NINOs and task tokens.
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });

    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by CDK for logging and tracing, and required by AWS on "Resource": "*": CloudWatch Logs vended log ' +
        'delivery (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ' +
        'ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) and X-Ray ' +
        '(xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) have no resource-level ' +
        'permissions. Lambda invocation and StartExecution are on named ARNs (asserted in test/infra/iam.test.ts).',
    });

    // The definitions call the unqualified function ARN, so the unqualified ARN is all the role may invoke.
    for (const fn of invoked) fn.grantInvokeLatestVersion(this.stateMachine);

    if (startsItself(spec.definition)) {
      // Continue-as-new: "StateMachineArn.$": "$$.StateMachine.Id". The ARN is built from the fixed name; a
      // reference to the machine itself would make its role policy and the machine depend on each other.
      const ownArn = Stack.of(this).formatArn({
        service: 'states',
        resource: 'stateMachine',
        resourceName: props.stateMachineName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      this.stateMachine.addToRolePolicy(
        new iam.PolicyStatement({ sid: 'ContinueAsNew', actions: ['states:StartExecution'], resources: [ownArn] }),
      );
    }
  }
}
