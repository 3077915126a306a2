/**
 * Writes scenarios/demo.json: 57 invented participants whose stories cover every branch of the Exit Report
 * lifecycle. Dates are computed with the project's calendar so each story lands where it claims to.
 * Run: npx tsx scripts/make-demo-scenario.ts && npx biome format --write scenarios/demo.json
 */
import { writeFileSync } from 'node:fs';
import { complianceVisitStory } from './demo/compliance-visit-story.ts';
import { exitReportStories } from './demo/exit-report-stories.ts';
import { informationSessionStories } from './demo/information-session-stories.ts';

const { participants, events } = exitReportStories();
const { referrals: sessionReferrals, events: sessionEvents } = informationSessionStories();
const { visits, events: visitEvents } = complianceVisitStory();

const scenario = {
  name: 'demo',
  description: `${participants.length} invented participants referred in early 2024 whose Exit Report stories cover every branch: on time, late, WPER3, escalation, not required, SCR, early completion with and without an ad hoc request, no request received, and awkward mail; and ${sessionReferrals.length} Information Session referrals, one per branch of chapter 19; and a CMO visit with 8 ESF2a actions (memo 147).`,
  start: '2024-01-08T08:00:00Z',
  end: '2027-04-01T00:00:00Z',
  participants,
  events: events.sort((a, b) => String(a.at).localeCompare(String(b.at))),
  informationSessions: {
    referrals: sessionReferrals,
    events: sessionEvents.sort((a, b) => String(a.at).localeCompare(String(b.at))),
  },
  complianceVisits: { visits, events: visitEvents },
};
writeFileSync(new URL('../scenarios/demo.json', import.meta.url), `${JSON.stringify(scenario, null, 2)}\n`);
console.log(
  `scenarios/demo.json: ${participants.length} participants, ${events.length} events; ${sessionReferrals.length} Information Session referrals, ${sessionEvents.length} events`,
);
