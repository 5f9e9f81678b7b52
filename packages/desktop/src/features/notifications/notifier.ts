import type { StoredEvent } from '@parley/protocol';
import type { DeskState } from '../../state/types';
import type { Translate } from '../i18n/i18n';
import { customerTitle } from '../offers/fields';
import { beep } from './beep';
import { notifySettings } from './settings';
import { pushToast } from './toasts';

export interface Alert {
  title: string;
  body: string;
  conversationId: string;
  /** A message in the chat the agent has open: no toast while they are looking at it. */
  inOpenChat: boolean;
}

/** Which live events deserve attention: a new offer to me, a customer message in one of my conversations. */
export function alertFor(e: StoredEvent, s: DeskState, t: Translate): Alert | null {
  if (e.type === 'offer.created' && e.offer.agentId === s.me?.id) {
    const name = customerTitle(e.conversation);
    return { title: t('notify.offer', { name }), body: `${e.conversation.queueName}`, conversationId: e.conversation.id, inOpenChat: false };
  }
  if (e.type === 'message.created' && e.message.authorType === 'customer' && s.conversations[e.message.conversationId] && !s.offers[e.message.conversationId]) {
    const c = s.conversations[e.message.conversationId]!;
    return { title: t('notify.message', { name: customerTitle(c) }), body: e.message.text.slice(0, 140), conversationId: c.id, inOpenChat: s.selectedId === c.id };
  }
  return null;
}

export function windowFocused(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * Focused: an in-app toast, except for the chat on screen (the message shows up right there).
 * Not focused: a browser notification and a beep. Each can be switched off.
 */
export function deliver(a: Alert, onOpen: (conversationId: string) => void): void {
  const s = notifySettings.get();
  if (windowFocused()) {
    if (s.toast && !a.inOpenChat) pushToast(`${a.title}${a.body ? ` — ${a.body}` : ''}`, 'info', a.conversationId);
    return;
  }
  if (s.desktop && 'Notification' in window && Notification.permission === 'granted') {
    try {
      const n = new Notification(a.title, { body: a.body, tag: `parley-${a.conversationId}` });
      n.onclick = () => {
        window.focus();
        onOpen(a.conversationId);
        n.close();
      };
    } catch {
      /* some browsers only allow notifications from a service worker */
    }
  }
  if (s.sound) beep();
}

export function requestNotificationPermission(): void {
  if ('Notification' in window && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
}
