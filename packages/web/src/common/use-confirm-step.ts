/**
 * An action that cannot be taken back, asked for twice (an undo, taking a record out, withdrawing
 * an alert): the question replaces the button, the focus waits on its safe way out ("Keep…", not on
 * the action), and goes back to the button when the question is put away (the safe answer or
 * Escape), so that a second Enter takes nothing. Answering with the action leaves the focus to
 * what the action then says.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface ConfirmStep {
  /** Whether the question is shown in place of the button. */
  readonly asking: boolean;
  /** The button that asks the question. */
  readonly ask: React.RefObject<HTMLButtonElement | null>;
  /** The question's safe way out, which takes the focus when it is shown. */
  readonly keep: React.RefObject<HTMLButtonElement | null>;
  /** Shows the question. */
  readonly open: () => void;
  /** Puts the question away, the focus back on the button. */
  readonly cancel: () => void;
  /** Puts the question away once answered with the action. */
  readonly answered: () => void;
  /** On the question's group: Escape puts it away. */
  readonly onKeyDown: (e: KeyboardEvent) => void;
}

export function useConfirmStep(): ConfirmStep {
  const [asking, setAsking] = useState(false);
  const ask = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    (asking ? keep : ask).current?.focus();
  }, [asking]);
  const turn = (next: boolean): void => {
    moveFocus.current = true;
    setAsking(next);
  };
  return {
    asking, ask, keep,
    open: () => turn(true),
    cancel: () => turn(false),
    answered: () => setAsking(false),
    onKeyDown: (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      turn(false);
    },
  };
}
