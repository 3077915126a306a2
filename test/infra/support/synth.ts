import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { WorkflowSpec } from '../../../infra/workflow-spec.ts';
import { buildWpApp, type WpApp } from '../../../infra/wp-app.ts';
import { workflows as realWorkflows } from '../../../workflows/index.ts';

export interface SynthesizedWpApp {
  readonly wp: WpApp;
  readonly outdir: string;
  readonly storage: Template;
  readonly functions: Template;
  readonly workflows: Template;
  readonly mail: Template;
  readonly observability: Template;
  readonly console: Template;
  /** Every template, for properties that must hold wherever a resource is. */
  readonly all: readonly Template[];
}

export interface SynthOptions {
  readonly context?: Record<string, unknown>;
  readonly workflows?: readonly WorkflowSpec[];
  /** Run cdk-nag (and CDK's own template validation) during synth: on in the nag test, off elsewhere for speed. */
  readonly nag?: boolean;
  /** Bundle the functions with esbuild (slow); template tests leave it off. */
  readonly bundle?: boolean;
}

/** Context a typical deployment would pass, so the optional parts (alarm email) are in the templates too. */
export const TEST_CONTEXT = {
  env: 'test',
  mailDomain: 'wp.provider.example',
  recipients: 'exit-reports@wp.provider.example,submit-exit-report@wp.provider.example',
  alarmEmail: 'wp-operations@provider.example',
};

/** Builds and synthesizes the whole app once; a test file shares the result across its tests. */
export function synthWpApp(options: SynthOptions = {}): SynthesizedWpApp {
  const outdir = mkdtempSync(path.join(tmpdir(), 'wp-infra-test-'));
  const wp = buildWpApp({
    workflows: options.workflows ?? realWorkflows,
    nag: options.nag ?? false,
    appProps: {
      outdir,
      // Template tests read properties; CDK's own template validation, stack traces and the tree only cost time
      // there. The nag test keeps them, as `cdk synth` does.
      ...(options.nag ? {} : { builtinCloudFormationValidation: false, stackTraces: false, treeMetadata: false }),
      context: {
        ...TEST_CONTEXT,
        ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
        ...options.context,
      },
    },
  });
  const assembly = wp.app.synth();
  const template = (stackName: string) => Template.fromJSON(assembly.getStackByName(stackName).template);
  const storage = template(wp.storage.stackName);
  const functions = template(wp.functions.stackName);
  const workflows = template(wp.workflows.stackName);
  const mail = template(wp.mail.stackName);
  const observability = template(wp.observability.stackName);
  const console = template(wp.console.stackName);
  return {
    wp,
    outdir,
    storage,
    functions,
    workflows,
    mail,
    observability,
    console,
    all: [storage, functions, workflows, mail, observability, console],
  };
}

/** Resources of one type in a template, by logical id. */
export function resourcesOf(template: Template, type: string): Array<[string, Record<string, unknown>]> {
  return Object.entries(template.findResources(type)).map(([id, resource]) => [
    id,
    (resource as { Properties?: Record<string, unknown> }).Properties ?? {},
  ]);
}

/**
 * A CloudFormation value with its intrinsics rendered as readable text: Ref → `${Name}`, GetAtt → `${Id.Attr}`,
 * Join → concatenation, GetStackOutput → `${output:Name}`. Lets a test compare ARNs and parse JSON bodies.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return `\${${v.Ref}}`;
  if (Array.isArray(v['Fn::GetAtt'])) return `\${${(v['Fn::GetAtt'] as string[]).join('.')}}`;
  if (Array.isArray(v['Fn::Join'])) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(sep);
  }
  const output = v['Fn::GetStackOutput'] as { OutputName?: string } | undefined;
  if (output?.OutputName) return `\${output:${output.OutputName}}`;
  return JSON.stringify(value);
}

/**
 * Follows a cross-stack reference (Fn::GetStackOutput) to the value the producing stack publishes, e.g. the
 * `{ "Fn::GetAtt": ["CaseStepFunction…", "Arn"] }` behind a state machine's substitution.
 */
export function followOutput(synth: SynthesizedWpApp, value: unknown): unknown {
  const ref = (value as { 'Fn::GetStackOutput'?: { StackName: string; OutputName: string } })['Fn::GetStackOutput'];
  if (ref === undefined) return value;
  const byName = new Map<string, Template>([
    [synth.wp.storage.stackName, synth.storage],
    [synth.wp.functions.stackName, synth.functions],
    [synth.wp.workflows.stackName, synth.workflows],
    [synth.wp.mail.stackName, synth.mail],
    [synth.wp.observability.stackName, synth.observability],
  ]);
  const producer = byName.get(ref.StackName);
  const output = producer?.toJSON().Outputs?.[ref.OutputName] as { Value?: unknown } | undefined;
  if (output === undefined) throw new Error(`No output ${ref.OutputName} in ${ref.StackName}`);
  return output.Value;
}
