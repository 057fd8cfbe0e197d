/**
 * A request a person starts (a form sent, a button pressed): busy while it runs, so that its
 * controls can be disabled, and its error kept for display until the next try. The control that
 * started it gets the focus back once it is enabled again (common/use-focus-back.ts).
 */
import { useState } from 'react';
import { useFocusBack } from './use-focus-back.ts';

export interface Action {
  readonly busy: boolean;
  readonly error: unknown;
  /** Runs `work`; when it fails, keeps the error and calls `onError`. */
  run(work: () => Promise<void>, onError?: () => void): Promise<void>;
  /** Forgets the last error (a form cleared). */
  clearError(): void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const holdFocus = useFocusBack(busy);
  const run = async (work: () => Promise<void>, onError?: () => void): Promise<void> => {
    holdFocus();
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(caught);
      onError?.();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clearError: () => setError(undefined) };
}
