import * as z from 'zod';
import { emailAddress } from './email-address.ts';
import { MiReturnLifecycleOptionsSchema } from './mi-return/lifecycle.ts';
import { MiReturnConfigSchema } from './mi-return/return.ts';

/**
 * What a provider configures. In AWS it is one JSON SSM parameter (CONFIG_PARAMETER_NAME); locally it is
 * `wp.config.json` (or the built-in demo config). Validated once at start-up: a bad config fails loudly.
 */

export const ProviderConfigSchema = z.object({
  provider: z.object({
    name: z.string().min(1),
    /** The designated provider SPoC inbox: receives WPER2E, sends Exit Reports (paras 34, 72). */
    spocAddress: emailAddress,
    /** Who is alerted on breaches, sender errors and missing requests. */
    spocLeadAddress: emailAddress,
    /** Contract manager, alerted when a WPER3 escalates to the Performance Manager. */
    contractManagerAddress: emailAddress,
    /** Where caseworkers email completed Exit Reports for checking and sending. */
    submissionAddress: emailAddress,
    /** Work Programme Division, told when email has been suspended for 48 hours (para 87). */
    workProgrammeDivisionAddress: emailAddress,
    /** DWP security, told of an information security incident (a report sent to the wrong District, para 75). */
    dwpSecurityAddress: emailAddress.optional(),
  }),
  /** Designated Jobcentre Plus District SPoC addresses: the only senders whose requests are actioned (para 40). */
  designatedJcpSenders: z.array(emailAddress).min(1),
  /**
   * Mail domains whose staff may submit Exit Reports for sending: the provider's own (the SPoC address's) and
   * its approved sub-contractors' (para 72). Empty: the provider's own domain only.
   */
  staffSenderDomains: z.array(z.string().trim().toLowerCase().min(3)).default([]),
  /**
   * DWP-approved sub-contractors allowed the unencrypted email process (paras 15–17, 42–44): a participant's
   * `subContractor` names one by id; its designated inbox gets that participant's row of each request.
   */
  subContractors: z
    .array(z.object({ id: z.string().trim().min(1), name: z.string().trim().min(1), inbox: emailAddress }))
    .default([]),
  /** Internal reminders, in working days before the Exit Report due date. */
  reminderWorkingDaysBefore: z.array(z.number().int().min(1).max(9)).default([5, 2]),
  /** Working days after programme end with no WPER2E before the SPoC is told to contact Jobcentre Plus (para 27). */
  noRequestAlertWorkingDays: z.number().int().min(1).max(60).default(5),
  /** At most this many records per WPER2E; more is flagged and still processed (para 50). */
  maxRecordsPerForm: z.number().int().positive().default(40),
  /**
   * The day this provider began the unencrypted email process with Jobcentre Plus (YYYY-MM-DD). Before it, every
   * WPER2 came by post (memo 115: from w/c 27 May 2013, "sent daily via post to each provider SPOC"), so a clerical
   * WPER2 dated before it is accepted for any participant. Absent: no postal era (SCR, or email suspended, only).
   */
  emailRequestsFrom: z.iso.date().optional(),
  /** Time of day (Europe/London) at which reminders and alerts are sent. */
  noticeTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('09:00'),
  /** Information Sessions (ch.19): any of these override the defaults (domain/information-session/lifecycle.ts). */
  informationSession: z
    .object({
      /**
       * Who runs the sessions when a referral names no caseworker (default: the SPoC lead). Never the SPoC inbox
       * the notices are sent from: a task sent there reaches nobody.
       */
      teamAddress: emailAddress,
      /** Session reminders, in calendar days before the 15-day date (default 5 and 1). */
      sessionReminderDaysBefore: z.array(z.number().int().min(1).max(14)),
      /** Attachment reminders, in calendar days before the 28-day date (default 5 and 1). */
      attachmentReminderDaysBefore: z.array(z.number().int().min(1).max(27)),
      /** An unconfirmed task (PRaP cancellation, a DNA notice) is chased every N working days (default 1). */
      chaseEveryWorkingDays: z.number().int().min(1).max(10),
      /** At most this many chases per task (default 5). */
      maxChases: z.number().int().min(0).max(20),
    })
    .partial()
    .default({}),
  /**
   * The monthly Job Entry MI return (memo 176): contract number, provider name, addresses, and optionally the
   * reminder and send times (domain/mi-return/lifecycle.ts). Absent: no MI return is scheduled.
   */
  miReturn: MiReturnConfigSchema.extend(
    MiReturnLifecycleOptionsSchema.omit({ spocLeadAddress: true }).shape,
  ).optional(),
  /** Compliance handover (memo 147): who is told, and the reminders (domain/compliance/lifecycle.ts). */
  compliance: z
    .object({
      /** The provider's compliance lead(s) (default: the SPoC lead). */
      recipients: z.array(emailAddress).min(1),
      /** Told when actions go to the Contract Performance Review (default: the contract manager). */
      cprRecipients: z.array(emailAddress).min(1),
      /** Reminders before the 48-hour window closes, in hours (default 24 and 4). */
      evidenceReminderHoursBefore: z.array(z.number().int().min(1).max(47)),
      /** Reminders before the calendar month ends, in working days (default 5 and 1). */
      monthReminderWorkingDaysBefore: z.array(z.number().int().min(1).max(15)),
    })
    .partial()
    .default({}),
  /**
   * The staff console's address (issue 16), e.g. https://console.provider.example: each staff notice about a case
   * links to the case's page there. Absent: no link. `npm start` sets its own loopback address.
   */
  consoleUrl: z
    .string()
    .regex(/^https?:\/\/[^\s/]+$/, 'expected the console address without a path, e.g. https://console.provider.example')
    .optional(),
});

export type ProviderConfig = z.infer<typeof ProviderConfigSchema>;

export function parseProviderConfig(input: unknown): ProviderConfig {
  const result = ProviderConfigSchema.safeParse(input);
  if (!result.success) {
    throw new Error(`Invalid provider configuration: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** The configuration the local demo runs with: invented addresses on reserved domains, no real data. */
export const demoProviderConfig: ProviderConfig = parseProviderConfig({
  provider: {
    name: 'Avanta',
    spocAddress: 'exit-reports@provider.example',
    spocLeadAddress: 'spoc-lead@provider.example',
    contractManagerAddress: 'contract-manager@provider.example',
    submissionAddress: 'submit-exit-report@provider.example',
    workProgrammeDivisionAddress: 'wpd@dwp.example',
    dwpSecurityAddress: 'security-incidents@dwp.example',
  },
  designatedJcpSenders: ['district-spoc.north@jcp.example', 'district-spoc.south@jcp.example'],
  // Invented: the day this demo provider's first emailed WPER2E came (memo 115's paper WPER2s before it).
  emailRequestsFrom: '2013-11-04',
  informationSession: { teamAddress: 'information-sessions@provider.example' },
  subContractors: [
    { id: 'SC-01', name: 'Northern Skills Partnership', inbox: 'exit-reports@northern-skills.example' },
    { id: 'SC-02', name: 'Pennine Employment Trust', inbox: 'wp-exit@pennine-trust.example' },
  ],
  miReturn: {
    contractNumber: '4001234',
    providerName: 'Avanta',
    miReturnsAddress: 'mi-returns@dwp.example',
    performanceManagerAddress: 'performance-manager@dwp.example',
    fromAddress: 'exit-reports@provider.example',
    leadContactAddress: 'mi-lead@provider.example',
    deputyAddress: 'mi-deputy@provider.example',
  },
});
