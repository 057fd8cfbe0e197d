/** Runs one administrative change with the change reason, and keeps its outcome for display. */
import { useState } from 'react';
import { useSession } from '../session/session-context.tsx';
import { useChangeReason } from './change-reason.tsx';

export function useAdminAction(onDone: () => void) {
  const { api } = useSession();
  const change = useChangeReason();
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState<string>();
  const run = async (what: string, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown): Promise<boolean> => {
    setError(undefined);
    setStatus(undefined);
    if (!change) {
      setError(new Error('Give a reason for change and a change reference first.'));
      return false;
    }
    try {
      await api.adminChange(method, path, body, change);
      setStatus(what);
      onDone();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  };
  return { run, error, status, ready: change !== undefined };
}
