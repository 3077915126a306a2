/**
 * Bytes of a text attachment as text. Excel and Notepad write UTF-8 (with or without a BOM), UTF-16 with a BOM
 * ("Unicode text") or Windows-1252 (the "ANSI" default): anything that is not valid UTF-8 is read as
 * Windows-1252, which decodes every byte, so the result is always some text.
 */
export function decodeText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(data.subarray(2));
  }
  if (data[0] === 0xfe && data[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(data.subarray(2));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('windows-1252').decode(data);
  }
}
