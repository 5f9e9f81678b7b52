/** The S3 secret never reaches the logs: a real server process at `debug`, storing files in a bucket. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CustomerClient, startServer, testConfig, type ServerProcess } from '@parley/testkit';
import { startTestS3, type TestS3 } from './s3-server';

const SECRET = 'parley-s3-secret-7f3a9c0d1e';
let s3: TestS3;
let server: ServerProcess;

beforeAll(async () => {
  s3 = await startTestS3('parley-logs', { anySecret: true });
  server = await startServer({
    config: testConfig(),
    env: {
      LOG_LEVEL: 'debug',
      PARLEY_S3_ENDPOINT: s3.settings.endpoint!,
      PARLEY_S3_BUCKET: s3.settings.bucket,
      PARLEY_S3_REGION: s3.settings.region,
      PARLEY_S3_ACCESS_KEY_ID: s3.settings.accessKeyId,
      PARLEY_S3_SECRET_ACCESS_KEY: SECRET,
    },
  });
});
afterAll(async () => {
  await server?.stop();
  await s3?.stop();
});

it('stores in the bucket, says so at start, and never logs the secret', async () => {
  const c = await CustomerClient.start(server.url, { name: 'Dana' });
  try {
    const up = await c.upload('notes.txt', 'text/plain', 'hello from the bucket');
    expect(up.status).toBe(200);
    const file = await fetch(new URL((up.body as { url: string }).url, server.url));
    expect(await file.text()).toBe('hello from the bucket');
  } finally {
    await c.close();
  }
  expect(server.logs()).toContain('attachments are stored on S3 bucket parley-logs');
  expect(server.logs()).not.toContain(SECRET);
});
