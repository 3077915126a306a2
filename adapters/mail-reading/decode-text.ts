import { windows1252toString } from '@exodus/bytes/single-byte.js';

/**
 * Bytes of a text attachment as text. Excel and Notepad write UTF-8 (with or without a BOM), UTF-16 with a BOM
 * ("Unicode text") or Windows-1252 (the "ANSI" default): anything that is not valid UTF-8 is read as
 * Windows-1252, which decodes every byte, so the result is always some text.
 *
 * Windows-1252 is decoded by @exodus/bytes, not TextDecoder: on Node 20 `new TextDecoder('windows-1252')`
 * decodes as Latin-1, so ’ – “ ” (bytes 0x80–0x9F) would become C1 control characters.
 */
export function decodeText(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(data.subarray(2));
  }
  if (data[0] === 0xfe && data[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(data.subarray(2));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return windows1252toString(data);
  }
}
