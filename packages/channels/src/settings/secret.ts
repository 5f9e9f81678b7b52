import { Type, type Static } from '@sinclair/typebox';

/**
 * A secret in configuration: the value itself, or where to read it when it is used:
 * `{ env: NAME }` (an environment variable) or `{ file: /path }` (Docker/Kubernetes secrets).
 */
export const SecretRef = Type.Union([
  Type.String({ minLength: 1 }),
  Type.Object({ env: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }) }, { additionalProperties: false }),
  Type.Object({ file: Type.String({ pattern: '^/' }) }, { additionalProperties: false }),
]);
export type SecretRef = Static<typeof SecretRef>;

/** Marks a schema field as a secret (the registry lists them from this flag). */
export const secret = (description: string) => ({ ...SecretRef, description, 'x-secret': true });
