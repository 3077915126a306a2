import { Aws } from 'aws-cdk-lib';

/**
 * Fixed physical names. Names are fixed (not generated) where something must know an ARN before the resource
 * exists — the state machines that restart themselves, the functions that signal them, the SES policies that name
 * the receipt rule — and where operators type them (`aws lambda invoke --function-name wp-prod-staff-action`).
 */
export interface ResourceNames {
  readonly prefix: string;
  readonly stack: (part: string) => string;
  readonly functionName: (functionId: string) => string;
  readonly stateMachineName: (workflowStateMachineName: string) => string;
  readonly casesTable: string;
  /** Bucket names are global: the account and region (CloudFormation pseudo parameters) make this one unique. */
  readonly mailBucket: string;
  readonly accessLogsBucket: string;
  readonly receiptRuleSet: string;
  readonly receiptRule: string;
  readonly deadLetterQueue: string;
  readonly failedExecutionsQueue: string;
  readonly alarmTopic: string;
  readonly dashboard: string;
  readonly alarm: (part: string) => string;
}

export function resourceNames(envName: string): ResourceNames {
  const prefix = `wp-${envName}`;
  return {
    prefix,
    stack: (part) => `${prefix}-${part}`,
    functionName: (functionId) => `${prefix}-${functionId}`,
    // The workflow module names its machine (`wp-exit-report`); the deployment name keeps environments apart.
    stateMachineName: (workflowStateMachineName) => `${workflowStateMachineName}-${envName}`,
    casesTable: `${prefix}-cases`,
    mailBucket: `${prefix}-mail-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
    accessLogsBucket: `${prefix}-access-logs-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
    receiptRuleSet: `${prefix}-inbound`,
    receiptRule: `${prefix}-inbound-mail`,
    deadLetterQueue: `${prefix}-dead-letters`,
    failedExecutionsQueue: `${prefix}-failed-executions`,
    alarmTopic: `${prefix}-alarms`,
    dashboard: `${prefix}-operations`,
    alarm: (part) => `${prefix}-${part}`,
  };
}

/** `exit-report` → `EXIT_REPORT_STATE_MACHINE_ARN`: the environment variable a handler reads. */
export function stateMachineArnVariable(workflowId: string): string {
  return `${workflowId.toUpperCase().replaceAll('-', '_')}_STATE_MACHINE_ARN`;
}

/** `inbound-mail` → `InboundMail`: construct ids (and so logical ids) from kebab-case ids. */
export function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_match, _sep, c: string) => c.toUpperCase());
}
