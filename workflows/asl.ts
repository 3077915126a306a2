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

/**
 * When the retries above are spent on an outage (storage, mail or Lambda unavailable for minutes), the execution
 * does not fail and leave its case without a driver: it pauses and plans again from the record, as long as the
 * outage lasts. Errors that are not transient (a bug, bad input) still fail the execution, for the
 * failed-executions queue and its alarm.
 */
export const OUTAGE_PAUSE_STATE = 'PauseAfterOutage';
export const OUTAGE_CATCH = {
  ErrorEquals: [
    'StorageUnavailable',
    'MailUnavailable',
    'CaseVersionConflict',
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  ResultPath: null,
  Next: OUTAGE_PAUSE_STATE,
};

/** The execution's state after any planning step: the case, the execution's generation, what to do next. */
export const NEXT_PLAN_SELECTOR = {
  'caseId.$': '$.Payload.caseId',
  'generation.$': '$.Payload.generation',
  'handOver.$': '$.Payload.handOver',
  'plan.$': '$.Payload.plan',
};

/** A Task invoking the function behind `${placeholder}` (through `resource`) with `payload`: the head of every Lambda task. */
function lambdaTask(
  resource: string,
  functionArnPlaceholder: string,
  comment: string,
  payload: Record<string, string>,
): AslState {
  return {
    Type: 'Task',
    Comment: comment,
    Resource: resource,
    Parameters: { FunctionName: `\${${functionArnPlaceholder}}`, Payload: payload },
  };
}

/**
 * A synchronous business step: invoke the process step function with an action. It answers with the next plan,
 * computed from the record it has just written, so the workflow routes on without reading the record again.
 * (No ResultPath: AWS's default "$" replaces the state with the selected result; aws-local-stepfunctions 3.0.0
 * mistakes an explicit "$" for a key named "$", and the default means the same on both.)
 */
export function caseStep(functionArnPlaceholder: string, action: string, next: string, comment: string): AslState {
  return {
    ...lambdaTask('arn:aws:states:::lambda:invoke', functionArnPlaceholder, comment, {
      action,
      'caseId.$': '$.caseId',
      'generation.$': '$.generation',
      'plan.$': '$.plan',
      'executionStartedAt.$': '$$.Execution.StartTime',
    }),
    ResultSelector: NEXT_PLAN_SELECTOR,
    Retry: [LAMBDA_SERVICE_RETRY, CASE_CONFLICT_RETRY],
    Catch: [OUTAGE_CATCH],
    Next: next,
  };
}

/**
 * Waiting for an event or a deadline, the one pattern everywhere: a callback task whose token the step function
 * function stores on the case record, with the seconds to the next deadline as its timeout. Either way (an
 * event's SendTaskSuccess or States.Timeout) the workflow goes back to planning from the record.
 */
export function awaitEvent(
  functionArnPlaceholder: string,
  next: string,
  comment: string,
  /** Constant fields for the function (a process's step function takes `action: 'await'`). */
  extra: Record<string, string> = {},
): AslState {
  return {
    ...lambdaTask('arn:aws:states:::lambda:invoke.waitForTaskToken', functionArnPlaceholder, comment, {
      ...extra,
      'caseId.$': '$.caseId',
      'awaiting.$': '$.plan.awaiting',
      'until.$': '$.plan.until',
      'taskToken.$': '$$.Task.Token',
    }),
    TimeoutSecondsPath: '$.plan.timeoutSeconds',
    ResultPath: null,
    Retry: [LAMBDA_SERVICE_RETRY, CASE_CONFLICT_RETRY],
    Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: null, Next: next }, OUTAGE_CATCH],
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

/**
 * Continue-as-new: a Standard execution lives at most one year, so before then it starts a fresh execution of its
 * own machine from the case record and ends. The name and generation come from the planning step (no arithmetic
 * in the definition): <case>-g<generation + 1>.
 */
export function handOverStates(): Record<string, AslState> {
  return {
    ContinueAsNew: {
      Type: 'Task',
      Comment:
        'A Standard execution lives at most one year: start a fresh execution of this machine from the case record and end this one.',
      Resource: 'arn:aws:states:::states:startExecution',
      Parameters: {
        'StateMachineArn.$': '$$.StateMachine.Id',
        'Name.$': '$.handOver.name',
        Input: {
          'caseId.$': '$.caseId',
          'generation.$': '$.handOver.generation',
          'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id',
        },
      },
      ResultPath: null,
      Retry: [
        {
          ErrorEquals: ['StepFunctions.SdkClientException', 'StepFunctions.ExecutionLimitExceededException'],
          IntervalSeconds: 2,
          MaxAttempts: 6,
          BackoffRate: 2,
          JitterStrategy: 'FULL',
        },
      ],
      Next: 'HandedOver',
    },
    HandedOver: { Type: 'Succeed', Comment: 'A fresh execution carries the case on.' },
  };
}

/**
 * PlanNextStep (read the record, decide) and the Choice on its answer: the head every lifecycle definition shares.
 * It routes to RouteEvent, RouteTimer, RouteAwait, ContinueAsNew and CaseClosed, which each definition names.
 */
export function planningStates(functionArnPlaceholder: string): Record<string, AslState> {
  return {
    PlanNextStep: {
      ...lambdaTask(
        'arn:aws:states:::lambda:invoke',
        functionArnPlaceholder,
        'Read the case record and decide the next step (pure domain rules, Europe/London calendar).',
        {
          action: 'plan',
          'caseId.$': '$.caseId',
          'generation.$': '$.generation',
          'executionStartedAt.$': '$$.Execution.StartTime',
        },
      ),
      ResultSelector: NEXT_PLAN_SELECTOR,
      Retry: [LAMBDA_SERVICE_RETRY, CASE_CONFLICT_RETRY],
      Catch: [OUTAGE_CATCH],
      Next: 'RouteNextStep',
    },
    [OUTAGE_PAUSE_STATE]: {
      Type: 'Wait',
      Comment: 'Retries spent on an outage: wait five minutes, then plan again from the record.',
      Seconds: 300,
      Next: 'PlanNextStep',
    },
    RouteNextStep: choiceOn(
      '$.plan.next',
      {
        'record-event': 'RouteEvent',
        'timer-due': 'RouteTimer',
        await: 'RouteAwait',
        'continue-as-new': 'ContinueAsNew',
        end: 'CaseClosed',
      },
      'UnknownPlan',
    ),
  };
}

/** A named business state of a lifecycle: which event route, timer kind or awaited thing it handles, and why. */
export interface NamedState {
  state: string;
  comment: string;
}

export interface LifecycleWorkflowOptions {
  id: string;
  stateMachineName: string;
  comment: string;
  /** Event route (plan.route) → the business state recording it; the `flag` route is every lifecycle's own. */
  events: Record<string, NamedState>;
  /** Timer kind (plan.timer.kind) → the business state acting on it. */
  timers: Record<string, NamedState>;
  /** What the case awaits (plan.awaiting) → the callback state waiting for it. */
  awaits: Record<string, NamedState>;
  closedComment: string;
}

const PROCESS_STEP = 'ProcessStepFunctionArn';

/** The route every lifecycle ends its events with: what does not fit the stage is flagged, never dropped. */
const FLAG_UNEXPECTED_EVENT: NamedState = {
  state: 'FlagUnexpectedEvent',
  comment: 'An event that does not fit the stage: flagged, never dropped.',
};

/**
 * The shape every lifecycle shares, with one function (`<id>-step`) for planning, every
 * business step and the callback task: PlanNextStep reads the record and answers record-event / timer-due /
 * await / continue-as-new / end; each named business state applies its step and answers the same way. The state
 * names are the process's own, so an execution's history reads in the language of the guidance.
 */
export function lifecycleWorkflow(o: LifecycleWorkflowOptions): WorkflowSpec {
  const events = { ...o.events, flag: o.events.flag ?? FLAG_UNEXPECTED_EVENT };
  const states: Record<string, AslState> = {
    ...planningStates(PROCESS_STEP),
    RouteEvent: choiceOn('$.plan.route', routesOf(events), 'UnknownPlan'),
    RouteTimer: choiceOn('$.plan.timer.kind', routesOf(o.timers), 'UnknownPlan'),
    RouteAwait: choiceOn('$.plan.awaiting', routesOf(o.awaits), 'UnknownPlan'),
  };
  for (const named of [...Object.values(events), ...Object.values(o.timers)]) {
    states[named.state] ??= caseStep(PROCESS_STEP, 'step', 'RouteNextStep', named.comment);
  }
  for (const named of Object.values(o.awaits)) {
    states[named.state] ??= awaitEvent(PROCESS_STEP, 'PlanNextStep', named.comment, { action: 'await' });
  }
  Object.assign(states, handOverStates(), {
    CaseClosed: { Type: 'Succeed', Comment: o.closedComment },
    UnknownPlan: {
      Type: 'Fail',
      Error: 'UnknownPlan',
      Cause: 'The planner answered with a step this definition does not know.',
    },
  });
  return {
    id: o.id,
    stateMachineName: o.stateMachineName,
    definition: { Comment: o.comment, StartAt: 'PlanNextStep', States: states },
    substitutions: { [PROCESS_STEP]: `${o.id}-step` },
  };
}

function routesOf(named: Record<string, NamedState>): Record<string, string> {
  return Object.fromEntries(Object.entries(named).map(([key, n]) => [key, n.state]));
}
