import { formatElapsed, useNow } from '../state/clock';

/** A live mm:ss timer since `since` (epoch ms). */
export function Timer({ since, label }: { since: number; label?: string }) {
  const now = useNow();
  const text = formatElapsed(now - since);
  if (!label) return <span className="timer">{text}</span>;
  return (
    <span className="timer" role="timer" aria-label={`${label} ${text}`}>
      {text}
    </span>
  );
}
