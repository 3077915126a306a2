import { inflateRawSync } from 'node:zlib';

/**
 * A bounded read of a ZIP container (XLSX and DOCX are ZIP files) before any library unpacks it.
 * exceljs inflates every part into memory with no limit, so a 10 MB attachment could expand to gigabytes
 * (a "zip bomb") and take the process down. Here each entry is inflated with a hard output cap
 * (zlib's maxOutputLength), so a lying size field cannot get past it either.
 */
export interface ZipLimits {
  /** Total uncompressed bytes allowed across all entries. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Entries whose inflated bytes are kept and returned (others are only measured). */
  keep?: (name: string) => boolean;
}

export type ZipResult = { ok: true; entries: Map<string, Buffer> } | { ok: false; reason: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function inspectZip(data: Buffer, limits: ZipLimits): ZipResult {
  const eocd = findEndOfCentralDirectory(data);
  if (eocd < 0) {
    return { ok: false, reason: 'it is not a ZIP-based file (no central directory)' };
  }
  const count = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) {
    return { ok: false, reason: `it has ${count} parts, more than the ${limits.maxEntries} allowed` };
  }
  const entries = new Map<string, Buffer>();
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL) {
      return { ok: false, reason: 'its central directory is damaged' };
    }
    const method = data.readUInt16LE(offset + 10);
    const compressedSize = data.readUInt32LE(offset + 20);
    const declaredSize = data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const localOffset = data.readUInt32LE(offset + 42);
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;

    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localOffset === 0xffffffff) {
      return { ok: false, reason: 'it uses ZIP64 sizes, far beyond any form' };
    }
    if (total + declaredSize > limits.maxTotalBytes) {
      return { ok: false, reason: `it would unpack to more than ${megabytes(limits.maxTotalBytes)}` };
    }
    if (localOffset + 30 > data.length || data.readUInt32LE(localOffset) !== LOCAL) {
      return { ok: false, reason: 'a part of it is damaged' };
    }
    const dataStart = localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    const compressed = data.subarray(dataStart, dataStart + compressedSize);
    if (compressed.length !== compressedSize) {
      return { ok: false, reason: 'it is truncated' };
    }
    let inflated: Buffer;
    if (method === 0) {
      inflated = compressed;
    } else if (method === 8) {
      try {
        // One byte over the declared size is enough to prove the size field lied.
        inflated = inflateRawSync(compressed, { maxOutputLength: Math.max(declaredSize + 1, 1) });
      } catch {
        return { ok: false, reason: 'a part of it does not unpack to its declared size' };
      }
    } else {
      return { ok: false, reason: `it uses compression method ${method}, which is not read` };
    }
    if (inflated.length !== declaredSize) {
      return { ok: false, reason: 'a part of it does not unpack to its declared size' };
    }
    total += inflated.length;
    if (limits.keep?.(name)) {
      entries.set(name, inflated);
    }
  }
  return { ok: true, entries };
}

function findEndOfCentralDirectory(data: Buffer): number {
  const earliest = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= earliest; i--) {
    if (data.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
