/**
 * The single DynamoDB table: the case record is the source of truth. Key design (the CDK storage stack creates
 * the same shape):
 *   CASE#<caseId> / CASE                the case record (stage, dates with explanations, inbox, audit)
 *   CASE#<caseId> / SUBMISSION#<event>  a caseworker's submitted report, until sent (TTL)
 *   CASE#<caseId> / REPORT#<cycle>      the copy of the report as sent, kept 3 months (TTL)
 *   CASE#<caseId> / CONSOLE#AUDIT#<at>#<id>  one console action on the case, who did it (TTL seven years)
 *   PARTICIPANT#<nino>#<referralDate>   which case belongs to a referral (idempotent case creation)
 *   MSG#<message key> / MSG             an inbound message's outcome (idempotency on the message)
 *   SENT#<intentId> / SENT              an outbound message claimed before sending (sent at most once)
 * GSI gsi1: gsi1pk NINO#<nino> → the participant's cases; gsi1pk STAGE#<stage> / gsi1sk <next deadline>.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsi1: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  ttlAttribute: 'expiresAt',
} as const;

export const casePk = (caseId: string) => `CASE#${caseId}`;
export const CASE_SK = 'CASE';
export const participantPk = (nino: string, referralDate: string) => `PARTICIPANT#${nino}#${referralDate}`;
export const messagePk = (messageKey: string) => `MSG#${messageKey}`;
export const sentPk = (intentId: string) => `SENT#${intentId}`;

/** Storage failed for a reason worth retrying (throttling, a brief outage): the workflow retries with jitter. */
export class StorageUnavailable extends Error {
  override name = 'StorageUnavailable';
}

/** Another writer changed the case first: re-read and retry. */
export class CaseVersionConflict extends Error {
  override name = 'CaseVersionConflict';
}

export class CaseNotFound extends Error {
  override name = 'CaseNotFound';
}

const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
]);

/** Maps SDK failures to the domain's retryable error, keeping the original as the cause. */
export function storageError(err: unknown): Error {
  const e = err as { name?: string; code?: string; message?: string };
  if (TRANSIENT.has(e.name ?? '') || TRANSIENT.has(e.code ?? '')) {
    return new StorageUnavailable(`${e.name ?? e.code}: ${e.message ?? ''}`, { cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}
