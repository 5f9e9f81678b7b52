import { useState } from 'react';

/** A dialog's submit: busy while the request runs, the server's message on failure, `done` on success. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>, done: () => void): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      done();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return { busy, error, run };
}
