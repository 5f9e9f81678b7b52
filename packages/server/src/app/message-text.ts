import { textProblem } from '@parley/protocol';
import { DomainError } from '@parley/core';

/**
 * Refuses a text that could only be stored mangled (a lone surrogate) and a message nobody would
 * see (no text, or only invisible characters, and no attachment) — the same rule on every path.
 */
export function checkMessageText(text: string, hasAttachments: boolean): void {
  const problem = textProblem(text, { allowBlank: hasAttachments });
  if (problem === 'lone_surrogate') throw new DomainError('PARLEY_ERR_INVALID_TEXT', 'The text is not valid Unicode: it has a lone surrogate');
  if (problem === 'blank') throw new DomainError('PARLEY_ERR_EMPTY_MESSAGE', 'The message has no visible text');
}
