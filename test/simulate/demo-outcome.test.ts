import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { runScenario } from '../../local/simulate/run.ts';
import { loadScenario } from '../../local/simulate/scenario.ts';
import { demoOutcome } from './demo-outcome.ts';
import { testMailWiring } from './wiring.ts';

const demoPath = fileURLToPath(new URL('../../scenarios/demo.json', import.meta.url));
const expectedPath = fileURLToPath(new URL('./demo-outcome.expected.json', import.meta.url));

/**
 * The demo's business outcome is fixed: every case's stage, every due, sent, breach and escalation date, every
 * message by intent and recipient role. A refactor must leave it identical; a deliberate change of outcome
 * rewrites the expectation (DEMO_OUTCOME_WRITE=1, then `npx biome check --write` on it) in the same commit, which
 * says why.
 */
describe('the demo scenario business outcome', () => {
  it('is exactly the committed expectation', async () => {
    const scenario = loadScenario(demoPath);
    const report = await runScenario(scenario, testMailWiring());
    const outcome = demoOutcome(report, scenario, demoProviderConfig);
    expect(report.executions.failed).toBe(0);
    // Every message belongs to a case of the scenario: none is left out of the comparison.
    expect(outcome.messages).toHaveLength(outcome.mailSent);
    if (process.env.DEMO_OUTCOME_WRITE === '1') writeFileSync(expectedPath, `${JSON.stringify(outcome, null, 1)}\n`);
    expect(existsSync(expectedPath)).toBe(true);
    expect(outcome).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  }, 240_000);
});
