import { Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { WorkflowStateMachine } from '../constructs/workflow-state-machine.ts';
import { pascal, type ResourceNames } from '../names.ts';
import type { WpSettings } from '../settings.ts';
import type { WorkflowSpec } from '../workflow-spec.ts';

export interface WorkflowsStackProps extends StackProps {
  readonly settings: WpSettings;
  readonly names: ResourceNames;
  readonly workflows: readonly WorkflowSpec[];
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
}

/** The execution statuses that leave a case without a driver until someone acts. */
export const FAILED_EXECUTION_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/**
 * One state machine per workflow module, and a queue that keeps every execution that failed, timed out or was
 * aborted, so operations can see each one and redrive it (Step Functions RedriveExecution, or a restart from the
 * case record).
 */
export class WorkflowsStack extends Stack {
  readonly stateMachines: ReadonlyMap<string, sfn.StateMachine>;
  readonly failedExecutionsQueue: sqs.Queue;
  readonly failedExecutionsRule: events.Rule;

  constructor(scope: Construct, id: string, props: WorkflowsStackProps) {
    super(scope, id, props);
    const { settings, names } = props;

    const machines = new Map<string, sfn.StateMachine>();
    for (const spec of props.workflows) {
      const workflow = new WorkflowStateMachine(this, pascal(spec.id), {
        spec,
        stateMachineName: names.stateMachineName(spec.stateMachineName),
        functions: props.functions,
        logRetention: settings.logRetention,
      });
      machines.set(spec.id, workflow.stateMachine);
    }
    this.stateMachines = machines;

    this.failedExecutionsQueue = new sqs.Queue(this, 'FailedExecutionsQueue', {
      queueName: names.failedExecutionsQueue,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const deadLetterReason =
      'This queue is itself a dead-letter queue: it holds the status-change events of failed, timed-out and ' +
      'aborted executions for operations to inspect and redrive. Nothing consumes it automatically, so a ' +
      'redrive policy to a further queue would never be used. Failed and timed-out executions are alarmed from ' +
      "the AWS/States metrics (not from this queue's depth: aborted executions are usually an operator's restart).";
    Validations.of(this.failedExecutionsQueue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: deadLetterReason },
      { id: 'Serverless-SQSRedrivePolicy', reason: deadLetterReason },
    );

    this.failedExecutionsRule = new events.Rule(this, 'FailedExecutionsRule', {
      description: 'Keeps failed, timed-out and aborted workflow executions for operations to redrive',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: {
          status: [...FAILED_EXECUTION_STATUSES],
          stateMachineArn: [...machines.values()].map((machine) => machine.stateMachineArn),
        },
      },
      targets: [
        new targets.SqsQueue(this.failedExecutionsQueue, { retryAttempts: 185, maxEventAge: Duration.hours(24) }),
      ],
    });
    Validations.of(this.failedExecutionsRule).acknowledge({
      id: 'Serverless-EventBusDLQ',
      reason:
        "The rule's only target is the failed-executions dead-letter queue in the same account; a dead-letter " +
        'queue for a dead-letter queue only moves the problem. Delivery failures are counted by the AWS/Events ' +
        'FailedInvocations metric, which is alarmed, and the failures stay in the Step Functions console for 90 days.',
    });
  }
}
