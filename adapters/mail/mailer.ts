import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutboundMessage } from '../../ports/mail.ts';

/**
 * Local runtime: each message becomes `<timestamp>-<intentId>.eml` in the outbox folder, written atomically.
 * Idempotent per intent, across restarts: an intent already in the outbox is not written again.
 */
export class LocalOutboxMailer implements Mailer {
  readonly idempotent = true;
  private sent?: Map<string, string>;
  private readonly inFlight = new Map<string, Promise<{ messageId: string }>>();

  constructor(
    private readonly outboxDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  send(message: OutboundMessage): Promise<{ messageId: string }> {
    const key = safeFileName(message.intentId);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const work = this.sendOnce(message, key).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  /** The outbox's intents and their message ids, read once per mailer (after a restart: from the files). */
  private async sentIndex(): Promise<Map<string, string>> {
    if (this.sent) return this.sent;
    const index = new Map<string, string>();
    await mkdir(this.outboxDir, { recursive: true });
    for (const name of await readdir(this.outboxDir)) {
      const match = /^\d{8}T\d{9}Z-(.+)\.eml$/.exec(name);
      if (!match?.[1]) continue;
      const raw = await readFile(join(this.outboxDir, name));
      index.set(match[1], messageIdOf(raw) ?? name);
    }
    this.sent = index;
    return index;
  }

  private async sendOnce(message: OutboundMessage, key: string): Promise<{ messageId: string }> {
    const index = await this.sentIndex();
    const already = index.get(key);
    if (already) return { messageId: already };
    await mkdir(this.outboxDir, { recursive: true });
    const stamp = this.now().toISOString().replace(/[-:]/g, '').replace('.', '');
    const name = `${stamp}-${safeFileName(message.intentId)}.eml`;
    const finalPath = join(this.outboxDir, name);
    // Written under a name no reader picks up (no intent in it, no .eml ending), then renamed: a reader sees the
    // whole file or none of it.
    const tempPath = join(this.outboxDir, `${PARTIAL_PREFIX}${randomUUID()}`);
    await writeFile(tempPath, message.raw, { flag: 'wx' });
    await rename(tempPath, finalPath);
    const messageId = messageIdOf(message.raw) ?? name;
    index.set(key, messageId);
    return { messageId };
  }
}

/** The outbox's half-written files start so; the finished file is renamed to `<timestamp>-<intentId>.eml`. */
export const PARTIAL_PREFIX = '.partial-';

/** AWS: SES v2 SendEmail with the raw MIME. The returned id is the one SES assigns. */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly options: { configurationSetName?: string } = {},
  ) {}

  async send(message: OutboundMessage): Promise<{ messageId: string }> {
    const result = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: message.from,
        Destination: { ToAddresses: message.to },
        Content: { Raw: { Data: message.raw } },
        ConfigurationSetName: this.options.configurationSetName,
      }),
    );
    if (!result.MessageId) {
      throw new Error(`SES accepted intent ${message.intentId} but returned no MessageId`);
    }
    return { messageId: result.MessageId };
  }
}

function safeFileName(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return safe.slice(0, 120) || 'message';
}

/** The Message-ID header of a raw message (first header block only). */
export function messageIdOf(raw: Buffer): string | null {
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const headers = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  const match = /^message-id:\s*(<[^>\r\n]+>)/im.exec(headers);
  return match?.[1] ?? null;
}
