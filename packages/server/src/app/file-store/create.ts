import type { FileStore } from './file-store';
import { LocalFileStore } from './local-file-store';
import { S3FileStore, type S3Settings } from './s3-file-store';

export interface FileStoreSettings {
  /** Files in this S3-compatible bucket; absent: on local disk under the data directory. */
  s3?: S3Settings;
}

export function createFileStore(dataDir: string, s: FileStoreSettings = {}): FileStore {
  return s.s3 ? new S3FileStore(s.s3) : new LocalFileStore(dataDir);
}
