import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** How a literal secret is stored: AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export interface EncryptedSecret {
  encrypted: string;
}

export function isEncryptedSecret(v: unknown): v is EncryptedSecret {
  return typeof v === 'object' && v !== null && typeof (v as EncryptedSecret).encrypted === 'string';
}

/**
 * Encrypts entry points' literal secrets at rest. The key is derived (HKDF-SHA256) from the server
 * secret that signs attachment links, so one secret protects the data directory and nothing new
 * has to be kept.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(serverSecret: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, 'parley', 'entry-point secrets v1', 32));
  }

  seal(plain: string): EncryptedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const b = (x: Buffer) => x.toString('base64url');
    return { encrypted: `v1.${b(iv)}.${b(cipher.getAuthTag())}.${b(ct)}` };
  }

  /** The plain value; throws when the value was sealed with another server secret or altered. */
  open(sealed: EncryptedSecret): string {
    const [v, iv, tag, ct] = sealed.encrypted.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }
}
