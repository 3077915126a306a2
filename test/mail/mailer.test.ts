import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeNotice } from '../../adapters/mail/compose.ts';
import { LocalOutboxMailer, messageIdOf, SesMailer } from '../../adapters/mail/mailer.ts';
import { parseInboundMail } from '../../adapters/mail-reading/parse-inbound.ts';

const message = async (intentId: string) => ({
  raw: await composeNotice({
    from: 'exit-reports@provider.example',
    to: 'spoc-lead@provider.example',
    subject: 'Exit Report overdue',
    text: 'Send it today.',
    messageId: `<${intentId}@provider.example>`,
  }),
  from: 'exit-reports@provider.example',
  to: ['spoc-lead@provider.example'],
  intentId,
});

describe('mailers', () => {
  describe('local outbox', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'wp-outbox-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('writes <timestamp>-<intentId>.eml that parses back, and leaves no temporary file', async () => {
      // Prepare
      const outbox = join(dir, 'outbox');
      const mailer = new LocalOutboxMailer(outbox, () => new Date('2024-06-14T08:00:00.123Z'));
      // Act
      const result = await mailer.send(await message('notice-overdue-WP-000123'));
      // Assess
      expect(result).toEqual({ messageId: '<notice-overdue-WP-000123@provider.example>' });
      const files = await readdir(outbox);
      expect(files).toEqual(['20240614T080000123Z-notice-overdue-WP-000123.eml']);
      const parsed = await parseInboundMail(await readFile(join(outbox, files[0] ?? '')));
      expect(parsed.subject).toBe('Exit Report overdue');
    });

    it('keeps an intent id from escaping the folder', async () => {
      const mailer = new LocalOutboxMailer(dir, () => new Date('2024-06-14T08:00:00Z'));
      await mailer.send(await message('../../etc/passwd'));
      const files = await readdir(dir);
      expect(files).toHaveLength(1);
      expect(files).toEqual(['20240614T080000000Z-__.._etc_passwd.eml']);
    });

    it('writes one file per intent, however often and however concurrently it is sent, also after a restart', async () => {
      let ms = Date.parse('2024-06-14T08:00:00Z');
      const mailer = new LocalOutboxMailer(dir, () => new Date(ms++));
      const [a, b] = await Promise.all([mailer.send(await message('same')), mailer.send(await message('same'))]);
      const c = await mailer.send(await message('same'));
      // A new mailer on the same folder (the process restarted) knows the intent from the files.
      const d = await new LocalOutboxMailer(dir, () => new Date(ms++)).send(await message('same'));
      expect(await readdir(dir)).toHaveLength(1);
      expect(new Set([a.messageId, b.messageId, c.messageId, d.messageId]).size).toBe(1);
      await mailer.send(await message('other'));
      expect(await readdir(dir)).toHaveLength(2);
    });
  });

  describe('SES', () => {
    it('sends the raw MIME with SendEmail and returns the SES message id', async () => {
      // Prepare
      const sent: SendEmailCommand[] = [];
      const client = {
        send: async (command: SendEmailCommand) => {
          sent.push(command);
          return { MessageId: '0100018f-ses-id' };
        },
      } as unknown as SESv2Client;
      const outbound = await message('intent-1');
      // Act
      const result = await new SesMailer(client, { configurationSetName: 'wp' }).send(outbound);
      // Assess
      expect(result).toEqual({ messageId: '0100018f-ses-id' });
      expect(sent).toHaveLength(1);
      expect(sent[0]?.input).toEqual({
        FromEmailAddress: 'exit-reports@provider.example',
        Destination: { ToAddresses: ['spoc-lead@provider.example'] },
        Content: { Raw: { Data: outbound.raw } },
        ConfigurationSetName: 'wp',
      });
    });

    it('fails loudly when SES returns no message id, so the intent is not marked sent', async () => {
      const client = { send: async () => ({}) } as unknown as SESv2Client;
      await expect(new SesMailer(client).send(await message('intent-2'))).rejects.toThrow(/no MessageId/);
    });
  });

  it('reads the Message-ID of a raw message, folded or not', () => {
    expect(messageIdOf(Buffer.from('Subject: x\r\nMessage-ID:\r\n <a@b.example>\r\n\r\nbody'))).toBe('<a@b.example>');
    expect(messageIdOf(Buffer.from('Subject: x\r\n\r\nMessage-ID: <in-body@b.example>'))).toBeNull();
  });
});
