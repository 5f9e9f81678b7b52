import { createReadStream } from 'node:fs';
import { access, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ensurePrivateDir, restrictFilesIn } from '@parley/storage';
import type { FileStore } from './file-store';

/** Keys are our own ids; anything that could leave the folder is not a key. */
const SAFE_KEY = /^[A-Za-z0-9._-]+$/;

function checked(key: string): string {
  if (!SAFE_KEY.test(key) || key.startsWith('.')) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  return key;
}

/** Files under `<dataDir>/files`, owner-only, written whole (temp file, then rename). */
export class LocalFileStore implements FileStore {
  readonly dir: string;
  readonly describe: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'files');
    this.describe = `local disk (${this.dir})`;
    // Customers' files: owner-only, including any stored before this was enforced.
    ensurePrivateDir(this.dir);
    restrictFilesIn(this.dir);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = join(this.dir, checked(key));
    const tmp = `${path}.tmp`;
    await writeFile(tmp, bytes, { flush: true, mode: 0o600 });
    await rename(tmp, path);
  }

  async get(key: string): Promise<Readable | undefined> {
    if (!SAFE_KEY.test(key)) return undefined;
    const path = join(this.dir, key);
    // Checked first, so a missing file is `undefined` here rather than an error mid-response. A path
    // stream, not one over a FileHandle: that one sometimes never ended after its last byte, leaving
    // the response (and a shutdown waiting on it) open.
    if (!(await this.exists(key))) return undefined;
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    if (!SAFE_KEY.test(key)) return;
    await unlink(join(this.dir, key)).catch(() => undefined);
  }

  async exists(key: string): Promise<boolean> {
    if (!SAFE_KEY.test(key)) return false;
    return access(join(this.dir, key)).then(
      () => true,
      () => false,
    );
  }
}
