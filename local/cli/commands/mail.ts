import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import nodemailer from 'nodemailer';
import { DEFAULT_SMTP_PORT, fail } from '../settings.ts';
import { sendsStaffAction } from '../staff-action-client.ts';

/** `wp mail inject <file.eml>`: delivers a raw message to the running system over SMTP, as a mail server would. */
export function register(program: Command): void {
  const mail = program.command('mail').description('inbound mail for the running local system');
  mail
    .command('inject')
    .description('deliver a raw .eml to the running system (npm start) over loopback SMTP')
    .argument('<files...>', '.eml files')
    .option('--smtp-port <port>', "the running system's SMTP port", String(DEFAULT_SMTP_PORT))
    .option('--to <address>', 'envelope recipient (default: the To header)')
    .action(async (files: string[], options: { smtpPort: string; to?: string }) => {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: Number(options.smtpPort),
        secure: false,
        ignoreTLS: true,
      });
      try {
        for (const file of files) {
          const raw = readFileSync(file);
          const header = raw.subarray(0, 8192).toString('utf8');
          const from = /^From:.*?([^\s<>"]+@[^\s<>"]+)/im.exec(header)?.[1] ?? 'unknown@invalid';
          const to =
            options.to ?? /^To:.*?([^\s<>"]+@[^\s<>"]+)/im.exec(header)?.[1] ?? 'exit-reports@provider.example';
          const info = await transport.sendMail({ envelope: { from, to: [to] }, raw });
          process.stdout.write(`${file}: ${info.response}\n`);
        }
      } catch (err) {
        fail(`${(err as Error).message} — is the system running (npm start)?`, 1);
      } finally {
        transport.close();
      }
    });
  sendsStaffAction(
    mail
      .command('destroy')
      .description(
        'destroy a form agreed with the District SPoC to be sent in error, keeping the record (paras 46, 49)',
      )
      .requiredOption('--message <key>', "the message's key (the console's Inbound mail page)")
      .requiredOption('--grounds <grounds>', 'sent-in-error | not-designated-inbox')
      .requiredOption('--reason <text>', 'what was agreed, and with whom')
      .requiredOption('--by <email>', 'who destroys it'),
    (o) => ({
      action: 'destroy-inbound-message',
      message: o.message,
      grounds: o.grounds,
      reason: o.reason,
      by: o.by,
    }),
  );
}
