/**
 * Runs one administrative change with the change reason, and keeps its outcome for display: what
 * was done, or why the change failed naming it (`Could not disable fedpol.analyst1: …`), since one
 * panel's outcome line serves several buttons.
 * One change at a time: while one is being sent, `busy` disables its controls and another is not
 * sent (a second click on "Create user" would otherwise be refused 409, its error hidden by the
 * first one's success). `clear` forgets the last outcome, so an edited form no longer shows
 * what became of the values it held before. The control that sent the change gets the focus back
 * once it is enabled again (common/use-focus-back.ts).
 */
import { useRef, useState } from 'react';
import { useFocusBack } from '../common/use-focus-back.ts';
import { useSession } from '../session/session-context.tsx';
import { focusChangeReason, useChangeReason } from './change-reason.tsx';

/** A change in the user's words: `action` as they would name it ("disable fedpol.analyst1"), `done` said once it is. */
export interface AdminChange {
  readonly action: string;
  readonly done: string;
}

export interface AdminAction {
  /** Sends the change; false when it was refused, not sent for want of a reason, or another is being sent. */
  run(change: AdminChange, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown): Promise<boolean>;
  readonly error: unknown;
  /** The action whose failure `error` is, to be named with it. */
  readonly failed: string | undefined;
  readonly status: string | undefined;
  readonly busy: boolean;
  readonly ready: boolean;
  /** Forgets the last outcome (its form was edited). */
  clear(): void;
}

export function useAdminAction(onDone: () => void): AdminAction {
  const { api } = useSession();
  const change = useChangeReason();
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState<string>();
  const [failed, setFailed] = useState<string>();
  const [busy, setBusy] = useState(false);
  // read at once, not at the next render: a double click's second click comes before it
  const sending = useRef(false);
  const holdFocus = useFocusBack(busy);
  const run = async ({ action, done }: AdminChange, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown): Promise<boolean> => {
    if (sending.current) return false;
    setError(undefined);
    setStatus(undefined);
    setFailed(action);
    if (!change) {
      setError(new Error('Give a reason for change and a change reference first.'));
      focusChangeReason();
      return false;
    }
    sending.current = true;
    holdFocus();
    setBusy(true);
    try {
      await api.adminChange(method, path, body, change);
      setStatus(done);
      onDone();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };
  const clear = () => {
    setError(undefined);
    setStatus(undefined);
  };
  return { run, error, failed, status, busy, ready: change !== undefined, clear };
}
