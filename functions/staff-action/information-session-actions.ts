import * as z from 'zod';
import { csvToGrid } from '../../adapters/mail-reading/csv-grid.ts';
import type { RecordStore } from '../../adapters/store/record-store.ts';
import { endOfDayInLondon, formatLongDate, londonDateOf } from '../../domain/calendar/london.ts';
import type { Division, IsoDate } from '../../domain/calendar/types.ts';
import { emailAddress } from '../../domain/email-address.ts';
import type { InformationSessionCase, InformationSessionEvent } from '../../domain/information-session/case.ts';
import { findEsaGroup, type Mandation } from '../../domain/information-session/eligibility.ts';
import { openInformationSessionCase, whyNotActedOn } from '../../domain/information-session/lifecycle.ts';
import { type InformationSessionReferral, parseReferralsCsv } from '../../domain/information-session/referral.ts';
import { maskNino, type Nino } from '../../domain/nino.ts';
import { afterToday, beforeStart } from '../../domain/person-date.ts';
import { deliverToRecord } from '../commons/deliver.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import { latestCaseId, type OpenedCase, openProcessCase, type ProcessDeps, processDeps } from '../commons/process.ts';
import {
  informationSessionIndexKey,
  informationSessionProcess,
  informationSessionReferenceKey,
} from '../commons/processes/information-session.ts';
import { isoDate, nino } from './fields.ts';
import { refuseWhollyRejected } from './import-outcome.ts';

/**
 * Staff actions on Information Session referrals (ch.19): import the PRaP export, record a clerical (SCR)
 * referral, and record what happened (a session booked or held, Jobcentre Plus told of a non-attendance, the
 * PRaP cancellation or attachment done, a wrong attachment backed out). Event ids are built from what was said,
 * so a repeat has one effect.
 */
const sessionCaseRef = z
  .object({ caseId: z.string().startsWith('is-').optional(), nino: nino.optional() })
  .refine((r) => r.caseId || r.nino, { message: 'caseId or nino is required' });

export const SessionFact = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session-arranged'), sessionDate: isoDate, recordedBy: emailAddress }),
  z.object({
    type: z.literal('session-outcome'),
    outcome: z.enum(['attended', 'did-not-attend']),
    sessionDate: isoDate,
    recordedBy: emailAddress,
  }),
  z.object({
    type: z.literal('jcp-dna-notified'),
    notifiedOn: isoDate,
    route: z.string().min(1).max(200),
    confirmedBy: emailAddress,
  }),
  z.object({ type: z.literal('prap-cancelled'), cancelledOn: isoDate, confirmedBy: emailAddress }),
  z.object({
    type: z.literal('attachment-recorded'),
    referralType: z.enum(['work-programme', 'information-session']),
    attachedOn: isoDate,
    recordedBy: emailAddress,
  }),
  z.object({ type: z.literal('attachment-backed-out'), backedOutOn: isoDate, recordedBy: emailAddress }),
  /**
   * A WP11 that came on paper or by phone (an SCR participant, email suspended, or a District that rang): mail
   * is not the only way in. Recorded with the day it arrived, as a mailed one is with the time it was received.
   */
  z.object({
    type: z.literal('wp11-received'),
    receivedOn: isoDate,
    how: z.enum(['paper', 'phone']),
    interviewDate: isoDate.nullable().default(null),
    recordedBy: emailAddress,
  }),
]);
export type SessionFact = z.infer<typeof SessionFact>;

export const InformationSessionActions = [
  /** The PRaP export (CSV text): every referral opened once; rows that cannot be read are reported, not guessed. */
  z.object({ action: z.literal('import-information-session-referrals'), csv: z.string().min(1).max(5_000_000) }),
  /** One referral, e.g. an SCR referral that arrived clerically. */
  z.object({
    action: z.literal('refer-information-session'),
    referral: z.object({
      nino,
      referralDate: isoDate,
      mandation: z.enum(['mandatory', 'voluntary']),
      esaGroup: z.string().max(200).default(''),
      division: z.enum(['england-and-wales', 'scotland']).default('england-and-wales'),
      scr: z.boolean().default(false),
      caseworkerEmail: emailAddress.nullable().default(null),
    }),
  }),
  z.object({ action: z.literal('information-session'), case: sessionCaseRef, fact: SessionFact }),
] as const;

type ActionInput = z.infer<(typeof InformationSessionActions)[number]>;

/** The id of the event a fact becomes: the same fact said twice is one event. */
export function sessionEventOf(fact: SessionFact, recordedAt: string): InformationSessionEvent {
  switch (fact.type) {
    case 'wp11-received': {
      // Received during the day it names: at the moment it is recorded, if that is the same day, else at the end
      // of that day (a WP11 on day 21 is in time, as a mailed one received that evening would be).
      const endOfDay = endOfDayInLondon(fact.receivedOn);
      return {
        id: `wp11:${fact.how}:${fact.receivedOn}`,
        type: 'wp11-received',
        receivedAt: recordedAt < endOfDay ? recordedAt : endOfDay,
        messageId: `${fact.how}:${fact.receivedOn}:${fact.recordedBy}`,
        wp11: { interviewDate: fact.interviewDate, formDate: null },
      };
    }
    case 'session-arranged':
      return { id: `arranged:${fact.sessionDate}`, ...fact, recordedAt };
    case 'session-outcome':
      return { id: `outcome:${fact.sessionDate}:${fact.outcome}`, ...fact, recordedAt };
    case 'jcp-dna-notified':
      return { id: `dna-notified:${fact.notifiedOn}`, ...fact, recordedAt };
    case 'prap-cancelled':
      return { id: `prap-cancelled:${fact.cancelledOn}`, ...fact, recordedAt };
    case 'attachment-recorded':
      return { id: `attached:${fact.referralType}:${fact.attachedOn}`, ...fact, recordedAt };
    case 'attachment-backed-out':
      return { id: `backed-out:${fact.backedOutOn}`, ...fact, recordedAt };
  }
}

/** A referral recorded one at a time (an SCR referral, a scenario): the Annex A group found from its text. */
export function referralOf(r: {
  nino: Nino;
  referralDate: IsoDate;
  mandation: Mandation;
  esaGroup: string;
  division: Division;
  scr: boolean;
  caseworkerEmail: string | null;
}): InformationSessionReferral {
  const group = r.esaGroup === '' ? null : findEsaGroup(r.esaGroup);
  return {
    nino: r.nino,
    referralDate: r.referralDate,
    mandation: r.mandation,
    annotation: `Work Programme Information Session-${r.mandation === 'mandatory' ? 'Mandatory' : 'Voluntary'}`,
    esaGroup: group?.id ?? null,
    esaGroupText: r.esaGroup,
    division: r.division,
    scr: r.scr,
    caseworkerEmail: r.caseworkerEmail,
  };
}

export function informationSessionDeps(
  deps: CaseHandlerDeps,
): ProcessDeps<InformationSessionCase, InformationSessionEvent> {
  return processDeps(deps, informationSessionProcess);
}

/** Opens the case for a referral once and starts its workflow. */
export function referInformationSession(
  deps: ProcessDeps<InformationSessionCase, InformationSessionEvent>,
  referral: InformationSessionReferral,
): Promise<OpenedCase> {
  const reference = informationSessionReferenceKey(referral.nino, referral.referralDate);
  return openProcessCase(informationSessionProcess, deps, reference, (caseId, config, now) =>
    openInformationSessionCase(caseId, referral, now, config),
  );
}

export class InvalidSessionFact extends Error {
  override name = 'InvalidStaffAction';
}

const FACT_DATE_NAMES: Readonly<Record<SessionFact['type'], string>> = {
  'session-arranged': 'session date',
  'session-outcome': 'session date',
  'jcp-dna-notified': 'date Jobcentre Plus was told',
  'prap-cancelled': 'cancellation date',
  'attachment-recorded': 'attachment date',
  'attachment-backed-out': 'back-out date',
  'wp11-received': 'date the WP11 was received',
};

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/** The date a fact says something happened on (null for a session arranged, which may be ahead). */
function factDate(fact: SessionFact): string | null {
  switch (fact.type) {
    case 'session-arranged':
      return null;
    case 'session-outcome':
      return fact.sessionDate;
    case 'jcp-dna-notified':
      return fact.notifiedOn;
    case 'prap-cancelled':
      return fact.cancelledOn;
    case 'attachment-recorded':
      return fact.attachedOn;
    case 'attachment-backed-out':
      return fact.backedOutOn;
    case 'wp11-received':
      return fact.receivedOn;
  }
}

export class UnknownInformationSession extends Error {
  override name = 'UnknownCase';
}

/** The participant's latest Information Session case (by referral date). */
export async function findInformationSession(
  records: RecordStore<InformationSessionCase, InformationSessionEvent>,
  ref: { caseId?: string; nino?: string },
): Promise<string> {
  const key = informationSessionIndexKey(ref.nino as string);
  const caseId = await latestCaseId(records, ref.caseId, key, (c) => c.referral.referralDate);
  if (caseId === null) throw new UnknownInformationSession('No Information Session case for that NINO');
  return caseId;
}

export async function informationSessionAction(
  base: CaseHandlerDeps,
  input: ActionInput,
): Promise<Record<string, unknown>> {
  const deps = informationSessionDeps(base);
  switch (input.action) {
    case 'import-information-session-referrals': {
      const read = parseReferralsCsv(input.csv, csvToGrid, { today: londonDateOf(new Date(deps.now())) });
      refuseWhollyRejected('referrals', read.referrals.length, read.rejected);
      const opened: Array<{ row: number; caseId: string; created: boolean; nino: string; flags: string[] }> = [];
      for (const r of read.referrals) {
        const { caseId, created } = await referInformationSession(deps, r.referral);
        opened.push({ row: r.row, caseId, created, nino: maskNino(r.referral.nino), flags: r.flags });
      }
      return {
        opened: opened.filter((o) => o.created).length,
        repeated: opened.filter((o) => !o.created).length,
        referrals: opened,
        rejected: read.rejected,
      };
    }
    case 'refer-information-session':
      return referInformationSession(deps, referralOf(input.referral));
    case 'information-session': {
      // What happened cannot have happened after today: a future date would count as on time. (A session can be
      // arranged for a future date.)
      const today = londonDateOf(new Date(deps.now()));
      const happened = factDate(input.fact);
      const future = happened === null ? null : afterToday(happened, today, FACT_DATE_NAMES[input.fact.type]);
      if (future) throw new InvalidSessionFact(sentence(future));
      const caseId = await findInformationSession(deps.records, input.case);
      // Nothing about a referral happens before it was made: an outcome of 1 Dec for a referral of 10 Dec is a
      // slip (the wrong participant, or the wrong year), refused with both dates.
      const { record } = await deps.records.get(caseId);
      const dated = happened ?? (input.fact.type === 'session-arranged' ? input.fact.sessionDate : null);
      const early =
        dated === null
          ? null
          : beforeStart(dated, record.referral.referralDate, FACT_DATE_NAMES[input.fact.type], 'referral date');
      if (early) throw new InvalidSessionFact(sentence(early));
      const event = sessionEventOf(input.fact, new Date(deps.now()).toISOString());
      // Kept and flagged to the SPoC lead, never dropped; the person recording it is told at once, too.
      const notActedOn = record.appliedEventIds.includes(event.id) ? null : whyNotActedOn(record, event);
      const { duplicate } = await deliverToRecord(deps, deps.records, informationSessionProcess.id, caseId, event);
      const warnings =
        input.fact.type === 'session-arranged' && input.fact.sessionDate > record.deadlines.session.due
          ? [
              `The session on ${formatLongDate(input.fact.sessionDate)} is after the 15-day date (${formatLongDate(record.deadlines.session.due)}): the session is to be completed within 15 calendar days of the referral (ch.19). It is recorded; the dates do not move.`,
            ]
          : [];
      return {
        caseId,
        eventId: event.id,
        duplicate,
        ...(notActedOn ? { notActedOn } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    }
  }
}
