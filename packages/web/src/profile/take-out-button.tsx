/**
 * "Not this person" on a record of a subject: the analyst takes it out, whatever joined it (a
 * merge, or the records resolved together when the store was first resolved, which leaves no merge
 * to undo). Asked for twice, as an undo is: the record is judged not the same as each other record
 * of the subject shown, for good, so no later run joins them again. The focus follows the buttons
 * as they give way to each other (use-confirm-step.ts), so that a second Enter takes nothing out.
 */
import { useId, useState } from 'react';
import type { RecordView } from '../api/api-types.ts';
import { useConfirmStep } from '../common/use-confirm-step.ts';

interface TakeOutButtonProps {
  readonly record: RecordView;
  /** The other records of the subject shown, which it will be judged not the same as. */
  readonly others: number;
  /** The record being taken out, if any: no other is taken out meanwhile. */
  readonly takingOut: string | undefined;
  readonly onTakeOut: (record: RecordView, note: string) => void;
}

export function TakeOutButton({ record, others, takingOut, onTakeOut }: TakeOutButtonProps) {
  const step = useConfirmStep();
  const [note, setNote] = useState('');
  const noteId = useId();
  if (!step.asking) {
    return <button type="button" className="small" ref={step.ask} disabled={takingOut !== undefined} onClick={step.open} aria-label={`Not this person: take ${record.id} out of this subject`}>{takingOut === record.id ? 'Taking out…' : 'Not this person…'}</button>;
  }
  return (
    <span role="group" aria-label="Confirm taking the record out" onKeyDown={step.onKeyDown}>
      <strong>Take {record.id} out of this subject? It will be judged not the same as the {others === 1 ? 'other record' : `${others} other records`} shown here, for good: no later run joins them again.</strong>{' '}
      <label htmlFor={noteId}>Why (optional, kept with the judgement)</label>
      <input id={noteId} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />{' '}
      <button type="button" className="small danger" onClick={() => { step.answered(); onTakeOut(record, note.trim()); }}>Take it out</button>
      <button type="button" className="small" ref={step.keep} onClick={step.cancel}>Keep it</button>
    </span>
  );
}
