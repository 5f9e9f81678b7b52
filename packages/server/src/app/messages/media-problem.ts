import { DomainError } from '@parley/core';
import { type MediaProblem, mediaProblemText } from '@parley/protocol';

/** A channel-limit problem as the API error: 413 for sizes, 415 for types, 400 for the rest. */
export function mediaProblemError(p: MediaProblem, channel: string): DomainError {
  const code =
    p.code === 'too_large' || p.code === 'total_too_large' ? 'PARLEY_ERR_PAYLOAD_TOO_LARGE'
    : p.code === 'type_not_allowed' ? 'PARLEY_ERR_UNSUPPORTED_MEDIA'
    : p.code === 'no_attachments' ? 'PARLEY_ERR_CHANNEL_RULE'
    : 'PARLEY_ERR_VALIDATION';
  return new DomainError(code, mediaProblemText(p, channel));
}
