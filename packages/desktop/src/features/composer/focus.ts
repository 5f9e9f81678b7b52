import { observable } from '../../state/external';
import { isTypingTarget } from '../shortcuts/keymap';
import { updateDraft } from './drafts';

/**
 * The hand-over from Accept to the reply box. The Accept button goes away with the offer, and the
 * reply box only appears once the server said yes: without this the focus falls back to the page,
 * where the keys the agent types next are lost (and `?` opens the help). So the keys typed while
 * the accept is under way are kept, and the reply box takes the focus and those keys when it shows.
 */
export const composerFocusRequest = observable<string | null>(null);

let typedMeanwhile = '';
let stopCapture: (() => void) | null = null;

/** Keeps the characters typed on the page (not in a field) until the reply box takes them. */
function captureTyping(): void {
  stopCapture?.();
  typedMeanwhile = '';
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing || isTypingTarget(e.target)) return;
    if (e.key.length === 1) typedMeanwhile += e.key;
    else if (e.key === 'Backspace') typedMeanwhile = typedMeanwhile.slice(0, -1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  window.addEventListener('keydown', onKey, true);
  stopCapture = () => {
    window.removeEventListener('keydown', onKey, true);
    stopCapture = null;
  };
}

/** Accept was sent: from now until the reply box shows, typing is kept for it. */
export function expectComposer(): void {
  captureTyping();
}

/**
 * Accept went through: the reply box of `conversationId` takes the focus (and what was typed) when it
 * shows, which is within the next render. If none shows (a read-only conversation), typing is let go.
 */
export function focusComposerWhenShown(conversationId: string): void {
  composerFocusRequest.set(conversationId);
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (composerFocusRequest.get() === conversationId) {
        composerFocusRequest.set(null);
        cancelComposerHandOver();
      }
    }),
  );
}

/** Accept failed: nothing is handed over; keys typed meanwhile are dropped. */
export function cancelComposerHandOver(): void {
  stopCapture?.();
  typedMeanwhile = '';
}

/** Called by a mounted reply box: takes the focus, and the keys typed since Accept, if the request is for it. */
export function takeFocusRequest(conversationId: string, el: HTMLTextAreaElement | null): void {
  if (!el || composerFocusRequest.get() !== conversationId) return;
  composerFocusRequest.set(null);
  stopCapture?.();
  const typed = typedMeanwhile;
  typedMeanwhile = '';
  el.focus();
  el.setSelectionRange(el.value.length, el.value.length);
  if (typed) updateDraft(conversationId, (d) => ({ ...d, text: d.text + typed }));
}
