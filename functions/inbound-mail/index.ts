import type { SESEvent } from 'aws-lambda';
import { awsDeps, composeReadReceipt, s3RawMail } from '../commons/aws.ts';
import { lambda } from '../commons/middy.ts';
import { logger } from '../commons/powertools.ts';
import { type InboundOutcome, makeInboundMailHandler } from './handler.ts';

/** The raw message's key: the SES receipt rule's S3 action writes it under this prefix. */
export const RAW_MAIL_PREFIX = 'inbound/';

/**
 * SES receipt rule Lambda action (asynchronous, after the S3 action): the event has the headers and verdicts
 * only; the body is read from S3. A failure is retried by Lambda and then lands in the dead-letter queue; the
 * raw message stays in S3 either way, so nothing is lost.
 */
export const handler = lambda(async (event: SESEvent) => {
  const inbound = makeInboundMailHandler({ ...(await awsDeps()), rawMail: s3RawMail, composeReadReceipt });
  const outcomes: InboundOutcome[] = [];
  for (const record of event.Records) {
    const { mail, receipt } = record.ses;
    const outcome = await inbound({
      messageKey: `${RAW_MAIL_PREFIX}${mail.messageId}`,
      envelopeRecipients: receipt.recipients,
      verdicts: {
        spf: receipt.spfVerdict?.status,
        dkim: receipt.dkimVerdict?.status,
        dmarc: receipt.dmarcVerdict?.status,
        spam: receipt.spamVerdict?.status,
        virus: receipt.virusVerdict?.status,
      },
    });
    logger.info('inbound mail', { ...outcome });
    outcomes.push(outcome);
  }
  return outcomes;
});
