import { useEffect, useState } from 'react';

/**
 * A status to show on the next page (a created entity's page says "Saved", the list says what was
 * deleted): the page that acts navigates away, the page it lands on shows the message once.
 */
let pending: { at: string; message: string } | null = null;

export function flash(at: string, message: string): void {
  pending = { at, message };
}

/** The message left for the page at `at`, if any (taken when the page mounts). */
export function useFlash(at: string): [string | null, (m: string | null) => void] {
  const [message, setMessage] = useState(() => (pending?.at === at ? pending.message : null));
  useEffect(() => {
    if (pending?.at === at) pending = null;
  }, [at]);
  return [message, setMessage];
}
