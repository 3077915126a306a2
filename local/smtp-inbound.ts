import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/**
 * The local stand-in for SES inbound: an SMTP server on the loopback interface that hands each raw message
 * and its envelope to `onMessage` (which stores it before the 250 reply; the same handler as in AWS runs after).
 *
 * - No authentication and no TLS: it listens on 127.0.0.1 only, for a developer's mail client or a test.
 * - Messages over `maxMessageBytes` are refused with 552 (the sender keeps the message and knows why).
 * - If `onMessage` fails, the message is refused with 451, a temporary failure: the sending client keeps it
 *   and retries, so a message is never lost and the server never crashes.
 */
export interface SmtpInboundOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  maxMessageBytes?: number;
  onMessage: (raw: Buffer, envelope: { from: string; to: string[] }) => Promise<void>;
  /** Called with errors the server reports (socket resets and the like); they never stop it. */
  onError?: (error: Error) => void;
}

export interface SmtpInbound {
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_SMTP_PORT = 2525;
export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

type SmtpError = Error & { responseCode?: number };

function smtpError(message: string, responseCode: number): SmtpError {
  const error: SmtpError = new Error(message);
  error.responseCode = responseCode;
  return error;
}

export async function startSmtpInbound(options: SmtpInboundOptions): Promise<SmtpInbound> {
  const host = options.host ?? '127.0.0.1';
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;

  const server = new SMTPServer({
    name: 'wp-orchestrator.local',
    banner: 'wp-orchestrator local inbound',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxMessageBytes,
    maxClients: 50,
    logger: false,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const chunks: Buffer[] = [];
      let received = 0;
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length;
        // Keep reading to the end of DATA (the protocol needs it), but stop keeping bytes once over the limit.
        if (received <= maxMessageBytes) chunks.push(chunk);
      });
      stream.on('error', (error: Error) => callback(smtpError(`Message not accepted: ${error.message}`, 451)));
      stream.on('end', () => {
        if (stream.sizeExceeded || received > maxMessageBytes) {
          callback(
            smtpError(
              `Message too large: the limit is ${Math.floor(maxMessageBytes / 1024 / 1024)} MB (${maxMessageBytes} bytes)`,
              552,
            ),
          );
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
        };
        let settled = false;
        const settle = (error?: Error): void => {
          if (settled) return;
          settled = true;
          callback(error ?? null);
        };
        try {
          options.onMessage(raw, envelope).then(
            () => settle(),
            () => settle(smtpError('Temporary failure storing the message: please try again later', 451)),
          );
        } catch {
          settle(smtpError('Temporary failure storing the message: please try again later', 451));
        }
      });
    },
  });
  server.on('error', (error: Error) => options.onError?.(error));

  await new Promise<void>((resolve, reject) => {
    const onListenError = (error: Error): void => reject(error);
    server.server.once('error', onListenError);
    server.listen(options.port ?? DEFAULT_SMTP_PORT, host, () => {
      server.server.off('error', onListenError);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
