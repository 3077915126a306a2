import { DeleteObjectCommand, GetObjectCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RawMailStore } from '../../ports/mail.ts';

/**
 * Raw inbound messages in the mail bucket, where SES's S3 action keeps each at inbound/<SES message id>. The bucket
 * is versioned: destroying a message (paras 46, 49) deletes every version of its key and every delete marker, so
 * nothing can be restored; other keys under the same prefix are left alone.
 */
export function s3RawMailStore(s3: S3Client, bucket: string): RawMailStore {
  return {
    async get(messageKey) {
      const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: messageKey }));
      if (!result.Body) throw new Error(`Raw message ${messageKey} has no body`);
      return Buffer.from(await result.Body.transformToByteArray());
    },
    async delete(messageKey) {
      const versions: string[] = [];
      let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
      for (;;) {
        const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: messageKey, ...markers }));
        for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
          if (v.Key === messageKey && v.VersionId) versions.push(v.VersionId);
        }
        if (!page.IsTruncated) break;
        markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
      }
      for (const VersionId of versions) {
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: messageKey, VersionId }));
      }
    },
  };
}
