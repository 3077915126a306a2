import { formatReaders } from '../../adapters/mail-reading/formats.ts';
import {
  checkWp11AgainstCase,
  isWp11Actionable,
  readWp11,
  type Wp11Read,
  wp11Event,
} from '../../domain/information-session/wp11.ts';
import type { MailMessage } from '../../domain/mail/types.ts';
import { maskNino } from '../../domain/nino.ts';
import { deliverToRecord } from '../commons/deliver.ts';
import type { CaseHandlerDeps } from '../commons/deps.ts';
import {
  informationSessionIndexKey,
  informationSessionProcess,
  informationSessionRecordKind,
} from '../commons/processes/information-session.ts';

export type Wp11Outcome =
  | { status: 'not-a-wp11' }
  | { status: 'rejected'; message: string }
  | { status: 'actioned' | 'flagged'; actioned: number; flaggedRows: string[] };

/**
 * A message the Exit Report reader did not recognise may be a WP11 from Jobcentre Plus (ch.19 para 5): read it
 * with the WP11 reader, check it against the participant's Information Session case, and deliver it to the case.
 * The sender has already passed the same checks as any Jobcentre Plus mail. A WP11 that names no case, or the
 * wrong one, is flagged to the SPoC lead, never dropped.
 */
export async function actionWp11(
  deps: Pick<CaseHandlerDeps, 'cases' | 'signaller' | 'now' | 'config'>,
  message: { mail: MailMessage | null; rawSha256: string },
): Promise<Wp11Outcome> {
  const read: Wp11Read = await readWp11(message, {
    jcpSenders: deps.config.designatedJcpSenders,
    readers: formatReaders,
  });
  if (!read.isWp11) return { status: 'not-a-wp11' };
  const blocking = read.findings.find((f) => f.severity === 'reject');
  if (!isWp11Actionable(read) || read.nino === null) {
    return { status: 'rejected', message: blocking?.message ?? 'The WP11 could not be read: not actioned.' };
  }
  const flaggedRows = read.findings.filter((f) => f.severity === 'flag').map((f) => `WP11: ${f.message}`);
  const records = deps.cases.recordsOf(informationSessionRecordKind);
  const cases = await records.findByIndex(informationSessionIndexKey(read.nino));
  // The participant's latest Information Session referral is the one the WP11 follows.
  const found = cases.sort((a, b) => b.referral.referralDate.localeCompare(a.referral.referralDate))[0];
  if (!found) {
    flaggedRows.push(
      `WP11 for ${maskNino(read.nino)}: no Information Session referral on record. Check with Jobcentre Plus, and record the referral if it arrived clerically.`,
    );
    return { status: 'flagged', actioned: 0, flaggedRows };
  }
  const against = checkWp11AgainstCase(read, found);
  const wrong = against.find((f) => f.severity === 'reject');
  if (wrong) return { status: 'rejected', message: wrong.message };
  flaggedRows.push(...against.map((f) => `WP11: ${f.message}`));
  const receivedAt = new Date(deps.now()).toISOString();
  await deliverToRecord(deps, records, informationSessionProcess.id, found.caseId, wp11Event(read, receivedAt));
  return { status: flaggedRows.length > 0 ? 'flagged' : 'actioned', actioned: 1, flaggedRows };
}
