import { formatElapsed, useNow } from '../state/clock';

/** A live mm:ss timer since `since` (epoch ms). */
export function Timer({ since, label }: { since: number; label?: string }) {
  const now = useNow();
  const text = formatElapsed(now - since);
  return (
    <span className="timer" aria-label={label ? `${label} ${text}` : undefined} role={label ? 'timer' : undefined}>
      {text}
    </span>
  );
}
