import { formatElapsed, useNow } from '../../state/clock';

/** Time since `since` (server epoch ms), ticking here; `skewMs` is the server's clock minus this browser's. */
export function Elapsed({ since, skewMs }: { since: number | null; skewMs: number }) {
  const now = useNow();
  if (since === null) return <span className="muted">–</span>;
  return <span className="timer">{formatElapsed(now + skewMs - since)}</span>;
}
