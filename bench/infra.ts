import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type FunctionId, functionCatalogue } from '../infra/function-catalogue.ts';
import type { WorkflowSpec } from '../infra/workflow-spec.ts';
import { buildWpApp, PROJECT_ROOT } from '../infra/wp-app.ts';
import type { BenchRow } from './types.ts';

export interface BenchInfraOptions {
  /** Default: `workflows` from workflows/index.ts. */
  readonly workflows?: readonly WorkflowSpec[];
  /** Default: `<repo>/functions`. */
  readonly functionsRoot?: string;
  /** Keep the temporary cloud assembly (its path is in the synth row's note). */
  readonly keepOutput?: boolean;
}

/** The target issue 5 sets: every function under 1 MB minified. */
export const BUNDLE_BUDGET_BYTES = 1024 * 1024;

/**
 * Synthesizes the whole app as `cdk synth` does — esbuild bundling of every function, cdk-nag, CDK's template
 * validation — into a temporary cloud assembly, and reports the time it took and each function's minified bundle
 * (the `index.mjs` Lambda runs; its source map is separate and not loaded unless an error is mapped), with the
 * packages that make up most of the largest one, read from esbuild's metafile.
 */
export async function benchInfra(options: BenchInfraOptions = {}): Promise<BenchRow[]> {
  const workflows = options.workflows ?? (await import('../workflows/index.ts')).workflows;
  const outdir = mkdtempSync(path.join(tmpdir(), 'wp-bench-cdk-'));
  try {
    const started = performance.now();
    const wp = buildWpApp({
      workflows,
      metafile: true,
      appProps: { outdir },
      ...(options.functionsRoot === undefined ? {} : { functionsRoot: options.functionsRoot }),
    });
    const assembly = wp.app.synth();
    const synthMs = performance.now() - started;

    const template = assembly.getStackByName(wp.functions.stackName).template as {
      Resources: Record<string, { Type: string; Properties: { FunctionName?: string; Code?: { S3Key?: string } } }>;
    };
    const bundles = functionCatalogue.map((spec) => bundleOf(spec.id, template, outdir, wp.settings.envName));
    const largest = [...bundles].sort((a, b) => b.bytes - a.bytes)[0];

    const rows: BenchRow[] = [
      {
        measure: 'infra.synth',
        value: Math.round(synthMs),
        unit: 'ms',
        note:
          `cdk synth in-process: ${bundles.length} functions bundled by esbuild, 5 stacks, cdk-nag AwsSolutions + ` +
          `Serverless, CDK template validation${options.keepOutput ? `; assembly in ${outdir}` : ''}`,
      },
    ];
    for (const b of bundles) {
      rows.push({
        measure: `infra.bundle.${b.id}`,
        value: b.bytes,
        unit: 'bytes',
        note:
          `${kib(b.bytes)} minified ESM (${b.bytes <= BUNDLE_BUDGET_BYTES ? 'within' : 'OVER'} the 1 MiB budget); ` +
          `source map ${kib(b.mapBytes)}; largest inputs: ${b.top}`,
      });
    }
    if (largest !== undefined) {
      rows.push({
        measure: 'infra.bundle.largest',
        value: largest.bytes,
        unit: 'bytes',
        note: `${largest.id}: ${largest.top}`,
      });
    }
    return rows;
  } finally {
    if (!options.keepOutput) rmSync(outdir, { recursive: true, force: true });
  }
}

interface Bundle {
  id: FunctionId;
  bytes: number;
  mapBytes: number;
  top: string;
}

function bundleOf(
  id: FunctionId,
  template: {
    Resources: Record<string, { Type: string; Properties: { FunctionName?: string; Code?: { S3Key?: string } } }>;
  },
  outdir: string,
  envName: string,
): Bundle {
  const fn = Object.values(template.Resources).find(
    (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === `wp-${envName}-${id}`,
  );
  const hash = fn?.Properties.Code?.S3Key?.replace(/\.zip$/, '');
  const dir = path.join(outdir, `asset.${hash}`);
  if (hash === undefined || !existsSync(dir)) throw new Error(`No bundle for ${id} in ${outdir}`);
  const file = readdirSync(dir).find((f) => /^index\.m?js$/.test(f));
  if (file === undefined) throw new Error(`No index.mjs in ${dir}`);
  const bytes = statSync(path.join(dir, file)).size;
  const mapFile = path.join(dir, `${file}.map`);
  const mapBytes = existsSync(mapFile) ? statSync(mapFile).size : 0;
  return { id, bytes, mapBytes, top: topInputs(path.join(dir, 'index.meta.json'), bytes) };
}

/** The packages (or our own source) that contribute most bytes to a bundle, from esbuild's metafile. */
function topInputs(metafile: string, total: number): string {
  if (!existsSync(metafile)) return 'no metafile';
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const byPackage = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([name, bytes]) => `${name} ${kib(bytes)} (${Math.round((100 * bytes) / Math.max(total, 1))}%)`)
    .join(', ');
}

function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match?.[1] !== undefined) return match[1];
  const relative = path.relative(PROJECT_ROOT, path.resolve(PROJECT_ROOT, input));
  return `${relative.split(path.sep)[0] ?? relative}/ (ours)`;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
