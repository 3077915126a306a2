import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import * as z from 'zod';
import { emailAddress } from '../domain/email-address.ts';

/**
 * What DevOps chooses per deployment, read from CDK context (`cdk.json`, `cdk.context.json` or `-c key=value`).
 * Every value has a default, so `npx cdk synth` works with no context, no account and no network.
 */
export interface WpSettings {
  /** Deployment name, part of every resource name: `wp-<envName>-…`. */
  readonly envName: string;
  /** The domain SES receives mail for (MX record) and sends from (verified identity). */
  readonly mailDomain: string;
  /** Receipt rule recipients: whole domains or single addresses, all within `mailDomain`. */
  readonly recipients: readonly string[];
  /** Optional address subscribed to the alarm topic (it must confirm the subscription). */
  readonly alarmEmail: string | undefined;
  /** SSM parameter (String) holding the ProviderConfig JSON; created by DevOps, read by the functions. */
  readonly configParameterName: string;
  /** Retention of every log group (Lambda and Step Functions). */
  readonly logRetention: RetentionDays;
  /** Days raw inbound mail and sent report copies are kept: 3 months, the longest being 93 days. */
  readonly mailRetentionDays: number;
  /** Reject inbound mail not delivered over TLS (SES receipt rule TlsPolicy=Require). */
  readonly requireTls: boolean;
}

const hostname = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const recipient = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => hostname.test(value) || emailAddress.safeParse(value).success, 'an email address or a domain');

const allowedRetentionDays = new Set<number>(
  Object.values(RetentionDays).filter((value): value is number => typeof value === 'number'),
);

/** Context values from `-c key=value` arrive as strings; from cdk.json they may be arrays, numbers or booleans. */
const list = z.union([z.array(z.string()), z.string().transform((value) => value.split(',').map((s) => s.trim()))]);
const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);
const int = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

const SettingsSchema = z
  .object({
    env: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,15}$/, 'lower-case letters, digits and hyphens, at most 16 characters')
      .default('dev'),
    mailDomain: z.string().trim().toLowerCase().regex(hostname, 'a DNS domain name').default('wp.provider.example'),
    recipients: list.pipe(z.array(recipient).min(1)).optional(),
    alarmEmail: emailAddress.optional(),
    configParameterName: z
      .string()
      .regex(/^\/[A-Za-z0-9_.\-/]+$/, 'an SSM parameter path such as /wp-orchestrator/prod/provider-config')
      .optional(),
    logRetentionDays: int
      .refine((days) => allowedRetentionDays.has(days), 'one of the CloudWatch Logs retention values')
      .default(RetentionDays.THREE_MONTHS),
    mailRetentionDays: int.pipe(z.number().min(93).max(400)).default(93),
    requireTls: bool.default(true),
  })
  .superRefine((value, ctx) => {
    for (const r of value.recipients ?? []) {
      const domain = r.includes('@') ? r.slice(r.indexOf('@') + 1) : r;
      if (domain !== value.mailDomain && !domain.endsWith(`.${value.mailDomain}`)) {
        ctx.addIssue({ code: 'custom', path: ['recipients'], message: `${r} is not within ${value.mailDomain}` });
      }
    }
  });

const CONTEXT_KEYS = [
  'env',
  'mailDomain',
  'recipients',
  'alarmEmail',
  'configParameterName',
  'logRetentionDays',
  'mailRetentionDays',
  'requireTls',
] as const;

/** Reads and validates the deployment settings; a bad value fails synth with the key and the reason. */
export function readSettings(node: Node): WpSettings {
  const raw: Record<string, unknown> = {};
  for (const key of CONTEXT_KEYS) {
    const value: unknown = node.tryGetContext(key);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const result = SettingsSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(`Invalid CDK context for wp-orchestrator: ${z.prettifyError(result.error)}`);
  }
  const s = result.data;
  return {
    envName: s.env,
    mailDomain: s.mailDomain,
    recipients: s.recipients ?? [s.mailDomain],
    alarmEmail: s.alarmEmail,
    configParameterName: s.configParameterName ?? `/wp-orchestrator/${s.env}/provider-config`,
    logRetention: s.logRetentionDays as RetentionDays,
    mailRetentionDays: s.mailRetentionDays,
    requireTls: s.requireTls,
  };
}
