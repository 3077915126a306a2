import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Lets an ES module bundle load CommonJS dependencies that call `require` (esbuild leaves those calls as they are).
 * Single quotes only: CDK passes the banner to esbuild through a shell command line.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __wpCreateRequire } from 'node:module'; const require = __wpCreateRequire(import.meta.url);";

/** The runtime every function uses. Lambda's newest Node.js is 24; the project targets and tests Node 22. */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_22_X;

export interface WpFunctionProps {
  /** Physical name, e.g. `wp-prod-inbound-mail`. */
  readonly functionName: string;
  /** The handler module, `functions/<id>/index.ts`, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  /** The repository root (holds package-lock.json); esbuild resolves modules from here. */
  readonly projectRoot: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  /** Where asynchronous invocations go after their retries fail. */
  readonly deadLetterQueue: sqs.IQueue;
  readonly logRetention: logs.RetentionDays;
  /** Write esbuild's metafile beside the bundle (the bench uses it to say what makes a bundle large). */
  readonly metafile?: boolean;
  /** Shell commands run after esbuild, e.g. copying static files into the bundle (the console's assets). */
  readonly afterBundling?: (inputDir: string, outputDir: string) => string[];
}

/**
 * One Lambda function with the project defaults: Node 22 on arm64, bundled by the local esbuild into a minified
 * ES module with source maps, its own log group with a retention period, X-Ray active tracing, Powertools settings
 * in the environment, a dead-letter queue for asynchronous invocations, and a role that may write only to its own
 * log group (no AWS managed policy, no `logs:*` on `*`). Callers add permissions with `grant*()` on `role`.
 */
export class WpFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WpFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.functionName}`,
    });
    // Lambda creates the stream and writes events; the group already exists, so no logs:CreateLogGroup.
    this.logGroup.grantWrite(this.role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      deadLetterQueue: props.deadLetterQueue,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourceMapMode: nodejs.SourceMapMode.DEFAULT,
        sourcesContent: false,
        banner: ESM_REQUIRE_BANNER,
        metafile: props.metafile ?? false,
        logLevel: nodejs.LogLevel.WARNING,
        ...(props.afterBundling
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: props.afterBundling,
              },
            }
          : {}),
      },
    });

    const reason =
      'Node.js 22 is the runtime this project builds (esbuild target node22), tests and supports (Node.js 22 LTS ' +
      'is supported until April 2027). Moving to Node.js 24 is a deliberate upgrade with its own test run, not a template default.';
    Validations.of(this.function).acknowledge(
      { id: 'AwsSolutions-L1', reason },
      { id: 'Serverless-LambdaLatestVersion', reason },
    );
  }
}
