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

  describe('Information Sessions (ch.19)', () => {
    const session = (ref: string) => {
      const found = report.informationSessions.find((c) => c.ref === ref);
      if (!found) throw new Error(`no Information Session case ${ref}`);
      return found;
    };
    const mailKinds = (ref: string) => session(ref).mail.map((m) => m.intentId.split(':')[1] ?? '');

    it('opens every referral and ends each branch where its story says', () => {
      expect(report.informationSessions).toHaveLength(11);
      const ends = Object.fromEntries(report.informationSessions.map((c) => [c.ref, [c.stage, c.closedReason]]));
      expect(ends).toEqual({
        s01: ['closed', 'attached'],
        s02: ['closed', 'cancelled-did-not-start'],
        s03: ['closed', 'cancelled-did-not-start'],
        s04: ['closed', 'cancelled-did-not-start'],
        s05: ['closed', 'attached'],
        s06: ['closed', 'cancelled-did-not-start'],
        s07: ['closed', 'attached'],
        s08: ['closed', 'attached'],
        s09: ['closed', 'attached'],
        s10: ['closed', 'cancelled-did-not-start'],
        s11: ['closed', 'attached'],
      });
    });

    it('counts every date from the referral: 15, 21 and 28 calendar days, a rearranged session restarting nothing', () => {
      const s05 = session('s05');
      expect(s05.sessions.map((x) => [x.rearranged, x.outcome])).toEqual([
        [false, 'did-not-attend'],
        [true, 'attended'],
      ]);
      // Referred Mon 31 Mar 2025: session by Tue 15 Apr, day 21 is Easter Monday 21 Apr (calendar days: a bank
      // holiday does not move it), day 28 Mon 28 Apr.
      expect([s05.dates.session.due, s05.dates.wp11Window.due, s05.dates.attachment.due]).toEqual([
        '2025-04-15',
        '2025-04-21',
        '2025-04-28',
      ]);
      expect(s05.dates.session.explanation.join(' ')).toMatch(/15 calendar days/);
    });

    it('tells Jobcentre Plus of mandated non-attendance only, and chases an unconfirmed notice', () => {
      expect(mailKinds('s03')).toContain('dna-notify-jcp-0');
      expect(session('s03').dnaNotices[0]?.notifiedOn).not.toBeNull();
      expect(mailKinds('s04').some((k) => k.startsWith('dna-notify-jcp'))).toBe(false);
      const s10 = session('s10');
      expect(s10.dnaNotices[0]?.notifiedOn).toBeNull();
      expect(mailKinds('s10').filter((k) => k.startsWith('dna-chase')).length).toBeGreaterThanOrEqual(5);
    });

    it("raises the 'Did Not Start' task after day 21, and flags what the guidance forbids", () => {
      expect(mailKinds('s02')).toContain('cancel-did-not-start');
      expect(mailKinds('s06')).toContain('wp11-late');
      expect(session('s06').wp11?.late).toBe(true);
      expect(mailKinds('s07')).toContain('mandation-flagged');
      expect(mailKinds('s08').some((k) => k.startsWith('wrong-attachment'))).toBe(true);
      expect(mailKinds('s11')).toContain('session-overdue');
      expect(mailKinds('s11')).toContain('attachment-overdue');
      expect(mailKinds('s01')).not.toContain('cancel-did-not-start');
    });

    it('shows the figures the dashboard shows', () => {
      const f = report.figures;
      expect(f.InformationSessionsDue).toBe(11);
      // Seven WP11s: six within 21 days, one after (s06).
      expect(f.InformationSessionWp11Received).toBe(6);
      expect(f.InformationSessionWp11Late).toBe(1);
      expect(f.InformationSessionsCancelledDidNotStart).toBe(5);
      expect(f['InformationSessionsNotAttended{Mandation=mandatory}']).toBe(3);
      expect(f['InformationSessionsNotAttended{Mandation=voluntary}']).toBe(2);
    });
  });

  describe('a CMO visit (memo 147)', () => {
    const visit = () => {
      const found = report.complianceVisits.find((v) => v.ref === 'v01');
      if (!found) throw new Error('no CMO visit v01');
      return found;
    };
    const kinds = () => visit().mail.map((m) => m.intentId.split(':')[1] ?? '');

    it('visit on Fri 31 Jan 2025 15:00: 48 hours to Sun 2 Feb 15:00, ESF3 by Mon 17 Feb, the month to Fri 28 Feb', () => {
      const v = visit();
      expect(v.dates.evidenceWindow.dueAt).toBe('2025-02-02T15:00:00.000Z');
      expect(v.dates.esf3Report.due).toBe('2025-02-17');
      expect(v.dates.providerAction.due).toBe('2025-02-28');
      expect(kinds()).toContain('visit-recorded');
    });

    it('predicts 5 of the 6 outstanding, records the CMO selection, flags the ESF3 late, sends 1 to the CPR', () => {
      const v = visit();
      expect(v.prediction).toMatchObject({ outstanding: 6, size: 5 });
      const byStatus = v.actions.reduce<Record<string, number>>((acc, a) => {
        acc[a.status] = (acc[a.status] ?? 0) + 1;
        return acc;
      }, {});
      expect(byStatus).toEqual({ 'evidence-accepted': 2, resolved: 4, 'escalated-to-cpr': 1, outstanding: 1 });
      expect(v.actions.filter((a) => a.selected).map((a) => a.reference.slice(-2))).toEqual([
        '02',
        '03',
        '04',
        '05',
        '07',
      ]);
      expect(v.esf3.late).toBe(true);
      expect(kinds()).toContain('esf3-late');
      expect(v.cpr.map((e) => e.reference)).toEqual(['ESF2a-007-04']);
      expect(v.cpr[0]?.history.join('\n')).toContain('Asked the employer for payslips');
      expect(v.stage).toBe('closed');
      expect(report.figures.Esf2aEscalatedToCpr).toBe(1);
    });
  });
});
