import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER, WpFunction } from '../../infra/constructs/wp-function.ts';
import { functionCatalogue } from '../../infra/function-catalogue.ts';
import { PROJECT_ROOT } from '../../infra/wp-app.ts';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'bundling', 'index.ts');

let assetDir: string;
beforeAll(() => {
  // Prepare: one function with the project defaults, bundled for real by the local esbuild
  const outdir = mkdtempSync(path.join(tmpdir(), 'wp-bundling-test-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bundling');
  new WpFunction(stack, 'Fixture', {
    functionName: 'wp-test-bundling',
    entry: FIXTURE,
    description: 'bundling fixture',
    projectRoot: PROJECT_ROOT,
    memorySize: 128,
    timeout: Duration.seconds(3),
    environment: {},
    deadLetterQueue: new sqs.Queue(stack, 'Dlq'),
    logRetention: RetentionDays.ONE_DAY,
  });

  // Act
  app.synth();
  const dir = readdirSync(outdir).find((name) => name.startsWith('asset.'));
  if (dir === undefined) throw new Error('no asset was bundled');
  assetDir = path.join(outdir, dir);
});

describe('function bundling (esbuild, no Docker)', () => {
  it('writes a minified ES module with the createRequire banner and an external source map', () => {
    // Prepare
    const code = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');

    // Assess
    expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(code).toMatch(/export\s*\{\s*\w+ as handler\s*\}/);
    expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
    expect(code.length / code.split('\n').length).toBeGreaterThan(500); // minified: long lines, no indentation
    expect(existsSync(path.join(assetDir, 'index.mjs.map'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(assetDir, 'index.mjs.map'), 'utf8')).sourcesContent).toBeUndefined();
  });

  it('runs on Node: CommonJS dependencies can still require built-ins', () => {
    // Act: in a plain Node ES module context (no global require), as Lambda loads index.mjs
    const script = `const m = await import(${JSON.stringify(pathToFileURL(path.join(assetDir, 'index.mjs')).href)});
      process.stdout.write(await m.handler({ name: 'exit-report' }));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });

    // Assess
    expect(output).toBe('exit-report');
  });
});

describe('every Lambda bundle, as deployed', () => {
  const BUDGET = 1024 * 1024;
  const sizes = new Map<string, number>();
  beforeAll(() => {
    // Prepare: every function of the catalogue bundled for real, each from its functions/<id>/index.ts
    const outdir = mkdtempSync(path.join(tmpdir(), 'wp-bundles-test-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundles');
    const dlq = new sqs.Queue(stack, 'Dlq');
    for (const spec of functionCatalogue) {
      new WpFunction(stack, spec.id, {
        functionName: `wp-test-${spec.id}`,
        entry: path.join(PROJECT_ROOT, 'functions', spec.id, 'index.ts'),
        description: spec.description,
        projectRoot: PROJECT_ROOT,
        memorySize: 128,
        timeout: Duration.seconds(3),
        environment: {},
        deadLetterQueue: dlq,
        logRetention: RetentionDays.ONE_DAY,
      });
    }

    // Act
    const assembly = app.synth();
    const template = assembly.getStackByName('Bundles').template as {
      Resources: Record<string, { Type: string; Properties: { FunctionName?: string; Code?: { S3Key?: string } } }>;
    };
    for (const spec of functionCatalogue) {
      const resource = Object.values(template.Resources).find(
        (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === `wp-test-${spec.id}`,
      );
      const hash = resource?.Properties.Code?.S3Key?.replace(/\.zip$/, '');
      sizes.set(spec.id, statSync(path.join(outdir, `asset.${hash}`, 'index.mjs')).size);
    }
    rmSync(outdir, { recursive: true, force: true });
  }, 300_000);

  it.each(functionCatalogue.map((spec) => spec.id))('%s is under 1 MiB minified', (id) => {
    // Assess: the index.mjs Lambda loads (its source map is separate)
    const bytes = sizes.get(id) ?? Number.POSITIVE_INFINITY;
    expect(bytes, `${id}: ${(bytes / 1024).toFixed(1)} KiB`).toBeLessThan(BUDGET);
  });
});
