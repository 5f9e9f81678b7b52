import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live: local disk by default, an S3-compatible bucket when configured
 * (docs/configuration.md). Keys are ours (random ids); a missing key is `undefined`, never a throw.
 */
export interface FileStore {
  /** For the startup log: where files go (never a credential). */
  readonly describe: string;
  put(key: string, bytes: Uint8Array, mimeType: string): Promise<void>;
  /** The bytes as a stream, or undefined when there is no such file. */
  get(key: string): Promise<Readable | undefined>;
  /** Removes the file; a missing one is fine. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** All of a stream's bytes (uploading a stored file to a provider). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
