import type { ErrorCode } from '@parley/protocol';

/** A command the domain refuses; the edge maps `code` to its HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
