import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { emailAddress } from '../../domain/email-address.ts';
import { EARLY_COMPLETION_REASONS } from '../../domain/exit-report/case.ts';
import { ComplianceFact } from '../../functions/staff-action/compliance-actions.ts';
import { SessionFact } from '../../functions/staff-action/information-session-actions.ts';

/**
 * A scenario: participants, and timed events on a virtual clock. The format is documented in
 * docs/scenarios.md; scenarios/demo.json is the shipped example.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.iso.datetime({ offset: true });

const ReportDocument = z.object({
  firstName: z.string(),
  surname: z.string(),
  nino: z.string(),
  participantDetails: z.string(),
  summary: z.string(),
  workAndReasons: z.string(),
  nextSteps: z.string(),
  furtherInformation: z.string().nullable().default(null),
  notRequired: z.boolean().default(false),
});

export const ScenarioParticipant = z.object({
  ref: z.string().min(1),
  nino: z.string(),
  referralDate: isoDate,
  division: z.enum(['england-and-wales', 'scotland']).default('england-and-wales'),
  contract: z.string().default('CPA-18-0001'),
  scr: z.boolean().default(false),
  subContractor: z.string().nullable().default(null),
  caseworkerEmail: emailAddress,
  /** What the demo means this participant to show, for the report. */
  story: z.string().optional(),
});

const base = { at: instant, participant: z.string().min(1) };

export const ScenarioEvent = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('exit-report-request'),
    form: z.enum(['WPER2E', 'AD-HOC']).default('WPER2E'),
    requestDate: isoDate,
    printedDeadline: isoDate.nullable().default(null),
    returnEmail: emailAddress.default('district-spoc.north@jcp.example'),
    /** Deliver the same request again (a resent or duplicated email). */
    repeat: z.boolean().default(false),
  }),
  /** A clerical WPER2 staff record (SCR, or while email is suspended): paras 31–33, 66–67, 87. */
  z.object({
    ...base,
    type: z.literal('clerical-request'),
    requestDate: isoDate,
    printedDeadline: isoDate,
    district: z.string().min(1),
    returnAddress: z.string().min(1),
    recordedBy: emailAddress,
  }),
  z.object({ ...base, type: z.literal('wper3-reminder'), reminderDate: isoDate }),
  z.object({ ...base, type: z.literal('report-submitted'), report: ReportDocument }),
  z.object({ ...base, type: z.literal('report-confirmed-sent'), sentDate: isoDate, confirmedBy: emailAddress }),
  z.object({ ...base, type: z.literal('not-required') }),
  z.object({ ...base, type: z.literal('early-completion'), reason: z.enum(EARLY_COMPLETION_REASONS), date: isoDate }),
]);

/** An Information Session referral (ch.19), opened on its referral date. */
export const ScenarioSessionReferral = z.object({
  ref: z.string().min(1),
  nino: z.string(),
  referralDate: isoDate,
  mandation: z.enum(['mandatory', 'voluntary']),
  /** The ESA claimant group as Annex A names it. */
  esaGroup: z.string().default(''),
  division: z.enum(['england-and-wales', 'scotland']).default('england-and-wales'),
  scr: z.boolean().default(false),
  caseworkerEmail: emailAddress.nullable().default(null),
  story: z.string().optional(),
});

/** What staff record (the staff action's facts), or a WP11 arriving from Jobcentre Plus. */
export const ScenarioSessionEvent = z.object({
  at: instant,
  referral: z.string().min(1),
  fact: z.union([SessionFact, z.object({ type: z.literal('wp11-received') })]),
});

/** A CMO visit (memo 147) with its ESF2a actions, opened when the visit ends. */
export const ScenarioVisit = z.object({
  ref: z.string().min(1),
  visitRef: z.string().min(1),
  contract: z.string().min(1),
  division: z.enum(['england-and-wales', 'scotland']).default('england-and-wales'),
  visitDate: isoDate,
  endTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  actions: z
    .array(
      z.object({ reference: z.string().min(1), nino: z.string().nullable().default(null), issue: z.string().min(1) }),
    )
    .min(1),
  story: z.string().optional(),
});

export const ScenarioVisitEvent = z.object({ at: instant, visit: z.string().min(1), fact: ComplianceFact });

export const Scenario = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  start: instant,
  end: instant,
  participants: z.array(ScenarioParticipant).min(1),
  events: z.array(ScenarioEvent).default([]),
  informationSessions: z
    .object({
      referrals: z.array(ScenarioSessionReferral).default([]),
      events: z.array(ScenarioSessionEvent).default([]),
    })
    .default({ referrals: [], events: [] }),
  complianceVisits: z
    .object({ visits: z.array(ScenarioVisit).default([]), events: z.array(ScenarioVisitEvent).default([]) })
    .default({ visits: [], events: [] }),
});

export type Scenario = z.infer<typeof Scenario>;
export type ScenarioEvent = z.infer<typeof ScenarioEvent>;
export type ScenarioSessionReferral = z.infer<typeof ScenarioSessionReferral>;
export type ScenarioSessionEvent = z.infer<typeof ScenarioSessionEvent>;
export type ScenarioVisit = z.infer<typeof ScenarioVisit>;

export function loadScenario(path: string): Scenario {
  const parsed = Scenario.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`Invalid scenario ${path}: ${z.prettifyError(parsed.error)}`);
  const refs = new Set(parsed.data.participants.map((p) => p.ref));
  for (const e of parsed.data.events) {
    if (!refs.has(e.participant))
      throw new Error(`Scenario event at ${e.at} names unknown participant ${e.participant}`);
  }
  const sessionRefs = new Set(parsed.data.informationSessions.referrals.map((r) => r.ref));
  for (const e of parsed.data.informationSessions.events) {
    if (!sessionRefs.has(e.referral))
      throw new Error(`Scenario event at ${e.at} names unknown Information Session referral ${e.referral}`);
  }
  const visitRefs = new Set(parsed.data.complianceVisits.visits.map((v) => v.ref));
  for (const e of parsed.data.complianceVisits.events) {
    if (!visitRefs.has(e.visit)) throw new Error(`Scenario event at ${e.at} names unknown CMO visit ${e.visit}`);
  }
  return parsed.data;
}
