import type { ProviderConfig } from '../config.ts';

/** The Information Session lifecycle's settings, and the dashboard figures it emits. */

export interface InformationSessionConfig {
  /** Who runs the sessions when the referral names no caseworker. */
  teamAddress: string;
  spocLeadAddress: string;
  /** Told of an attachment to an Information Session referral: DWP recovers the fees (para 14). */
  contractManagerAddress: string;
  /** Session reminders, in calendar days before the 15-day date (the rule counts calendar days). */
  sessionReminderDaysBefore: number[];
  /** Attachment reminders, in calendar days before the 28-day date. */
  attachmentReminderDaysBefore: number[];
  /** An unconfirmed task (PRaP cancellation, telling Jobcentre Plus of a DNA) is chased every N working days. */
  chaseEveryWorkingDays: number;
  /** At most this many chases per task; the task stays open afterwards and the last chase says so. */
  maxChases: number;
  /** Time of day (Europe/London) at which reminders and chases are sent. */
  noticeTime: string;
}

export function informationSessionConfigFrom(
  provider: ProviderConfig,
  overrides: Partial<InformationSessionConfig> = {},
): InformationSessionConfig {
  return {
    // The SPoC address is the inbox notices are sent from (a no-reply sender to staff): never the team's.
    teamAddress: provider.provider.spocLeadAddress,
    spocLeadAddress: provider.provider.spocLeadAddress,
    contractManagerAddress: provider.provider.contractManagerAddress,
    sessionReminderDaysBefore: [5, 1],
    attachmentReminderDaysBefore: [5, 1],
    chaseEveryWorkingDays: 1,
    maxChases: 5,
    noticeTime: provider.noticeTime,
    ...overrides,
  };
}

/** The dashboard figures (EMF metric names). */
export const INFORMATION_SESSION_METRICS = Object.freeze({
  sessionsDue: 'InformationSessionsDue',
  attended: 'InformationSessionsAttended',
  notAttended: 'InformationSessionsNotAttended',
  dnaNoticeTasks: 'InformationSessionDnaNoticeTasks',
  dnaNoticesSent: 'InformationSessionDnaNoticesSent',
  sessionsOverdue: 'InformationSessionsOverdue',
  wp11Received: 'InformationSessionWp11Received',
  wp11Late: 'InformationSessionWp11Late',
  cancelTasks: 'InformationSessionCancelTasks',
  cancelledDidNotStart: 'InformationSessionsCancelledDidNotStart',
  attachedOnTime: 'InformationSessionAttachmentsOnTime',
  attachedLate: 'InformationSessionAttachmentsLate',
  attachmentsOverdue: 'InformationSessionAttachmentsOverdue',
  wrongAttachments: 'InformationSessionWrongAttachments',
  mandationFlagged: 'InformationSessionMandationFlagged',
});
