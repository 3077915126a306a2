import * as z from 'zod';
import { emailAddress } from '../email-address.ts';
import type { MiReturnConfig } from './return.ts';

/** The MI return lifecycle's configuration (memo 176): who is alerted, when reminders and the send go. */

const londonTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour, Europe/London)');

/** What the lifecycle needs beyond MiReturnConfig. */
export const MiReturnLifecycleOptionsSchema = z.object({
  /** Alerted, with the lead contact and deputy, when a send fails or the return is not sent by the due day. */
  spocLeadAddress: emailAddress,
  /** Reminders to the lead contact and deputy, in working days before the due date. */
  reminderWorkingDaysBefore: z.array(z.number().int().min(1).max(20)).default([3, 1]),
  /** Time of day (Europe/London) reminders are sent. */
  noticeTime: londonTime.default('09:00'),
  /** Time of day (Europe/London) on the due day at which the return is built and sent, if not sent before. */
  sendTime: londonTime.default('09:00'),
  /** A sent return's case closes at the end of this many calendar days after the send (a refresh reopens it). */
  closeAfterDays: z.number().int().min(0).max(366).default(7),
});
export type MiReturnLifecycleOptions = z.infer<typeof MiReturnLifecycleOptionsSchema>;

export type MiReturnLifecycleConfig = MiReturnConfig & MiReturnLifecycleOptions;

/** The lifecycle's configuration: the MI return's, with the lifecycle options (validated, defaults filled in). */
export function miReturnLifecycleConfig(
  miReturn: MiReturnConfig,
  options: z.input<typeof MiReturnLifecycleOptionsSchema>,
): MiReturnLifecycleConfig {
  const result = MiReturnLifecycleOptionsSchema.safeParse(options);
  if (!result.success) throw new Error(`Invalid MI return lifecycle options: ${z.prettifyError(result.error)}`);
  return { ...miReturn, ...result.data };
}

/** The dashboard figures (EMF metric names). */
export const MI_RETURN_METRICS = Object.freeze({
  due: 'MiReturnsDue',
  sent: 'MiReturnsSent',
  /** Once per month not sent by the end of its due day (at the alert, or at a late send when no alert came first). */
  late: 'MiReturnsLate',
  refreshes: 'MiReturnRefreshes',
  reminders: 'MiReturnReminders',
  sendFailures: 'MiReturnSendFailures',
});
