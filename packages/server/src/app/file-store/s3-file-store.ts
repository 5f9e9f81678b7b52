import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { FileStore } from './file-store';

export interface S3Settings {
  /** e.g. `https://s3.eu-west-1.amazonaws.com` or a MinIO/Ceph/Garage address; absent: AWS by region. */
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  /** A secret: never logged. */
  secretAccessKey: string;
  /** `bucket` in the path (`host/bucket/key`) rather than the host name: most self-hosted servers need it. */
  forcePathStyle: boolean;
  /** A folder inside the bucket, e.g. `parley/`. */
  prefix?: string;
}

function notFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** Files as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage, …). */
export class S3FileStore implements FileStore {
  readonly describe: string;
  private readonly client: S3Client;

  constructor(private readonly s: S3Settings) {
    this.describe = `S3 bucket ${s.bucket}${s.endpoint ? ` at ${s.endpoint}` : ` (${s.region})`}`;
    this.client = new S3Client({
      region: s.region,
      endpoint: s.endpoint,
      forcePathStyle: s.forcePathStyle,
      credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    });
  }

  private key(key: string): string {
    return `${this.s.prefix ?? ''}${key}`;
  }

  async put(key: string, bytes: Uint8Array, mimeType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.s.bucket, Key: this.key(key), Body: bytes, ContentType: mimeType, ContentLength: bytes.byteLength }));
  }

  async get(key: string): Promise<Readable | undefined> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.s.bucket, Key: this.key(key) }));
      const body = res.Body;
      if (!body) return undefined;
      return body instanceof Readable ? body : Readable.fromWeb((body as { transformToWebStream(): ReadableStream }).transformToWebStream() as never);
    } catch (err) {
      if (notFound(err)) return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s.bucket, Key: this.key(key) }));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.s.bucket, Key: this.key(key) }));
      return true;
    } catch (err) {
      if (notFound(err)) return false;
      throw err;
    }
  }

  close(): void {
    this.client.destroy();
  }
}
