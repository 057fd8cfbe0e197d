/**
 * A merge's undo, asked for twice, as an erasure is: the undo is a not-same judgement that keeps
 * the two apart for good, and the review queue asks about them no more, so nothing brings the
 * merge back. The focus follows the buttons as they give way to each other, on keeping the merge
 * when asked, so that a second Enter undoes nothing. Used by the Review page and the profile's
 * decisions.
 */
import { useEffect, useRef, useState } from 'react';
import type { Merge } from '../api/api-types.ts';

/** When a merge or a judgement was made, as the tables show it: 2026-03-01 14:02:11. */
export const whenOf = (at: string): string => at.slice(0, 19).replace('T', ' ');

export function UndoMergeButton({ merge, undoing, onUndo }: { readonly merge: Merge; readonly undoing: Merge | undefined; readonly onUndo: (merge: Merge) => void }) {
  const [asking, setAsking] = useState(false);
  const ask = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  useEffect(() => {
    if (!answered.current) return;
    answered.current = false;
    (asking ? keep : ask).current?.focus();
  }, [asking]);
  const turn = (next: boolean): void => {
    answered.current = true;
    setAsking(next);
  };
  if (!asking) {
    return <button type="button" className="small" ref={ask} disabled={undoing !== undefined} onClick={() => turn(true)} aria-label={`Undo the merge of ${merge.absorbed} into ${merge.survivor}`}>{undoing?.id === merge.id ? 'Undoing…' : 'Undo…'}</button>;
  }
  return (
    <span role="group" aria-label="Confirm the undo">
      <strong>Undo the merge of {merge.absorbed} into {merge.survivor}? They will be kept apart for good, judged not the same: the review queue will not ask about them again.</strong>{' '}
      <button type="button" className="small danger" onClick={() => { setAsking(false); onUndo(merge); }}>Undo the merge</button>
      <button type="button" className="small" ref={keep} onClick={() => turn(false)}>Keep the merge</button>
    </span>
  );
}
