import { windows1252toString } from '@exodus/bytes/single-byte.js';
import PostalMime, { type Address } from 'postal-mime';
import type { MailAttachment, MailMessage } from '../../domain/mail/types.ts';

/**
 * Raw MIME → a `MailMessage`, with postal-mime. Every message/rfc822 part is kept as an attachment (its raw
 * bytes), so a request forwarded as an attached message is read by the caller, once, as a message of its own.
 *
 * postal-mime decodes a Windows-1252 (or ISO-8859-1, which WHATWG reads as Windows-1252) part with TextDecoder,
 * which on Node 20 decodes as Latin-1: ’ – “ ” come out as C1 control characters U+0080–U+009F. Those never
 * occur in mail text, so each is mapped back through @exodus/bytes's Windows-1252 table.
 */
export async function readMime(raw: Buffer): Promise<MailMessage> {
  const email = await PostalMime.parse(raw, {
    forceRfc822Attachments: true,
    attachmentEncoding: 'arraybuffer',
  });
  const header = (key: string) => email.headers.find((h) => h.key === key)?.value;
  const date = email.date === undefined ? Number.NaN : Date.parse(email.date);
  return {
    headerCount: email.headerLines.length,
    messageId: (email.messageId ?? '').trim(),
    from: addresses(email.from === undefined ? [] : [email.from])[0] ?? addressIn(header('from')),
    to: [...new Set([...addresses(email.to ?? []), ...addresses(email.cc ?? [])])],
    subject: repairWindows1252(email.subject ?? ''),
    sentAt: Number.isNaN(date) || !/[a-z0-9]/i.test(header('date') ?? '') ? null : new Date(date).toISOString(),
    readReceiptTo: addressIn(header('disposition-notification-to')),
    text: repairWindows1252(email.text ?? ''),
    html: email.html === undefined ? null : repairWindows1252(email.html),
    attachments: email.attachments.map(
      (attachment): MailAttachment => ({
        filename: attachment.filename === null ? null : repairWindows1252(attachment.filename),
        contentType: attachment.mimeType.toLowerCase(),
        content: toBuffer(attachment.content),
      }),
    ),
  };
}

/** C1 control characters are Windows-1252 bytes that Node's TextDecoder read as Latin-1: read them again. */
export function repairWindows1252(text: string): string {
  return /[\u0080-\u009f]/.test(text)
    ? text.replace(/[\u0080-\u009f]/g, (char) => windows1252toString(Uint8Array.of(char.charCodeAt(0))))
    : text;
}

function addresses(list: Address[]): string[] {
  const found: string[] = [];
  for (const entry of list) {
    for (const member of entry.group ?? [entry]) {
      const address = member.address?.trim().toLowerCase();
      if (address?.includes('@')) found.push(address);
    }
  }
  return found;
}

/** An address inside header text such as '"Name" <someone@host>'. */
function addressIn(text: string | undefined): string | null {
  const match = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/.exec(text ?? '');
  return match ? match[0].toLowerCase() : null;
}

function toBuffer(content: ArrayBuffer | Uint8Array | string): Buffer {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  return content instanceof Uint8Array
    ? Buffer.from(content.buffer, content.byteOffset, content.byteLength)
    : Buffer.from(content);
}
