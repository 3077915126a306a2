import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario, type SimulationReport } from '../../local/simulate/run.ts';
import { loadScenario } from '../../local/simulate/scenario.ts';
import { testMailWiring } from './wiring.ts';

const demoPath = fileURLToPath(new URL('../../scenarios/demo.json', import.meta.url));

describe('the demo scenario, two years and more in virtual time', () => {
  let report: SimulationReport;
  beforeAll(async () => {
    report = await runScenario(loadScenario(demoPath), testMailWiring());
  }, 240_000);

  const byStory = (fragment: string) => report.cases.filter((c) => c.story?.includes(fragment));

  it('has at least 50 participants and no failed execution', () => {
    expect(report.participants).toBeGreaterThanOrEqual(50);
    expect(report.executions.failed).toBe(0);
  });

  it('never lets one execution span more than 365 days', () => {
    expect(report.executions.overOneYear).toBe(0);
    expect(report.executions.longestDays).toBeLessThanOrEqual(365);
  });

  it('sends the on-time reports on time, within 10 working days', () => {
    const cases = byStory('report sent on time by email');
    expect(cases).toHaveLength(20);
    for (const c of cases) {
      expect(c.report).toMatchObject({ onTime: true, route: 'email' });
      expect(c.report?.workingDaysTaken).toBeLessThanOrEqual(10);
      expect(c.breachAt).toBeNull();
    }
  });

  it('records breaches, WPER3 reminders and escalations where the stories say', () => {
    for (const c of byStory('breach, then report sent late')) {
      expect(c.breachAt).not.toBeNull();
      expect(c.report?.onTime).toBe(false);
      expect(c.escalatedAt).toBeNull();
    }
    for (const c of byStory('report before escalation')) {
      expect(c.wper3).not.toBeNull();
      expect(c.escalatedAt).toBeNull();
      expect(c.closedReason).toBe('report-sent');
    }
    for (const c of byStory('escalation, report after escalation')) {
      expect(c.escalatedAt).not.toBeNull();
      expect(Date.parse(c.escalatedAt as string)).toBeGreaterThan(Date.parse(c.dates.escalation?.dueAt as string));
      expect(c.closedReason).toBe('report-sent');
    }
  });

  it('closes the other stories the way they should', () => {
    for (const c of byStory('no longer required')) expect(c.closedReason).toBe('not-required-returned');
    for (const c of byStory('SCR')) {
      expect(c.report?.route).toBe('clerical');
      expect(c.mail.some((m) => m.subject === 'Work Programme Exit Report')).toBe(false);
    }
    for (const c of byStory('ad hoc request within 12 months')) expect(c.report?.onTime).toBe(true);
    for (const c of byStory('ad hoc window ends')) expect(c.closedReason).toBe('ad-hoc-window-ended');
    for (const c of byStory('no request received')) {
      expect(c.closedReason).toBe('no-request-received');
      expect(c.mail.some((m) => m.intentId.endsWith(':no-request-received'))).toBe(true);
    }
    for (const c of byStory('stray WPER3E'))
      expect(c.flags.some((f) => f.includes('wper3-reminder flagged'))).toBe(true);
    for (const c of byStory('delivered twice')) {
      expect(c.mail.filter((m) => m.intentId.includes(':request-received@')).length).toBe(1);
    }
    for (const c of byStory('printed deadline'))
      expect(c.flags.some((f) => f.includes('deadline mismatch'))).toBe(true);
    for (const c of byStory('fails the content check')) {
      expect(c.flags.some((f) => f.includes('returned to caseworker'))).toBe(true);
      expect(c.closedReason).toBe('report-sent');
    }
  });

  it('sends every Exit Report once, and nothing twice', () => {
    const intents = report.cases.flatMap((c) => c.mail.map((m) => m.intentId));
    expect(new Set(intents).size).toBe(intents.length);
  });
});
