import type { IsoDate } from '../calendar/types.ts';
import type { Deadline } from '../deadlines/rules.ts';
import type { NoticeIntentOfKind, NoticeIntentsOf } from '../lifecycle/plan.ts';
import type { Nino } from '../nino.ts';
import type { InformationSessionEventType, InformationSessionStage, SessionRecord, Wp11Facts } from './case.ts';
import type { Mandation, MandationCheck } from './eligibility.ts';

/**
 * The notices the Information Session lifecycle asks for, each kind with its own facts
 * (domain/notices/information-session-notices.ts renders them). Every one carries the participant's facts.
 */

/** What every notice about the participant carries (guidance allows the NINO and the SCR flag). */
export type ParticipantFacts = { caseRef: string; nino: Nino; scr: boolean; mandation: Mandation };

/** What each kind adds to the participant's facts. */
export type InformationSessionFacts = {
  /** To the caseworker at opening: the session date, the WP11 window, how each was counted. */
  'session-referral-received': {
    referralDate: IsoDate;
    session: Deadline;
    wp11Window: Deadline;
    attachment: Deadline;
    /** The day the notice was made (London): a referral recorded late is told which dates have passed. */
    sentOn: IsoDate;
  };
  /** To the SPoC lead: marked mandatory for a group Annex A says cannot be mandated (or an unknown group). */
  'mandation-flagged': {
    code: Extract<MandationCheck, { ok: false }>['code'];
    message: string;
    esaGroup: string;
  };
  'session-reminder': { session: Deadline; daysLeft: number | undefined; sessions: SessionRecord[] };
  'session-overdue': { session: Deadline; wp11Window: Deadline; sessions: SessionRecord[] };
  /** Task: tell Jobcentre Plus through the locally agreed route that a mandated participant did not attend. */
  'dna-notify-jcp': {
    sessionDate: IsoDate;
    referralDate: IsoDate;
    wp11Window: Deadline;
    mandationQueried: boolean;
    mandationMessage: string | null;
  };
  'dna-notify-jcp-chase': {
    referralDate: IsoDate;
    /** The missed session's date (absent only if its DNA record were missing). */
    sessionDate: IsoDate | undefined;
    chase: number | undefined;
    lastChase: boolean;
  };
  /** Task: cancel the referral on PRaP with reason 'Did Not Start'. */
  'cancel-did-not-start': { wp11Window: Deadline; referralDate: IsoDate; lastStage: InformationSessionStage };
  'cancel-did-not-start-chase': {
    referralDate: IsoDate;
    wp11Window: Deadline;
    chase: number | undefined;
    lastChase: boolean;
  };
  /** A WP11 arrived: attachment activity due by day 28. */
  'attachment-due': { receivedAt: string; attachment: Deadline; wp11: Wp11Facts };
  'attachment-reminder': { attachment: Deadline; daysLeft: number | undefined; receivedAt: string | undefined };
  'attachment-overdue': { attachment: Deadline; receivedAt: string | undefined };
  /** An attachment to an Information Session referral: back it out (PRaP16); DWP recovers fees paid on it. */
  'wrong-attachment': {
    attachedOn: IsoDate;
    recordedBy: string;
    wp11Received: boolean;
    /** The day-28 date when a WP11 came and the Work Programme attachment is still due. */
    attachment: Deadline | null;
  };
  /** A WP11 arrived after day 21. */
  'wp11-late': { receivedAt: string; wp11Window: Deadline; reason: string };
  'event-flagged': { eventType: InformationSessionEventType; reason: string };
};

export type InformationSessionNoticeKind = keyof InformationSessionFacts;

/** An intent of one kind: the participant's facts and the kind's own. */
export type InformationSessionNoticeIntentOf<Kind extends InformationSessionNoticeKind> = NoticeIntentOfKind<
  InformationSessionFacts,
  Kind,
  ParticipantFacts
>;

export type InformationSessionNoticeIntent = NoticeIntentsOf<InformationSessionFacts, ParticipantFacts>;
