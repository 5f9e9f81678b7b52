import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DomainError } from '@parley/core';
import { type FileStore, readAll } from './file-store/file-store';
import { type SniffOptions, sniffContentType } from './file-store/sniff';

const URL_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface SavedFile {
  id: string;
  storageKey: string;
  sha256: string;
  /** The type the bytes turned out to be (what to record and serve), not the one declared. */
  mimeType: string;
}

/** Attachment bytes in the configured store (disk or S3), served through signed, expiring links. */
export class Files {
  constructor(
    readonly store: FileStore,
    private secret: Buffer,
  ) {}

  /**
   * Stores the bytes under a new id once their type, read from the bytes, is one we accept;
   * otherwise a 415 saying why. `declared`: the type the sender named (a hint for text and Office files).
   */
  async save(bytes: Buffer, declared: string, opts: SniffOptions = {}): Promise<SavedFile> {
    const sniffed = await sniffContentType(bytes, declared, opts);
    if (!sniffed.ok) throw new DomainError('PARLEY_ERR_UNSUPPORTED_MEDIA', sniffed.message);
    const id = randomUUID();
    await this.store.put(id, bytes, sniffed.mimeType);
    return { id, storageKey: id, sha256: createHash('sha256').update(bytes).digest('hex'), mimeType: sniffed.mimeType };
  }

  async discard(storageKey: string): Promise<void> {
    await this.store.delete(storageKey).catch(() => undefined);
  }

  /** The stored bytes as a stream, or undefined when they are gone. */
  open(storageKey: string): Promise<Readable | undefined> {
    return this.store.get(storageKey);
  }

  async read(storageKey: string): Promise<Buffer | undefined> {
    const stream = await this.store.get(storageKey);
    return stream ? readAll(stream) : undefined;
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
