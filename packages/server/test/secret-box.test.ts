/** Entry points' literal secrets at rest: AES-256-GCM under a key derived from the server secret. */
import { expect, it } from 'vitest';
import { SecretBox } from '../src/app/entry-points/secret-box';

it('seals to a fresh ciphertext each time and opens only with the same server secret, unaltered', () => {
  const box = new SecretBox(Buffer.from('server-secret-one'));
  const a = box.seal('page-token');
  const b = box.seal('page-token');
  expect(a.encrypted).not.toContain('page-token');
  expect(a.encrypted).not.toBe(b.encrypted);
  expect(box.open(a)).toBe('page-token');
  expect(() => new SecretBox(Buffer.from('server-secret-two')).open(a)).toThrow();
  const [v, iv, tag, ct] = a.encrypted.split('.');
  const flipped = `${ct![0] === 'A' ? 'B' : 'A'}${ct!.slice(1)}`;
  expect(() => box.open({ encrypted: [v, iv, tag, flipped].join('.') })).toThrow();
});
