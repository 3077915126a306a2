/**
 * Small builders for Amazon States Language (JSONPath) fragments shared by the workflows. They produce plain
 * JSON: the definition CDK deploys and the local runtime executes is the object these return, nothing else.
 */
export type AslState = Record<string, unknown>;
export type AslDefinition = { Comment?: string; StartAt: string; States: Record<string, AslState> };

export interface WorkflowSpec {
  /** Short id, e.g. 'exit-report'. */
  id: string;
  /** Fixed state machine name, so the machine can grant itself states:StartExecution without a cycle. */
  stateMachineName: string;
  definition: AslDefinition;
  /** ${Placeholder} in the definition → the function id whose ARN replaces it (CDK definitionSubstitutions). */
  substitutions: Record<string, string>;
}

/** Lambda service errors worth retrying, with backoff and full jitter (AWS's recommended set). */
export const LAMBDA_SERVICE_RETRY = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
  MaxDelaySeconds: 60,
  JitterStrategy: 'FULL',
};

/**
 * A write that lost an optimistic-lock race re-reads and tries again; storage or mail briefly unavailable is
 * tried again with backoff and jitter.
 */
export const CASE_CONFLICT_RETRY = {
  ErrorEquals: ['CaseVersionConflict', 'StorageUnavailable', 'MailUnavailable'],
  IntervalSeconds: 1,
  MaxAttempts: 8,
  BackoffRate: 2,
  MaxDelaySeconds: 30,
  JitterStrategy: 'FULL',
};

/** The execution's state after any planning step: the case, the execution's generation, what to do next. */
export const NEXT_PLAN_SELECTOR = {
  'caseId.$': '$.Payload.caseId',
  'generation.$': '$.Payload.generation',
  'handOver.$': '$.Payload.handOver',
  'plan.$': '$.Payload.plan',
};

/**
 * A synchronous business step: invoke the case-step function with an action. It answers with the next plan,
 * computed from the record it has just written, so the workflow routes on without reading the record again.
 * (No ResultPath: AWS's default "$" replaces the state with the selected result; aws-local-stepfunctions 3.0.0
 * mistakes an explicit "$" for a key named "$", and the default means the same on both.)
 */
export function caseStep(functionArnPlaceholder: string, action: string, next: string, comment: string): AslState {
  return {
    Type: 'Task',
    Comment: comment,
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: {
      FunctionName: `\${${functionArnPlaceholder}}`,
      Payload: {
        action,
        'caseId.$': '$.caseId',
        'generation.$': '$.generation',
        'plan.$': '$.plan',
        'executionStartedAt.$': '$$.Execution.StartTime',
      },
    },
    ResultSelector: NEXT_PLAN_SELECTOR,
    Retry: [LAMBDA_SERVICE_RETRY, CASE_CONFLICT_RETRY],
    Next: next,
  };
}

/**
 * Waiting for an event or a deadline, the one pattern everywhere: a callback task whose token the await-event
 * function stores on the case record, with the seconds to the next deadline as its timeout. Either way (an
 * event's SendTaskSuccess or States.Timeout) the workflow goes back to planning from the record.
 */
export function awaitEvent(functionArnPlaceholder: string, next: string, comment: string): AslState {
  return {
    Type: 'Task',
    Comment: comment,
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: {
      FunctionName: `\${${functionArnPlaceholder}}`,
      Payload: {
        'caseId.$': '$.caseId',
        'awaiting.$': '$.plan.awaiting',
        'until.$': '$.plan.until',
        'taskToken.$': '$$.Task.Token',
      },
    },
    TimeoutSecondsPath: '$.plan.timeoutSeconds',
    ResultPath: null,
    Retry: [LAMBDA_SERVICE_RETRY, CASE_CONFLICT_RETRY],
    Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: null, Next: next }],
    Next: next,
  };
}

/** A Choice on one string field. */
export function choiceOn(variable: string, routes: Record<string, string>, defaultState: string): AslState {
  return {
    Type: 'Choice',
    Choices: Object.entries(routes).map(([value, next]) => ({ Variable: variable, StringEquals: value, Next: next })),
    Default: defaultState,
  };
}
