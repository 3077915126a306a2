import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { parseInboundMail } from '../../adapters/mail-reading/parse-inbound.ts';
import { type SmtpInbound, startSmtpInbound } from '../../local/smtp-inbound.ts';

type Received = { raw: Buffer; envelope: { from: string; to: string[] } };

function transportTo(port: number) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5000,
  });
}

describe('local SMTP inbound', () => {
  let server: SmtpInbound | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('hands each raw message and its envelope to onMessage, byte for byte readable', async () => {
    // Prepare
    const received: Received[] = [];
    server = await startSmtpInbound({
      port: 0,
      onMessage: async (raw, envelope) => {
        received.push({ raw, envelope });
      },
    });
    const raw = await readFile(join(import.meta.dirname, '..', 'fixtures', 'mail', 'wper2e-xlsx.eml'));
    // Act
    const info = await transportTo(server.port).sendMail({
      envelope: { from: 'District-SPoC.North@jcp.example', to: ['exit-reports@provider.example'] },
      raw,
    });
    // Assess
    expect(info.accepted).toEqual(['exit-reports@provider.example']);
    expect(received).toHaveLength(1);
    expect(received[0]?.envelope).toEqual({
      from: 'district-spoc.north@jcp.example',
      to: ['exit-reports@provider.example'],
    });
    const parsed = await parseInboundMail(received[0]?.raw ?? Buffer.alloc(0));
    expect(parsed.kind).toBe('exit-report-request');
    expect(parsed.forms[0]?.rows).toHaveLength(3);
  });

  it('refuses a message over the size limit with a clear 552, and carries on', async () => {
    const received: Received[] = [];
    server = await startSmtpInbound({
      port: 0,
      maxMessageBytes: 10_000,
      onMessage: async (raw, envelope) => void received.push({ raw, envelope }),
    });
    const transport = transportTo(server.port);
    const big = {
      from: 'a@jcp.example',
      to: 'exit-reports@provider.example',
      subject: 'big',
      text: 'x'.repeat(50_000),
    };
    await expect(transport.sendMail(big)).rejects.toMatchObject({ responseCode: 552 });
    await expect(transport.sendMail({ ...big, text: 'small' })).resolves.toMatchObject({
      accepted: ['exit-reports@provider.example'],
    });
    expect(received).toHaveLength(1);
  });

  it('answers 451 (try again later) when storing fails, so the sender keeps the message, and carries on', async () => {
    let fail = true;
    const received: Received[] = [];
    server = await startSmtpInbound({
      port: 0,
      onMessage: async (raw, envelope) => {
        if (fail) throw new Error('disk full');
        received.push({ raw, envelope });
      },
    });
    const transport = transportTo(server.port);
    const mail = { from: 'a@jcp.example', to: 'exit-reports@provider.example', subject: 'retry me', text: 'hello' };
    await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 451 });
    fail = false;
    await transport.sendMail(mail);
    expect(received).toHaveLength(1);
  });

  it('also answers 451 when onMessage throws synchronously', async () => {
    server = await startSmtpInbound({
      port: 0,
      onMessage: (() => {
        throw new Error('boom');
      }) as unknown as () => Promise<void>,
    });
    await expect(
      transportTo(server.port).sendMail({ from: 'a@jcp.example', to: 'b@provider.example', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 451 });
  });

  it('listens on the loopback interface only, and reports a busy port', async () => {
    server = await startSmtpInbound({ port: 0, onMessage: async () => {} });
    await expect(startSmtpInbound({ port: server.port, onMessage: async () => {} })).rejects.toThrow(/EADDRINUSE/);
  });
});
