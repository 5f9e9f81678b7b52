/** An S3-compatible server for tests (s3rver), on a free port, with one empty bucket; gone on stop. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';
import type { S3Settings } from '../src/app/file-store/s3-file-store';

export interface TestS3 {
  settings: S3Settings;
  stop(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}

/** `anySecret`: accept requests signed with any secret (to run Parley with a secret of the test's choosing). */
export async function startTestS3(bucket = 'parley-files', opts: { anySecret?: boolean } = {}): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'parley-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, allowMismatchedSignatures: opts.anySecret ?? false, configureBuckets: [{ name: bucket, configs: [] }] }) as S3rverInstance;
  const { port } = await server.run();
  return {
    // s3rver's fixed credentials; it checks the request signatures with them.
    settings: { endpoint: `http://127.0.0.1:${port}`, bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
