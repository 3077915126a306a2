import type { IsoDate } from '../calendar/types.ts';
import type { Deadline } from '../deadlines/rules.ts';
import type { NoticeIntentOfKind, NoticeIntentsOf } from '../lifecycle/plan.ts';
import type { ComplianceEvent, CprEntry } from './case.ts';
import type { ActionFacts } from './types.ts';

/**
 * The notices the compliance lifecycle asks for, each kind with its own facts (domain/notices/compliance-notices.ts
 * renders them). Every one names the CMO visit it is about; NINOs are masked.
 */

/** The visit a notice is about. */
export type VisitFacts = {
  caseId: string;
  visitRef: string;
  contract: string;
  visitDate: IsoDate;
  endsAtLocal: string;
};

/** What every compliance notice carries. */
export type ComplianceCommonFacts = { visit: VisitFacts };

/** A Contract Performance Review entry as the notice carries it: the NINO masked, never whole. */
export type CprFacts = Omit<CprEntry, 'nino'> & { maskedNino: string | null; nino?: undefined };

/** What each kind adds to the visit. */
export type ComplianceFacts = {
  /** At the visit: every ESF2a with its 48-hour and one-month deadlines. */
  'visit-recorded': {
    evidenceWindow: Deadline;
    providerAction: Deadline;
    esf3Report: Deadline;
    actions: ActionFacts[];
  };
  'evidence-window-closing': { deadline: Deadline; hoursBefore: number | null; actions: ActionFacts[] };
  'outstanding-and-selection': {
    evidenceWindow: Deadline;
    providerAction: Deadline;
    accepted: ActionFacts[];
    outstanding: ActionFacts[];
    prediction: { outstanding: number; size: number; all: boolean };
  };
  'esf3-late': { deadline: Deadline };
  'month-deadline-approaching': {
    deadline: Deadline;
    workingDaysBefore: number | null;
    actions: ActionFacts[];
    selectionKnown: boolean;
  };
  'unresolved-to-cpr': { pmVisitDate: IsoDate; deadline: Deadline; entries: CprFacts[] };
  'event-flagged': { event: ComplianceEvent['type']; detail: string };
};

export type ComplianceNoticeKind = keyof ComplianceFacts;

/** The facts a notice of one kind carries: the visit, and the kind's own. */
export type ComplianceNoticeFacts<Kind extends ComplianceNoticeKind> = ComplianceCommonFacts & ComplianceFacts[Kind];

export type ComplianceNoticeIntentOf<Kind extends ComplianceNoticeKind> = NoticeIntentOfKind<
  ComplianceFacts,
  Kind,
  ComplianceCommonFacts
>;

export type ComplianceNoticeIntent = NoticeIntentsOf<ComplianceFacts, ComplianceCommonFacts>;
