import { useEffect, useRef } from 'react';

const REPEAT_MS = 2000;
const IDLE_MS = 3000;

/**
 * Typing indicator for the customer: `true` at the first keystroke (repeated at most every 2 s while
 * typing), `false` after 3 s without one, on send, and when the agent switches conversation.
 */
export function useTypingSignal(conversationId: string, signal: (conversationId: string, typing: boolean) => void) {
  const state = useRef({ typing: false, lastSent: 0, timer: 0 as ReturnType<typeof setTimeout> | 0 });
  useEffect(() => {
    const s = state.current;
    return () => {
      if (s.timer) clearTimeout(s.timer);
      if (s.typing) signal(conversationId, false);
      s.typing = false;
    };
  }, [conversationId, signal]);

  const stop = () => {
    const s = state.current;
    if (s.timer) clearTimeout(s.timer);
    s.timer = 0;
    if (s.typing) signal(conversationId, false);
    s.typing = false;
  };
  const keystroke = () => {
    const s = state.current;
    const now = Date.now();
    if (!s.typing || now - s.lastSent > REPEAT_MS) {
      signal(conversationId, true);
      s.lastSent = now;
    }
    s.typing = true;
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(stop, IDLE_MS);
  };
  return { keystroke, stop };
}
