/**
 * "Not this person" on a record of a subject: the analyst takes it out, whatever joined it (a
 * merge, or the records resolved together when the store was first resolved, which leaves no merge
 * to undo). Asked for twice, as an undo is: the record is judged not the same as each other record
 * of the subject shown, for good, so no later run joins them again. The focus follows the buttons
 * as they give way to each other, so that a second Enter takes nothing out.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { RecordView } from '../api/api-types.ts';

interface TakeOutButtonProps {
  readonly record: RecordView;
  /** The other records of the subject shown, which it will be judged not the same as. */
  readonly others: number;
  /** The record being taken out, if any: no other is taken out meanwhile. */
  readonly takingOut: string | undefined;
  readonly onTakeOut: (record: RecordView, note: string) => void;
}

export function TakeOutButton({ record, others, takingOut, onTakeOut }: TakeOutButtonProps) {
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const noteId = useId();
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
    return <button type="button" className="small" ref={ask} disabled={takingOut !== undefined} onClick={() => turn(true)} aria-label={`Not this person: take ${record.id} out of this subject`}>{takingOut === record.id ? 'Taking out…' : 'Not this person…'}</button>;
  }
  return (
    <span role="group" aria-label="Confirm taking the record out">
      <strong>Take {record.id} out of this subject? It will be judged not the same as the {others === 1 ? 'other record' : `${others} other records`} shown here, for good: no later run joins them again.</strong>{' '}
      <label htmlFor={noteId}>Why (optional, kept with the judgement)</label>
      <input id={noteId} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />{' '}
      <button type="button" className="small danger" onClick={() => { setAsking(false); onTakeOut(record, note.trim()); }}>Take it out</button>
      <button type="button" className="small" ref={keep} onClick={() => turn(false)}>Keep it</button>
    </span>
  );
}
