/**
 * A request a person starts (a form sent, a button pressed): busy while it runs, so that its
 * controls can be disabled, and its error kept for display until the next try.
 */
import { useState } from 'react';

export interface Action {
  readonly busy: boolean;
  readonly error: unknown;
  /** Runs `work`; when it fails, keeps the error and calls `onError`. Resolves to whether it succeeded. */
  run(work: () => Promise<void>, onError?: () => void): Promise<boolean>;
  /** Forgets the last error (a form cleared). */
  clearError(): void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (work: () => Promise<void>, onError?: () => void): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(caught);
      onError?.();
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clearError: () => setError(undefined) };
}
