/**
 * An Exit Report as a caseworker submits it and as it is sent to Jobcentre Plus (CPA 18 ch.10, paras 56–60).
 * Only first name, surname and NINO are personal data on it (para 56).
 */
export interface ExitReportDocument {
  firstName: string;
  surname: string;
  /** Normalised NINO when it was valid, else the text as written (the content check reports it). */
  nino: string;
  /** Participant details (para 57): the name and NINO lines, or a "Participant details" section as written. */
  participantDetails: string;
  /** Summary of actions and activities (para 57). */
  summary: string;
  /** Periods of work experience or employment and reasons actions were not completed (para 57). */
  workAndReasons: string;
  /** Next steps: recommendations to Jobcentre Plus (para 57). */
  nextSteps: string;
  /** Further information (para 58–59), optional. */
  furtherInformation: string | null;
  /**
   * Marked "not appropriate, C/circs received - participant no longer in receipt of benefit or requested in
   * error" (para 82): still sent back, for audit.
   */
  notRequired: boolean;
  /**
   * The caseworker confirms that the sensitive information in the report (health conditions, substance
   * dependency: para 59) was brought to the participant's attention (para 61): the line
   * "Brought to the participant's attention: yes". Absent: not confirmed.
   */
  broughtToAttention?: boolean;
}

/** A caseworker's submission of a completed Exit Report, as read from an email. */
export interface ExitReportSubmission {
  /** The NINO from the subject (or, failing that, from the report), normalised; null when none was valid. */
  nino: string | null;
  /** The report, or null when none could be read. */
  document: ExitReportDocument | null;
  /** Plain-English problems for the caseworker (no report found, PDF refused, NINO mismatch…). */
  problems: string[];
}

/** The wording para 82 asks to be written across a report that is no longer required. */
export const NOT_REQUIRED_WORDING =
  'not appropriate, C/circs received - participant no longer in receipt of benefit or requested in error';
