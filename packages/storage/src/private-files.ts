import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Parley's data (the database, its WAL, attachments, the link-signing secret) is for the server's
 * own user only: directories 0700, files 0600, set at creation and corrected on every start for
 * data written by older versions or restored from a backup.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Creates `file` empty with mode 0600 if it is missing, else sets its mode to 0600. */
export function ensurePrivateFile(file: string): void {
  if (existsSync(file)) chmodSync(file, 0o600);
  else closeSync(openSync(file, 'a', 0o600));
}

/** Sets 0600 on `file` when it exists (SQLite's -wal and -shm come and go). */
export function restrictIfPresent(file: string): void {
  if (existsSync(file)) chmodSync(file, 0o600);
}

/** Sets 0600 on every regular file directly in `dir`. */
export function restrictFilesIn(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dir, entry.name), 0o600);
  }
}
