/**
 * A merge's undo, asked for twice, as an erasure is: the undo is a not-same judgement that keeps
 * the two apart for good, and the review queue asks about them no more, so nothing brings the
 * merge back. The focus follows the buttons as they give way to each other (use-confirm-step.ts),
 * so that a second Enter undoes nothing. Used by the Review page and the profile's
 * decisions.
 */
import type { Merge } from '../api/api-types.ts';
import { useConfirmStep } from './use-confirm-step.ts';

export function UndoMergeButton({ merge, undoing, onUndo }: { readonly merge: Merge; readonly undoing: Merge | undefined; readonly onUndo: (merge: Merge) => void }) {
  const step = useConfirmStep();
  if (!step.asking) {
    return <button type="button" className="small" ref={step.ask} disabled={undoing !== undefined} onClick={step.open} aria-label={`Undo the merge of ${merge.absorbed} into ${merge.survivor}`}>{undoing?.id === merge.id ? 'Undoing…' : 'Undo…'}</button>;
  }
  return (
    <span role="group" aria-label="Confirm the undo" onKeyDown={step.onKeyDown}>
      <strong>Undo the merge of {merge.absorbed} into {merge.survivor}? They will be kept apart for good, judged not the same: the review queue will not ask about them again.</strong>{' '}
      <button type="button" className="small danger" onClick={() => { step.answered(); onUndo(merge); }}>Undo the merge</button>
      <button type="button" className="small" ref={step.keep} onClick={step.cancel}>Keep the merge</button>
    </span>
  );
}
