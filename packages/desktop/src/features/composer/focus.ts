import { observable } from '../../state/external';

/**
 * The conversation whose reply box takes the focus as soon as it is on screen. Set after Accept: the
 * Accept button disappears with the offer, and without this the focus would fall back to the page,
 * where the next keys the agent types are lost (or `?` opens the help).
 */
export const composerFocusRequest = observable<string | null>(null);

export function focusComposerWhenShown(conversationId: string): void {
  composerFocusRequest.set(conversationId);
}

/** Called by a mounted reply box: focuses it if the request is for its conversation. */
export function takeFocusRequest(conversationId: string, el: HTMLElement | null): void {
  if (!el || composerFocusRequest.get() !== conversationId) return;
  el.focus();
  composerFocusRequest.set(null);
}
