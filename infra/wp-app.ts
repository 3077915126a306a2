import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type AppProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { resourceNames } from './names.ts';
import { readSettings, type WpSettings } from './settings.ts';
import { ConsoleStack } from './stacks/console-stack.ts';
import { FunctionsStack } from './stacks/functions-stack.ts';
import { MailStack } from './stacks/mail-stack.ts';
import { ObservabilityStack } from './stacks/observability-stack.ts';
import { StorageStack } from './stacks/storage-stack.ts';
import { WorkflowsStack } from './stacks/workflows-stack.ts';
import type { WorkflowSpec } from './workflow-spec.ts';

/** The repository root: package-lock.json, node_modules, functions/. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface WpAppOptions {
  /** The workflow modules to deploy: `workflows` from workflows/index.ts. */
  readonly workflows: readonly WorkflowSpec[];
  /** Folder of `<function id>/index.ts` handlers; default `<repo>/functions`. */
  readonly functionsRoot?: string;
  /** Passed to `new App()`: outdir, context (e.g. `aws:cdk:bundling-stacks: []` to skip bundling in tests). */
  readonly appProps?: AppProps;
  /** Run the cdk-nag AwsSolutions and Serverless packs at synth (default true). */
  readonly nag?: boolean;
  /** Ask esbuild for a metafile beside each bundle (the bench reads it). */
  readonly metafile?: boolean;
}

export interface WpApp {
  readonly app: App;
  readonly settings: WpSettings;
  readonly storage: StorageStack;
  readonly functions: FunctionsStack;
  readonly workflows: WorkflowsStack;
  readonly mail: MailStack;
  readonly observability: ObservabilityStack;
  readonly console: ConsoleStack;
}

/**
 * The whole deployment: five environment-agnostic stacks (storage, functions, workflows, mail, observability),
 * checked by cdk-nag when synthesized. The CLI entry (infra/app.ts), the tests and the bench all build it here.
 */
export function buildWpApp(options: WpAppOptions): WpApp {
  // cdk.json's context (the feature flags) as defaults: the CLI passes it itself, a test or the bench would not.
  const app = new App({
    ...options.appProps,
    context: { ...cdkJsonContext(), ...options.appProps?.context },
  });
  const settings = readSettings(app.node);
  const names = resourceNames(settings.envName);
  const common = { settings, names };

  const storage = new StorageStack(app, names.stack('storage'), {
    ...common,
    description: 'wp-orchestrator: case table (KMS), mail bucket (3-month retention), access logs',
    terminationProtection: true,
  });
  const functions = new FunctionsStack(app, names.stack('functions'), {
    ...common,
    description: 'wp-orchestrator: Lambda handlers, dead-letter queue, daily status run',
    dataKey: storage.dataKey,
    workflows: options.workflows,
    functionsRoot: options.functionsRoot ?? path.join(PROJECT_ROOT, 'functions'),
    projectRoot: PROJECT_ROOT,
    metafile: options.metafile ?? false,
  });
  const workflows = new WorkflowsStack(app, names.stack('workflows'), {
    ...common,
    description: 'wp-orchestrator: Step Functions state machines from workflows/, failed-executions queue',
    workflows: options.workflows,
    functions: functions.functions,
  });
  const mail = new MailStack(app, names.stack('mail'), {
    ...common,
    description: 'wp-orchestrator: SES receipt rule set (S3 then Lambda); activate it after deploying',
    inboundMail: mustGet(functions.functions, 'inbound-mail'),
  });
  const observability = new ObservabilityStack(app, names.stack('observability'), {
    ...common,
    description: 'wp-orchestrator: CloudWatch dashboard and alarms to an encrypted SNS topic',
    functions: functions.functions,
    stateMachines: workflows.stateMachines,
    deadLetterQueue: functions.deadLetterQueue,
    failedExecutionsQueue: workflows.failedExecutionsQueue,
    failedExecutionsRule: workflows.failedExecutionsRule,
  });

  const consoleStack = new ConsoleStack(app, names.stack('console'), {
    ...common,
    description: 'wp-orchestrator: staff console (HTTP API, Cognito user pool with a group per role, MFA required)',
    consoleFunction: mustGet(functions.functions, 'console'),
  });

  // Resources are named, not referenced, across these stacks: the order must be said.
  functions.addStackDependency(storage);
  mail.addStackDependency(storage, 'SES checks the bucket policy when it creates the receipt rule');

  Tags.of(app).add('application', 'wp-orchestrator');
  Tags.of(app).add('environment', settings.envName);

  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  }
  return { app, settings, storage, functions, workflows, mail, observability, console: consoleStack };
}

function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`${String(key)} is not deployed`);
  return value;
}
