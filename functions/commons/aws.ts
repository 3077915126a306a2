import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { composeNotice, composeReadReceipt } from '../../adapters/mail/compose.ts';
import { SesMailer } from '../../adapters/mail/mailer.ts';
import { s3RawMailStore } from '../../adapters/mail/s3-raw-mail.ts';
import { DynamoDbCaseTable } from '../../adapters/store/dynamodb-table.ts';
import { TableStore } from '../../adapters/store/table-store.ts';
import { SfnSignaller } from '../../adapters/workflow/sfn-signaller.ts';
import { type ProviderConfig, parseProviderConfig } from '../../domain/config.ts';
import { renderNotice } from '../../domain/notices/exit-report-notices.ts';
import type { RawMailStore } from '../../ports/mail.ts';
import { continuityReader } from './continuity.ts';
import type { CaseHandlerDeps } from './deps.ts';
import { requireEnv } from './environment.ts';
import { emfFigures, tracer } from './powertools.ts';

/**
 * The AWS side of every handler, wired once per Lambda container: environment read at cold start (a missing
 * variable fails loudly), SDK clients created once and traced, the provider configuration read from its SSM
 * parameter and cached for five minutes.
 */
const env = {
  tableName: requireEnv('CASES_TABLE_NAME'),
  mailBucket: requireEnv('MAIL_BUCKET_NAME'),
  configParameter: requireEnv('CONFIG_PARAMETER_NAME'),
  exitReportStateMachineArn: requireEnv('EXIT_REPORT_STATE_MACHINE_ARN'),
};

const db = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});
const sfn = tracer.captureAWSv3Client(new SFNClient({}));
const ses = tracer.captureAWSv3Client(new SESv2Client({}));
const s3 = tracer.captureAWSv3Client(new S3Client({}));

const cases = new TableStore(new DynamoDbCaseTable(db, env.tableName));
/** Every workflow's ARN, from the variables the functions stack sets: <WORKFLOW_ID>_STATE_MACHINE_ARN. */
const stateMachineArns = Object.fromEntries(
  Object.entries(process.env)
    .filter(([name, value]) => name.endsWith('_STATE_MACHINE_ARN') && value)
    .map(([name, value]) => [
      name.slice(0, -'_STATE_MACHINE_ARN'.length).toLowerCase().replaceAll('_', '-'),
      value as string,
    ]),
);
const signaller = new SfnSignaller(sfn, { ...stateMachineArns, 'exit-report': env.exitReportStateMachineArn });
const mailer = new SesMailer(ses);
const continuity = continuityReader({ cases });

async function providerConfig(): Promise<ProviderConfig> {
  const value = await getParameter(env.configParameter, { transform: 'json', maxAge: 300 });
  return parseProviderConfig(value);
}

export async function awsDeps(): Promise<CaseHandlerDeps> {
  return {
    cases,
    mailer,
    signaller,
    figures: emfFigures,
    config: await providerConfig(),
    now: () => Date.now(),
    renderNotice,
    composeNotice: (n) => composeNotice(n),
    continuity,
    rawMail: s3RawMail,
  };
}

/** SES's S3 action keeps each raw message at inbound/<SES message id>, encrypted; the handler reads it there. */
export const s3RawMail: RawMailStore = s3RawMailStore(s3, env.mailBucket);

export { composeReadReceipt };
