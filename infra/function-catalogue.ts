/**
 * Every Lambda function the system deploys, what it is for and exactly what it may touch. One table, so a
 * review of "who can do what" reads one file and the IAM tests can compare the template with it.
 */
export type FunctionId =
  | 'inbound-mail'
  | 'exit-report-step'
  | 'status-report'
  | 'staff-action'
  | 'information-session-step'
  | 'compliance-step'
  | 'mi-return-step'
  | 'console';

export interface FunctionSpec {
  readonly id: FunctionId;
  readonly description: string;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  /** How it is invoked: asynchronous invocations retry twice and then go to the dead-letter queue. */
  readonly invokedBy: string;
  readonly table: 'read' | 'readWrite';
  readonly mailBucket?: 'readWrite';
  /** sesv2 SendEmail (raw) from the verified mail domain identity. */
  readonly sendsMail?: true;
  /** states:SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat on the workflow state machines. */
  readonly completesTasks?: true;
  /** states:StartExecution on the workflow state machines. */
  readonly startsExecutions?: true;
  /**
   * s3:ListBucketVersions (inbound/ only) and s3:DeleteObjectVersion on inbound/* of the mail bucket: the staff
   * action destroy-inbound-message deletes every version of a form sent in error (paras 46, 49). No other delete.
   */
  readonly destroysInboundMail?: true;
  /** ssm:GetParameter on the console's own parameters (session key, user pool, app client, login domain). */
  readonly readsConsoleSettings?: true;
}

export const functionCatalogue: readonly FunctionSpec[] = [
  {
    id: 'inbound-mail',
    description: 'Reads each raw inbound message from S3, checks and records it, signals the workflows',
    memorySize: 1024, // MIME and XLSX parsing: more memory is also more CPU
    timeoutSeconds: 120,
    invokedBy: 'SES receipt rule Lambda action (Event, asynchronous)',
    table: 'readWrite',
    mailBucket: 'readWrite',
    sendsMail: true,
    // Delivers events to cases: wakes a waiting execution, or starts one for a case that had closed.
    completesTasks: true,
    startsExecutions: true,
  },
  {
    id: 'exit-report-step',
    description: 'The Exit Report workflow: planning, business steps (reports checked and sent), callback tokens',
    memorySize: 512,
    timeoutSeconds: 60,
    invokedBy: 'Step Functions lambda:invoke and lambda:invoke.waitForTaskToken (synchronous)',
    table: 'readWrite',
    mailBucket: 'readWrite',
    sendsMail: true,
    // An event that arrived between planning and the callback task completes the task at once (SendTaskSuccess).
    completesTasks: true,
  },
  {
    id: 'status-report',
    description: 'Gauges (due in 5 working days, open WPER3s); emails WPD once email is suspended 48 hours',
    memorySize: 512,
    timeoutSeconds: 300,
    invokedBy: 'EventBridge schedules: daily 06:00 UTC, and hourly for the continuity check (asynchronous)',
    // Business continuity (paras 85-89): it records that Work Programme Division was told, and tells it by email.
    table: 'readWrite',
    sendsMail: true,
  },
  {
    id: 'staff-action',
    description: 'Referrals, staff confirmations ("report sent" for SCR), early completion, restart from records',
    memorySize: 512,
    // restart-open-cases starts one execution per open case: thousands of StartExecution calls.
    timeoutSeconds: 900,
    invokedBy: 'operators: aws lambda invoke (synchronous)',
    table: 'readWrite',
    // Suspending or resuming email (business continuity) notifies staff by email.
    sendsMail: true,
    completesTasks: true,
    // A referral starts a case's first execution; restart-open-cases starts one per open case.
    startsExecutions: true,
    // destroy-inbound-message (paras 46, 49): every S3 version of a form sent in error.
    destroysInboundMail: true,
  },
  {
    id: 'information-session-step',
    description: 'The Information Session workflow: planning, business steps, callback tokens, staff notices',
    memorySize: 512,
    timeoutSeconds: 60,
    invokedBy: 'Step Functions lambda:invoke and lambda:invoke.waitForTaskToken (synchronous)',
    table: 'readWrite',
    sendsMail: true,
    // An event that arrived between planning and the callback task completes the task at once.
    completesTasks: true,
  },
  {
    id: 'compliance-step',
    description: 'The compliance handover workflow (memo 147): planning, business steps, callback tokens, notices',
    memorySize: 512,
    timeoutSeconds: 60,
    invokedBy: 'Step Functions lambda:invoke and lambda:invoke.waitForTaskToken (synchronous)',
    table: 'readWrite',
    sendsMail: true,
    completesTasks: true,
  },
  {
    id: 'mi-return-step',
    description: 'The monthly Job Entry MI return (memo 176): reminders, workbook built, checked and emailed, alerts',
    // Building and checking the workbook (write-excel-file, read back by adapters/mail-reading/xlsx.ts) over every month since April 2013.
    memorySize: 1024,
    timeoutSeconds: 120,
    invokedBy: 'Step Functions lambda:invoke and lambda:invoke.waitForTaskToken (synchronous)',
    table: 'readWrite',
    sendsMail: true,
    completesTasks: true,
  },
  {
    id: 'console',
    description:
      'The staff console (issue 16): pages and forms behind the HTTP API, staff actions as the signed-in user',
    // Server-rendered pages: more memory is more CPU, a shorter cold start and page time.
    memorySize: 1024,
    timeoutSeconds: 30,
    invokedBy: 'API Gateway HTTP API (synchronous), from staff browsers signed in through Cognito',
    table: 'readWrite',
    // The console runs the staff actions: the same rights as the staff-action function, no more.
    sendsMail: true,
    completesTasks: true,
    startsExecutions: true,
    destroysInboundMail: true,
    readsConsoleSettings: true,
  },
];
