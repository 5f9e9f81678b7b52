import { useRef, useSyncExternalStore } from 'react';

/** One shared 1-second ticker for every live timer on the page. */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(fn);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/**
 * A value derived from the time, re-rendering only when it changes (compared by JSON): e.g. whether a
 * reply window has closed, without re-rendering every second. Before the ticker runs it reads the
 * real time, so a first render long after the last tick is not stale.
 */
export function useClockValue<T>(select: (now: number) => T): T {
  const last = useRef<{ key: string; value: T } | null>(null);
  return useSyncExternalStore(subscribe, () => {
    const value = select(timer ? now : Date.now());
    const key = JSON.stringify(value);
    if (last.current?.key !== key) last.current = { key, value };
    return last.current.value;
  });
}

export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
