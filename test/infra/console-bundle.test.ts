import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assetFile, assetRootsBeside } from '../../console/assets.ts';
import { WpFunction } from '../../infra/constructs/wp-function.ts';
import { copyConsoleAssets } from '../../infra/stacks/console-stack.ts';
import { PROJECT_ROOT } from '../../infra/wp-app.ts';

/** The console function bundled for real (esbuild, as `cdk deploy` does): its size, and its static files beside it. */
let assetDir: string;
beforeAll(() => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'wp-console-bundle-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'ConsoleBundle');
  new WpFunction(stack, 'Console', {
    functionName: 'wp-test-console',
    entry: path.join(PROJECT_ROOT, 'functions/console/index.ts'),
    description: 'console bundle',
    projectRoot: PROJECT_ROOT,
    memorySize: 1024,
    timeout: Duration.seconds(30),
    environment: {},
    deadLetterQueue: new sqs.Queue(stack, 'Dlq'),
    logRetention: RetentionDays.ONE_DAY,
    afterBundling: copyConsoleAssets,
  });
  app.synth();
  const dir = readdirSync(outdir).find((name) => name.startsWith('asset.'));
  if (dir === undefined) throw new Error('no asset was bundled');
  assetDir = path.join(outdir, dir);
}, 120_000);

describe('console function bundle', () => {
  it('is measured: under 2 MiB of code today (1.8 MiB, 246 KiB of it exceljs for the workbook download)', () => {
    // The 1 MiB goal waits on the workbook library's replacement and the SDK clients the AWS wiring creates
    // (docs: README console section); this holds the line meanwhile and prints the figure.
    const bytes = statSync(path.join(assetDir, 'index.mjs')).size;
    console.info(`console bundle: ${(bytes / 1024).toFixed(0)} KiB (index.mjs, minified)`);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });

  it('carries every static file the pages link to, where the app looks for them', () => {
    const roots = assetRootsBeside(assetDir);
    for (const name of [
      'govuk-frontend.min.css',
      'govuk-frontend.min.js',
      'moj-frontend.min.css',
      'console.mjs',
      'console.css',
      'images/favicon.ico',
      'fonts/bold-b542beb274-v2.woff2',
      'images/icon-progress-tick.svg',
    ]) {
      const file = assetFile(roots, name);
      expect(file && existsSync(file), name).toBe(true);
    }
  });
});
