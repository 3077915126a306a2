import type { ExitReportCase } from '../../domain/exit-report/case.ts';
import type { NoticeIntent } from '../../domain/exit-report/lifecycle.ts';
import { CLERICAL_ROUTE_BANNER } from '../../domain/notices/continuity-notices.ts';
import type { RenderedNotice } from '../../ports/mail.ts';
import type { CaseHandlerDeps } from './deps.ts';

/** The mail service failed in a way worth retrying (throttled, unavailable): the workflow retries the step. */
export class MailUnavailable extends Error {
  override name = 'MailUnavailable';
}

const TRANSIENT_MAIL =
  /Throttl|TooManyRequests|ServiceUnavailable|InternalFailure|Timeout|ECONNRESET|ECONNREFUSED|MailUnavailable|StorageUnavailable/;

/** Intent claims outlive any retry by far; they expire with the mail copies. */
const CLAIM_KEEP_SECONDS = 100 * 86_400;

/**
 * Sends a message at most once per intent: a conditional write claims the intent before sending, and the
 * message id is recorded after. A retried step finds its claim and sends nothing. With a mailer that is itself
 * idempotent per intent (the local outbox), a claim left unrecorded by a crash is completed, so nothing is lost.
 */
export async function sendOnce(
  deps: Pick<CaseHandlerDeps, 'cases' | 'mailer' | 'now'>,
  intentId: string,
  message: () => Promise<{ raw: Buffer; from: string; to: string[] }>,
): Promise<{ sent: boolean; messageId: string | null }> {
  const now = deps.now();
  const claimed = await deps.cases.claimIntent(
    intentId,
    new Date(now).toISOString(),
    Math.floor(now / 1000) + CLAIM_KEEP_SECONDS,
  );
  if (!claimed) {
    if (!deps.mailer.idempotent) return { sent: false, messageId: null };
    // Claimed before. Recorded as sent: done. Not recorded: the sender died between claim and record; a mailer
    // that delivers each intent once (the local outbox) can be asked again and answers with the first id.
    const recorded = await deps.cases.sentMessageId(intentId);
    if (recorded !== null) return { sent: false, messageId: recorded };
  }
  let messageId: string;
  try {
    const built = await message();
    ({ messageId } = await deps.mailer.send({ ...built, intentId }));
  } catch (err) {
    // Not sent: release the claim so the retried step sends it. (Only a crash between the claim and the
    // send can lose a message: at most once, as the guidance needs for reports going to Jobcentre Plus.)
    await deps.cases.releaseIntent(intentId);
    const e = err as Error & { $retryable?: unknown };
    if (e.$retryable || TRANSIENT_MAIL.test(e.name ?? ''))
      throw new MailUnavailable(`${e.name}: ${e.message}`, { cause: err });
    throw err;
  }
  await deps.cases.recordSent(intentId, messageId);
  return { sent: true, messageId };
}

/** A notice about a case (its intent id starts with the case id) links to the case's page in the staff console. */
function withCaseLink(text: string, intentId: string, consoleUrl: string | undefined): string {
  const caseId = /^((?:er|is|cv|mi)-[A-Za-z0-9_-]+):/.exec(intentId)?.[1];
  return consoleUrl && caseId ? `${text}\n\nCase page: ${consoleUrl}/cases/${caseId}` : text;
}

/** Staff notices from a transition, each sent at most once. */
export function sendNotices(deps: CaseHandlerDeps, intents: readonly NoticeIntent[], record?: ExitReportCase) {
  return sendRenderedNotices(deps, intents, (intent) => deps.renderNotice(intent, deps.config, record));
}

/** Notices of any process, each sent at most once from the provider SPoC address, rendered by `render`. */
export async function sendRenderedNotices<Intent extends { intentId: string; to: string[] }>(
  deps: Pick<CaseHandlerDeps, 'cases' | 'mailer' | 'now' | 'config' | 'composeNotice' | 'continuity'>,
  intents: readonly Intent[],
  render: (intent: Intent) => RenderedNotice,
): Promise<void> {
  if (intents.length === 0) return;
  const suspended = (await deps.continuity()).suspendedSince !== null;
  for (const intent of intents) {
    await sendOnce(deps, intent.intentId, async () => {
      const rendered = render(intent);
      const subject = rendered.subject;
      // While email to Jobcentre Plus is suspended, every notice points to the clerical route (para 87).
      const body = suspended ? `${CLERICAL_ROUTE_BANNER}\n\n${rendered.text}` : rendered.text;
      const text = withCaseLink(body, intent.intentId, deps.config.consoleUrl);
      const from = deps.config.provider.spocAddress;
      const raw = await deps.composeNotice({ from, to: intent.to, subject, text, date: new Date(deps.now()) });
      return { raw, from, to: intent.to };
    });
  }
}
