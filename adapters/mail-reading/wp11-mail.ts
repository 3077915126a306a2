import { type ReadWp11Options, readWp11, type Wp11Read } from '../../domain/information-session/wp11.ts';
import { formatReaders } from './formats.ts';
import { readInboundMail } from './parse-inbound.ts';

/** A WP11 read from raw bytes (the inbound handler reads the message once and passes it on; this is for tools). */
export async function readWp11Raw(
  raw: Buffer | string,
  opts: Omit<ReadWp11Options, 'readers'> = {},
): Promise<Wp11Read> {
  const { parsed, mail } = await readInboundMail(raw);
  return readWp11({ mail, rawSha256: parsed.rawSha256 }, { ...opts, readers: formatReaders });
}
