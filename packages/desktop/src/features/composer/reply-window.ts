export { replyWindow, type WindowPhase, type WindowState } from '@parley/protocol';
import type { WindowPhase } from '@parley/protocol';

/**
 * Whether Send is possible in this phase: past WhatsApp's window only a template on its own (no
 * free text added to it), never when closed.
 */
export function windowAllowsSend(phase: WindowPhase, draft: { template: boolean; extraText: boolean }): boolean {
  return phase === 'open' || phase === 'human_agent' || (phase === 'templates' && draft.template && !draft.extraText);
}
