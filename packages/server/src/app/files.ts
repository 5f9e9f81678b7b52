import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '@parley/core';
import { ensurePrivateDir, restrictFilesIn } from '@parley/storage';

/** Types we accept: images, documents, plain text. Never HTML or SVG (they'd run script from our origin). */
export const ACCEPTED_TYPES = new Set([
  'image/png', 'image/jpeg', 'image/gif', 'image/webp',
  'application/pdf', 'text/plain', 'text/csv',
  'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip', 'audio/mpeg', 'audio/ogg', 'video/mp4',
  // What customers send from phones (WhatsApp voice notes, MMS, Messenger clips).
  'audio/aac', 'audio/amr', 'audio/mp4', 'audio/wav', 'video/3gpp', 'video/quicktime',
  // An email's original as received (served as a download, never rendered).
  'message/rfc822',
]);

const URL_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Attachment bytes on disk under `<dataDir>/files`, served through signed, expiring links. */
export class FileStore {
  readonly dir: string;
  constructor(
    dataDir: string,
    private secret: Buffer,
  ) {
    this.dir = join(dataDir, 'files');
    // Customers' files: owner-only, including any stored before this was enforced.
    ensurePrivateDir(this.dir);
    restrictFilesIn(this.dir);
  }

  async save(bytes: Buffer, mimeType: string): Promise<{ id: string; storageKey: string; sha256: string }> {
    if (!ACCEPTED_TYPES.has(mimeType)) throw new DomainError('PARLEY_ERR_UNSUPPORTED_MEDIA', `Files of type ${mimeType || 'unknown'} are not accepted`);
    const id = randomUUID();
    const tmp = join(this.dir, `${id}.tmp`);
    await writeFile(tmp, bytes, { flush: true, mode: 0o600 });
    await rename(tmp, join(this.dir, id));
    return { id, storageKey: id, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  async discard(storageKey: string): Promise<void> {
    await unlink(join(this.dir, storageKey)).catch(() => undefined);
  }

  path(storageKey: string): string {
    return join(this.dir, storageKey);
  }

  url(id: string, now: number): string {
    // Round the expiry so a message renders with a stable URL for a while (browser caching).
    const exp = Math.ceil((now + URL_TTL_MS) / 3_600_000) * 3_600_000;
    return `/files/${id}?exp=${exp}&sig=${this.sign(id, exp)}`;
  }

  verify(id: string, exp: number, sig: string, now: number): boolean {
    if (!Number.isFinite(exp) || exp < now) return false;
    const expected = Buffer.from(this.sign(id, exp));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(id: string, exp: number): string {
    return createHmac('sha256', this.secret).update(`${id}.${exp}`).digest('base64url');
  }
}
