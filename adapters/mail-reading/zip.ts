import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/**
 * A bounded read of a ZIP container (XLSX and DOCX are ZIP files), with yauzl. Limits first, from the central
 * directory: the number of parts and the total of their declared sizes. Then only the parts asked for are
 * inflated, and yauzl's entry-size validation stops a part whose real size is not the one it declares (a
 * "zip bomb" lying about its size cannot get past the total), as does a hard cap on the bytes read per part.
 */
export interface ZipLimits {
  /** Total uncompressed bytes allowed across all entries (as declared, and as read for the kept ones). */
  maxTotalBytes: number;
  maxEntries: number;
  /** Entries whose inflated bytes are returned; the others are only counted. */
  keep: (name: string) => boolean;
}

export type ZipResult = { ok: true; entries: Map<string, Buffer> } | { ok: false; reason: string };

export async function readZip(data: Buffer, limits: ZipLimits): Promise<ZipResult> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: false,
      decodeStrings: true,
    });
  } catch {
    return { ok: false, reason: 'it is not a ZIP-based file (no readable central directory)' };
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      return { ok: false, reason: `it has ${zip.entryCount} parts, more than the ${limits.maxEntries} allowed` };
    }
    const entries = new Map<string, Buffer>();
    let declared = 0;
    for (let entry = await nextEntry(zip); entry !== null; entry = await nextEntry(zip)) {
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes) {
        return { ok: false, reason: `it would unpack to more than ${megabytes(limits.maxTotalBytes)}` };
      }
      if (!limits.keep(entry.fileName) || entry.fileName.endsWith('/')) continue;
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        return { ok: false, reason: `it uses compression method ${entry.compressionMethod}, which is not read` };
      }
      const bytes = await readAll(await zip.openReadStreamPromise(entry), entry.uncompressedSize);
      if (bytes === null) return { ok: false, reason: 'a part of it does not unpack to its declared size' };
      entries.set(entry.fileName, bytes);
    }
    return { ok: true, entries };
  } catch (error) {
    return { ok: false, reason: zipReason(error) };
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** The part's bytes, or null as soon as more than `limit` come out (yauzl also errors on any size mismatch). */
async function readAll(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      length += (chunk as Buffer).length;
      if (length > limit) {
        stream.destroy();
        return null;
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    return null;
  }
  return length === limit ? Buffer.concat(chunks) : null;
}

function zipReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/size|too many bytes|too few bytes/i.test(message)) return 'a part of it does not unpack to its declared size';
  return 'it is damaged';
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
