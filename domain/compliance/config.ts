import * as z from 'zod';
import { emailAddress } from '../email-address.ts';

/** Who the compliance handover (memo 147) tells, and when its reminders go. */
export const ComplianceConfigSchema = z.object({
  /** Who is told about evidence, selection, reminders and the ESF3 (the provider's compliance lead). */
  recipients: z.array(emailAddress).min(1),
  /** Who is told when actions go to the Contract Performance Review (the contract manager). */
  cprRecipients: z.array(emailAddress).min(1),
  /** Reminders before the 48-hour window closes, in clock hours before. */
  evidenceReminderHoursBefore: z.array(z.number().int().min(1).max(47)).default([24, 4]),
  /** Reminders before the one calendar month ends, in working days before its last day. */
  monthReminderWorkingDaysBefore: z.array(z.number().int().min(1).max(15)).default([5, 1]),
  /** Time of day (Europe/London) working-day reminders are sent. */
  noticeTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('09:00'),
});
export type ComplianceConfig = z.infer<typeof ComplianceConfigSchema>;

export function parseComplianceConfig(input: unknown): ComplianceConfig {
  const result = ComplianceConfigSchema.safeParse(input);
  if (!result.success) throw new Error(`Invalid compliance configuration: ${z.prettifyError(result.error)}`);
  return result.data;
}
