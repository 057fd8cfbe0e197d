/**
 * Runs an API call when its inputs change and keeps its state (loading, value, error); a later
 * call wins over an earlier one still in flight.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  readonly loading: boolean;
  readonly value: T | undefined;
  readonly error: unknown;
  reload(): void;
}

export function useAsync<T>(run: (() => Promise<T>) | undefined, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ loading: boolean; value: T | undefined; error: unknown }>({ loading: Boolean(run), value: undefined, error: undefined });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (!run) return;
    const id = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    run().then(
      (value) => { if (latest.current === id) setState({ loading: false, value, error: undefined }); },
      (error: unknown) => { if (latest.current === id) setState({ loading: false, value: undefined, error }); },
    );
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
