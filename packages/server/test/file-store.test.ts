import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStore, readAll } from '../src/app/file-store/file-store';
import { LocalFileStore } from '../src/app/file-store/local-file-store';
import { S3FileStore } from '../src/app/file-store/s3-file-store';
import { s3SettingsFromEnv } from '../src/app/file-store/from-env';
import { startTestS3, type TestS3 } from './s3-server';

const BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 0, 255]);

/** The same behaviour from every store: what is put comes back byte for byte; a missing key is no error. */
function behavesAsAFileStore(name: string, make: () => FileStore) {
  describe(name, () => {
    it('puts, tells it exists, gives the bytes back, deletes', async () => {
      const s = make();
      expect(await s.exists('f1')).toBe(false);
      await s.put('f1', BYTES, 'image/png');
      expect(await s.exists('f1')).toBe(true);
      const stream = await s.get('f1');
      expect(stream).toBeDefined();
      expect(new Uint8Array(await readAll(stream!))).toEqual(BYTES);
      await s.delete('f1');
      expect(await s.exists('f1')).toBe(false);
      expect(await s.get('f1')).toBeUndefined();
    });

    it('answers undefined for a file never stored, and deleting it is fine', async () => {
      const s = make();
      expect(await s.get('never')).toBeUndefined();
      await expect(s.delete('never')).resolves.toBeUndefined();
    });
  });
}

let dir: string;
let s3: TestS3;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-fs-'));
  s3 = await startTestS3();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await s3.stop();
});

behavesAsAFileStore('LocalFileStore', () => new LocalFileStore(dir));
behavesAsAFileStore('S3FileStore (s3rver)', () => new S3FileStore(s3.settings));

describe('S3 settings from the environment', () => {
  const full = { PARLEY_S3_ENDPOINT: 'http://minio:9000', PARLEY_S3_BUCKET: 'b', PARLEY_S3_REGION: 'us-east-1', PARLEY_S3_ACCESS_KEY_ID: 'k', PARLEY_S3_SECRET_ACCESS_KEY: 's' };

  it('is absent without a bucket or endpoint: files stay on disk', () => {
    expect(s3SettingsFromEnv({})).toBeUndefined();
  });

  it('reads all of them; an endpoint means path-style unless told otherwise', () => {
    expect(s3SettingsFromEnv(full)).toMatchObject({ endpoint: 'http://minio:9000', bucket: 'b', forcePathStyle: true });
    expect(s3SettingsFromEnv({ ...full, PARLEY_S3_FORCE_PATH_STYLE: '0' })?.forcePathStyle).toBe(false);
  });

  it('a half-done setup stops the start, naming what is missing and never the secret', () => {
    expect(() => s3SettingsFromEnv({ ...full, PARLEY_S3_ACCESS_KEY_ID: '' })).toThrow(/PARLEY_S3_ACCESS_KEY_ID/);
    expect(() => s3SettingsFromEnv({ ...full, PARLEY_S3_REGION: undefined })).toThrow(/PARLEY_S3_REGION/);
  });

  it('describes the store without its credentials', () => {
    const store = new S3FileStore({ ...s3.settings, secretAccessKey: 'very-secret-value' });
    expect(store.describe).not.toContain('very-secret-value');
    expect(store.describe).toContain(s3.settings.bucket);
  });
});
