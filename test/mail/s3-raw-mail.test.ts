import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3RawMailStore } from '../../adapters/mail/s3-raw-mail.ts';

/**
 * The AWS raw-mail adapter's destroy (paras 46, 49) against a small S3 stand-in on loopback that answers the two
 * calls it makes (ListObjectVersions, paged two entries at a time, and DeleteObject with a version id), so the real
 * SDK client builds and parses the requests: every version and delete marker of the key goes, nothing else.
 */
interface Entry {
  key: string;
  versionId: string;
  marker: boolean;
}

describe('s3RawMailStore.delete', () => {
  let server: Server;
  let s3: S3Client;
  let entries: Entry[];
  const deleted: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://s3.local');
      const [, bucket, ...rest] = url.pathname.split('/');
      if (bucket !== 'mail') return res.writeHead(404).end();
      if (req.method === 'GET' && url.searchParams.has('versions')) {
        const prefix = url.searchParams.get('prefix') ?? '';
        const after = url.searchParams.get('version-id-marker');
        const matching = entries.filter((e) => e.key.startsWith(prefix));
        const start = after ? matching.findIndex((e) => e.versionId === after) + 1 : 0;
        const page = matching.slice(start, start + 2);
        const truncated = start + 2 < matching.length;
        const last = page[page.length - 1];
        const xml = `<?xml version="1.0" encoding="UTF-8"?><ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>mail</Name><Prefix>${prefix}</Prefix><MaxKeys>2</MaxKeys><IsTruncated>${truncated}</IsTruncated>${
          truncated && last
            ? `<NextKeyMarker>${last.key}</NextKeyMarker><NextVersionIdMarker>${last.versionId}</NextVersionIdMarker>`
            : ''
        }${page
          .map((e) =>
            e.marker
              ? `<DeleteMarker><Key>${e.key}</Key><VersionId>${e.versionId}</VersionId><IsLatest>false</IsLatest><LastModified>2026-03-02T10:00:00.000Z</LastModified></DeleteMarker>`
              : `<Version><Key>${e.key}</Key><VersionId>${e.versionId}</VersionId><IsLatest>false</IsLatest><LastModified>2026-03-02T10:00:00.000Z</LastModified><ETag>"e"</ETag><Size>10</Size><StorageClass>STANDARD</StorageClass></Version>`,
          )
          .join('')}</ListVersionsResult>`;
        return res.writeHead(200, { 'content-type': 'application/xml' }).end(xml);
      }
      if (req.method === 'DELETE') {
        const key = decodeURIComponent(rest.join('/'));
        const versionId = url.searchParams.get('versionId');
        deleted.push(`${key}@${versionId}`);
        entries = entries.filter((e) => !(e.key === key && e.versionId === versionId));
        return res.writeHead(204).end();
      }
      return res.writeHead(400).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    s3 = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    s3?.destroy();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('deletes every version and delete marker of the key, across pages, and no other key', async () => {
    // Prepare: three versions and a delete marker of the message; a key sharing its prefix
    entries = [
      { key: 'inbound/abc', versionId: 'v1', marker: false },
      { key: 'inbound/abc', versionId: 'v2', marker: true },
      { key: 'inbound/abc', versionId: 'v3', marker: false },
      { key: 'inbound/abcdef', versionId: 'w1', marker: false },
      { key: 'inbound/abc', versionId: 'v4', marker: false },
    ];

    // Act
    await s3RawMailStore(s3, 'mail').delete('inbound/abc');

    // Assess
    expect(deleted.sort()).toEqual(['inbound/abc@v1', 'inbound/abc@v2', 'inbound/abc@v3', 'inbound/abc@v4']);
    expect(entries).toEqual([{ key: 'inbound/abcdef', versionId: 'w1', marker: false }]);
  });

  it('does nothing for a key already gone', async () => {
    deleted.length = 0;
    entries = [];
    await s3RawMailStore(s3, 'mail').delete('inbound/gone');
    expect(deleted).toEqual([]);
  });
});
