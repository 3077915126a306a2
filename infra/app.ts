/**
 * The CDK app (cdk.json: `npx tsx infra/app.ts`). Deploys the real workflows/ definitions and the real
 * functions/<id>/index.ts handlers; every setting comes from CDK context with a default (see infra/settings.ts
 * and DEPLOY.md), so `npx cdk synth` works with no context, no account, no network and no Docker.
 */
import { workflows } from '../workflows/index.ts';
import { buildWpApp } from './wp-app.ts';

const { app } = buildWpApp({ workflows });
app.synth();
