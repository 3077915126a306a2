import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeExitReportEmail, composeNotice, composeReadReceipt } from '../../adapters/mail/compose.ts';
import { LocalOutboxMailer } from '../../adapters/mail/mailer.ts';
import type { ProviderConfig } from '../../domain/config.ts';
import { checkExitReport } from '../../domain/exit-report/content-check.ts';
import { renderNotice } from '../../domain/notices/exit-report-notices.ts';
import type { RawMailStore } from '../../ports/mail.ts';
import type { Clock } from './clock.ts';

/**
 * The real mail pieces for the local runtime: notices rendered in plain English, MIME built by nodemailer,
 * the outbox a folder of .eml files (the same bytes SES would send), the inbox a folder of raw messages.
 */
export function localMailWiring(options: { dataDir: string; config: ProviderConfig; clock: Clock }) {
  const now = () => new Date(options.clock.now());
  return {
    config: options.config,
    mailer: new LocalOutboxMailer(join(options.dataDir, 'outbox'), now),
    renderNotice,
    composeNotice: (n: { from: string; to: string[]; subject: string; text: string; date: Date }) => composeNotice(n),
    checkReport: checkExitReport,
    composeExitReport: (input: {
      from: string;
      to: string;
      report: Parameters<typeof composeExitReportEmail>[0]['report'];
      date?: Date;
    }) => composeExitReportEmail(input),
    composeReadReceipt,
    rawMail: new LocalInbox(join(options.dataDir, 'inbox')),
  };
}

/**
 * Raw inbound messages on disk, as SES's S3 action keeps them in AWS: each message is written (atomically)
 * before it is handled, so it is never lost, whatever the handler does.
 */
export class LocalInbox implements RawMailStore {
  constructor(readonly dir: string) {}

  async store(key: string, raw: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = this.path(key);
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, raw);
    await rename(temp, path);
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  private path(key: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(key)) throw new Error(`Unsafe inbox key ${key}`);
    return join(this.dir, `${key}.eml`);
  }
}
