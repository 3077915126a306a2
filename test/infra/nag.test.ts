import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWpApp } from '../../infra/wp-app.ts';
import { workflows } from '../../workflows/index.ts';
import { type SynthesizedWpApp, synthWpApp, TEST_CONTEXT } from './support/synth.ts';

let synth: SynthesizedWpApp;
beforeAll(() => {
  // With the AwsSolutions and Serverless packs and CDK's own template validation, as `cdk synth` runs them.
  synth = synthWpApp({ nag: true });
});

interface ValidationReport {
  pluginReports: Array<{ pluginName: string; violations?: Array<{ ruleName: string; severity?: string }> }>;
}

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  it('finds nothing that is not acknowledged, errors or warnings', () => {
    // Prepare
    const report = JSON.parse(
      readFileSync(path.join(synth.outdir, 'validation-report.json'), 'utf8'),
    ) as ValidationReport;

    // Assess
    const findings = report.pluginReports.flatMap((p) =>
      (p.violations ?? []).map((v) => `${p.pluginName}: ${v.ruleName}`),
    );
    expect(findings).toEqual([]);
  });

  it('gives every acknowledgement its reason, in a sentence', () => {
    // Prepare
    const acknowledgements: Array<{ path: string; id: string; reason: string }> = [];
    for (const construct of synth.wp.app.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          acknowledgements.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
        }
      }
    }

    // Assess
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) {
      expect(a.id, a.path).toMatch(/^(AwsSolutions|Serverless)-\w+(\[.+\])?$/);
      expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThan(80);
    }
  });

  it('does run: a queue without encryption or TLS fails synth', () => {
    // Prepare
    const { app, functions } = buildWpApp({
      workflows,
      appProps: { context: { ...TEST_CONTEXT, 'aws:cdk:bundling-stacks': [] } },
    });
    new sqs.CfnQueue(functions, 'CarelessQueue', { sqsManagedSseEnabled: false });

    // Act / Assess
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS2/);
  });
});
