import path from 'node:path';
import { ArnFormat, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../ports/metric-names.ts';
import { WpFunction } from '../constructs/wp-function.ts';
import { type FunctionId, type FunctionSpec, functionCatalogue } from '../function-catalogue.ts';
import { nagResourceName } from '../nag.ts';
import { pascal, type ResourceNames, stateMachineArnVariable } from '../names.ts';
import type { WpSettings } from '../settings.ts';
import type { WorkflowSpec } from '../workflow-spec.ts';
import { CONSOLE_PARAMETERS, consoleParameterPrefix, copyConsoleAssets } from './console-stack.ts';
import { CASES_GSI, INBOUND_MAIL_PREFIX } from './storage-stack.ts';

export interface FunctionsStackProps extends StackProps {
  readonly settings: WpSettings;
  readonly names: ResourceNames;
  /** The table's key: grants on the table include its use through DynamoDB. */
  readonly dataKey: kms.IKey;
  readonly workflows: readonly WorkflowSpec[];
  /** Folder holding `<function id>/index.ts` for every function in the catalogue. */
  readonly functionsRoot: string;
  /** Repository root: package-lock.json and node_modules. */
  readonly projectRoot: string;
  readonly metafile?: boolean;
}

/** The daily status run: 06:00 UTC, before the working day in London in winter and summer alike. */
export const STATUS_REPORT_SCHEDULE = events.Schedule.cron({ minute: '0', hour: '6' });

/**
 * The business continuity check runs in the status run (Work Programme Division is emailed once email has been
 * suspended for 48 hours, para 87): hourly, so that email goes within the hour, not up to a day late.
 */
export const CONTINUITY_CHECK_SCHEDULE = events.Schedule.rate(Duration.hours(1));
export const CONTINUITY_CHECK_INPUT = { run: 'continuity-check' } as const;

/**
 * The monthly Job Entry MI return (memo 176): at 00:05 UTC on the 1st (already the 1st in London, GMT or BST) the
 * staff-action function opens the new month's case, which runs to the 5th working day of the month after.
 */
export const MI_RETURN_SCHEDULE = events.Schedule.cron({ minute: '5', hour: '0', day: '1' });
export const MI_RETURN_SCHEDULE_INPUT = { action: 'open-mi-return' } as const;

/**
 * Every Lambda function, each with exactly the permissions its catalogue entry names, and the dead-letter queue
 * for their asynchronous invocations (SES and EventBridge deliveries that failed every retry).
 */
export class FunctionsStack extends Stack {
  readonly functions: ReadonlyMap<FunctionId, lambda.IFunction>;
  readonly deadLetterQueue: sqs.Queue;
  readonly statusReportSchedule: events.Rule;
  readonly continuityCheckSchedule: events.Rule;
  readonly miReturnSchedule: events.Rule;

  constructor(scope: Construct, id: string, props: FunctionsStackProps) {
    super(scope, id, props);
    const { settings, names } = props;

    // The table and bucket by their fixed names: the grants' ARNs are then built in this stack, readable and
    // stable in the template and in the cdk-nag acknowledgements, instead of cross-stack output references.
    const casesTable = dynamodb.Table.fromTableAttributes(this, 'CasesTable', {
      tableName: names.casesTable,
      encryptionKey: props.dataKey,
      globalIndexes: [CASES_GSI],
    });
    const mailBucket = s3.Bucket.fromBucketName(this, 'MailBucket', names.mailBucket);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      queueName: names.deadLetterQueue,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This queue is the dead-letter queue of the functions and of the status schedule; a redrive policy to a ' +
        'further queue would only move the problem. Its depth is alarmed and operators redrive it by hand.',
    });

    // The state machines' ARNs come from their fixed names: the machines reference these functions, so a
    // reference back would be a cycle between the stacks.
    const stateMachineArns = props.workflows.map((workflow) =>
      this.formatArn({
        service: 'states',
        resource: 'stateMachine',
        resourceName: names.stateMachineName(workflow.stateMachineName),
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
    const configParameterArn = this.formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: settings.configParameterName.replace(/^\//, ''),
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const mailIdentityArn = this.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: settings.mailDomain,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });

    const environment: Record<string, string> = {
      CASES_TABLE_NAME: names.casesTable,
      MAIL_BUCKET_NAME: names.mailBucket,
      CONFIG_PARAMETER_NAME: settings.configParameterName,
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      LOG_LEVEL: 'INFO',
      WP_ENV: settings.envName,
    };
    props.workflows.forEach((workflow, i) => {
      environment[stateMachineArnVariable(workflow.id)] = stateMachineArns[i] as string;
    });

    const functions = new Map<FunctionId, lambda.IFunction>();
    for (const spec of functionCatalogue) {
      const fn = new WpFunction(this, pascal(spec.id), {
        functionName: names.functionName(spec.id),
        entry: path.join(props.functionsRoot, spec.id, 'index.ts'),
        description: spec.description,
        projectRoot: props.projectRoot,
        memorySize: spec.memorySize,
        timeout: Duration.seconds(spec.timeoutSeconds),
        environment: spec.readsConsoleSettings
          ? { ...environment, CONSOLE_PARAMETER_PREFIX: consoleParameterPrefix(settings.envName) }
          : environment,
        ...(spec.id === 'console' ? { afterBundling: copyConsoleAssets } : {}),
        deadLetterQueue: this.deadLetterQueue,
        logRetention: settings.logRetention,
        metafile: props.metafile ?? false,
      });
      this.grant(fn.role, spec, {
        casesTable,
        mailBucket,
        stateMachineArns,
        configParameterArn,
        mailIdentityArn,
        envName: settings.envName,
      });
      functions.set(spec.id, fn.function);
    }
    this.functions = functions;

    const statusReport = functions.get('status-report');
    if (statusReport === undefined) throw new Error('status-report is missing from the function catalogue');
    this.statusReportSchedule = new events.Rule(this, 'StatusReportSchedule', {
      description: 'Daily status run: gauges for the dashboard (reports due in 5 working days, open WPER3s)',
      schedule: STATUS_REPORT_SCHEDULE,
      targets: [
        new targets.LambdaFunction(statusReport, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 4,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });
    this.continuityCheckSchedule = new events.Rule(this, 'ContinuityCheckSchedule', {
      description: 'Hourly status run for the business continuity check (WPD emailed after 48 hours suspended)',
      schedule: CONTINUITY_CHECK_SCHEDULE,
      targets: [
        new targets.LambdaFunction(statusReport, {
          event: events.RuleTargetInput.fromObject(CONTINUITY_CHECK_INPUT),
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 2,
          maxEventAge: Duration.hours(1),
        }),
      ],
    });
    const staffAction = functions.get('staff-action');
    if (staffAction === undefined) throw new Error('staff-action is missing from the function catalogue');
    this.miReturnSchedule = new events.Rule(this, 'MiReturnSchedule', {
      description:
        'Monthly: open the Job Entry MI return case for the new month (memo 176; due the 5th working day after it)',
      schedule: MI_RETURN_SCHEDULE,
      targets: [
        new targets.LambdaFunction(staffAction, {
          event: events.RuleTargetInput.fromObject(MI_RETURN_SCHEDULE_INPUT),
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(12),
        }),
      ],
    });
  }

  private grant(
    role: iam.IRole,
    spec: FunctionSpec,
    ctx: {
      casesTable: dynamodb.ITable;
      mailBucket: s3.IBucket;
      stateMachineArns: string[];
      configParameterArn: string;
      mailIdentityArn: string;
      envName: string;
    },
  ): void {
    const acknowledge = (finding: string, reason: string) =>
      Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });

    acknowledge(
      'Resource::*',
      'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level ' +
        'permissions, so AWS requires "Resource": "*". No other action of this role has a "*" resource ' +
        '(asserted in test/infra/iam.test.ts).',
    );

    if (spec.table === 'readWrite') ctx.casesTable.grantReadWriteData(role);
    else ctx.casesTable.grantReadData(role);
    acknowledge(
      `Resource::${nagResourceName(this, ctx.casesTable.tableArn)}/index/*`,
      `CDK's table grant covers the table's indexes as <table>/index/*. The table has one index, ${CASES_GSI} ` +
        '(lookups by NINO and by stage / due date), so the wildcard covers exactly that index.',
    );
    if (spec.table === 'readWrite') {
      const reason =
        "CDK's grantReadWriteData on a table encrypted with a customer-managed key: DynamoDB uses the key on the " +
        "caller's behalf to read and write items (GenerateDataKey*, ReEncrypt*). The resource is that one key.";
      acknowledge('Action::kms:GenerateDataKey*', reason);
      acknowledge('Action::kms:ReEncrypt*', reason);
    }

    if (spec.mailBucket === 'readWrite') {
      // Read and put, no delete: the bucket's lifecycle rule removes objects after the retention period.
      ctx.mailBucket.grantRead(role);
      ctx.mailBucket.grantPut(role);
      const reason =
        "CDK's grantRead / grantPut on the one mail bucket: the function reads raw inbound messages and reads and " +
        'writes report copies (GetObject*, GetBucket*, List*, PutObject, Abort* for multipart uploads). ' +
        "The object keys are chosen by the SES message id and the case, so the grant is on the bucket's objects.";
      for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:Abort*']) {
        acknowledge(`Action::${action}`, reason);
      }
      acknowledge(`Resource::${nagResourceName(this, ctx.mailBucket.bucketArn)}/*`, reason);
    }

    if (spec.destroysInboundMail) {
      // Paras 46, 49: a form sent in error is destroyed for good, every version of its raw message. Only under
      // inbound/ (the SES receipt rule's prefix); no s3:DeleteObject, so nothing else can be removed or masked.
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ListInboundMailVersions',
          actions: ['s3:ListBucketVersions'],
          resources: [ctx.mailBucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${INBOUND_MAIL_PREFIX}*`] } },
        }),
      );
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'DestroyInboundMailVersions',
          actions: ['s3:DeleteObjectVersion'],
          resources: [ctx.mailBucket.arnForObjects(`${INBOUND_MAIL_PREFIX}*`)],
        }),
      );
      acknowledge(
        `Resource::${nagResourceName(this, ctx.mailBucket.bucketArn)}/${INBOUND_MAIL_PREFIX}*`,
        'destroy-inbound-message (CPA 18 ch.10 paras 46, 49) deletes every version of one raw inbound message, ' +
          'whose key SES chooses (inbound/<SES message id>): the grant is s3:DeleteObjectVersion on inbound/ ' +
          'objects only, no s3:DeleteObject, and which message is checked by the staff action.',
      );
    }

    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadProviderConfig',
        actions: ['ssm:GetParameter'],
        resources: [ctx.configParameterArn],
      }),
    );
    if (spec.readsConsoleSettings) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ReadConsoleSettings',
          actions: ['ssm:GetParameter'],
          resources: CONSOLE_PARAMETERS.map((name) =>
            this.formatArn({
              service: 'ssm',
              resource: 'parameter',
              resourceName: `${consoleParameterPrefix(ctx.envName).replace(/^\//, '')}/${name}`,
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          ),
        }),
      );
    }
    if (spec.sendsMail) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'SendMailFromVerifiedDomain',
          // SESv2 SendEmail with Content.Raw is authorised as ses:SendRawEmail; Simple content as ses:SendEmail.
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [ctx.mailIdentityArn],
        }),
      );
    }
    if (ctx.stateMachineArns.length > 0 && spec.completesTasks) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'CompleteWorkflowTasks',
          actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          resources: ctx.stateMachineArns,
        }),
      );
    }
    if (ctx.stateMachineArns.length > 0 && spec.startsExecutions) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'StartWorkflowExecutions',
          actions: ['states:StartExecution'],
          resources: ctx.stateMachineArns,
        }),
      );
    }
  }
}
