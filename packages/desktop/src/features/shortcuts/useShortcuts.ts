import { useEffect } from 'react';
import { deskStore } from '../../state/store';
import { taskPhase } from '../../state/conversation';
import { channelRules, openDialog, useDeskContext } from '../desk/context';
import { paneActions } from '../pane/availability';
import { acceptButtonId } from '../offers/OfferStack';
import { COMPOSER_ID } from '../composer/Composer';
import { STATE_SELECT_ID } from '../agent-state/StateSelector';
import { acceptOffer } from '../offers/accept';
import { useT } from '../i18n/i18n';
import { isTypingTarget } from './keymap';

/** Global keyboard shortcuts (Alt+letter by physical key, so they work on every layout). */
export function useShortcuts(): void {
  const { session, config } = useDeskContext();
  const t = useT();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const modalOpen = !!document.querySelector('dialog[open]');
      if (e.key === '?' && !e.altKey && !e.ctrlKey && !e.metaKey && !isTypingTarget(e.target) && !modalOpen) {
        e.preventDefault();
        openDialog('help');
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey || modalOpen) return;
      const s = deskStore.getState();
      const c = s.selectedId ? s.conversations[s.selectedId] : undefined;
      const acts = c
        ? paneActions(
            c,
            s.me?.id,
            taskPhase({ conversation: c, meId: s.me?.id, offered: !!s.offers[c.id], wrapup: !!s.wrapup[c.id] }),
            channelRules(config, c.channel),
          )
        : null;
      let handled = true;
      switch (e.code) {
        case 'KeyA': {
          const newest = Object.values(s.offers).sort((a, b) => b.offeredAt - a.offeredAt)[0];
          if (newest) {
            document.getElementById(acceptButtonId(newest.conversationId))?.focus();
            void acceptOffer(session, newest.conversationId, t);
          }
          break;
        }
        case 'KeyT':
          if (c && acts?.transfer) openDialog('transfer', c.id);
          break;
        case 'KeyC':
          if (c && acts?.conference) openDialog('conference', c.id);
          break;
        case 'KeyE':
          if (c && acts?.endConference) void session.endConference(c.id);
          else if (c && acts?.exitConference) void session.exitConference(c.id);
          else if (c && acts?.end) void session.end(c.id);
          break;
        case 'KeyW':
          if (c && acts?.wrapup) openDialog('wrapup', c.id);
          break;
        case 'ArrowDown':
          session.step(1);
          break;
        case 'ArrowUp':
          session.step(-1);
          break;
        case 'KeyP':
          if (c && acts && !s.offers[c.id]) openDialog('templates', c.id);
          break;
        case 'KeyS':
          document.getElementById(STATE_SELECT_ID)?.focus();
          break;
        case 'KeyM':
          document.getElementById(COMPOSER_ID)?.focus();
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, config, t]);
}
