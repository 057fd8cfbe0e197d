/**
 * Who decided about a subject, on its profile: the judgements on its records (the verdict in
 * words, the analyst and their agency, when, the note) and the merges that built it, which an
 * analyst undoes from here as on the Review page. Both are read as the profile is, under the
 * purpose given (GET /entities/:id/judgements and /merges, each a logged consultation), and hold
 * only what concerns records the reader may read.
 */
import { useEffect, useRef, useState } from 'react';
import type { Merge } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { JudgedByCell } from '../common/judged-by-cell.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { UndoMergeButton, whenOf } from '../common/undo-merge-button.tsx';
import { useAsync } from '../common/use-async.ts';
import { verdictWords } from '../common/verdict-words.ts';
import { hasRole, useSession } from '../session/session-context.tsx';

interface EntityDecisionsProps {
  readonly entity: string;
  /** What became of the last undo, said once the profile is read again. */
  readonly notice: string | undefined;
  /** After an undo: the profile is read again, the entity having lost the absorbed records. */
  readonly onUndone: (notice: string) => void;
}

export function EntityDecisions({ entity, notice, onUndone }: EntityDecisionsProps) {
  const { api, user } = useSession();
  const judgements = useAsync(() => api.entityJudgements(entity), [api, entity]);
  const merges = useAsync(() => api.entityMerges(entity), [api, entity]);
  const [undoing, setUndoing] = useState<Merge>();
  const [error, setError] = useState<unknown>();
  // the confirmed question leaves the table: the focus goes to what became of the undo
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) outcome.current?.focus();
  }, [notice]);
  const undo = async (merge: Merge): Promise<void> => {
    setError(undefined);
    setUndoing(merge);
    outcome.current?.focus();
    try {
      await api.undoMerge(merge.id);
      onUndone(`The merge of ${merge.absorbed} into ${merge.survivor} (${whenOf(merge.at)}) is undone: the two stay apart from now on.`);
    } catch (caught) {
      setError(caught);
    } finally {
      setUndoing(undefined);
    }
  };
  const mayUndo = hasRole(user, 'analyst');
  const judged = judgements.value?.items ?? [];
  const built = merges.value?.items ?? [];
  return (
    <section aria-labelledby="decisions-title" className="panel span-2">
      <h2 id="decisions-title">Decisions</h2>
      <div ref={outcome} tabIndex={-1}>
        {undoing ? <ProgressBar label={`Undoing the merge of ${undoing.absorbed} into ${undoing.survivor}`} /> : null}
        <ErrorMessage error={error} what="undo the merge" />
        {notice ? <p role="status" className="notice">{notice}</p> : null}
      </div>
      {judgements.loading || merges.loading ? <ProgressBar label="Loading the decisions" /> : null}
      <ErrorMessage error={judgements.error} what="load the judgements" />
      <ErrorMessage error={merges.error} what="load the merges" />
      {judgements.value ? (
        <table className="data" aria-label="Judgements"><thead><tr><th scope="col">When</th><th scope="col">Records</th><th scope="col">Judged</th><th scope="col">By</th><th scope="col">Note</th></tr></thead>
          <tbody>{judged.map((j) => (
            <tr key={`${j.a}|${j.b}|${j.at}`}><td className="nowrap">{whenOf(j.at)}</td><td>{j.a} and {j.b}</td><td>{verdictWords(j.verdict)}</td>
              <td><JudgedByCell by={j.by} /></td><td>{j.note ?? <span className="muted">—</span>}</td></tr>
          ))}{judged.length === 0 ? <tr><td colSpan={5} className="muted">No judgement on these records.</td></tr> : null}</tbody>
        </table>
      ) : null}
      {merges.value ? (
        <table className="data" aria-label="Merges"><thead><tr><th scope="col">When</th><th scope="col">Entities joined</th><th scope="col">How</th><th scope="col">By</th><th scope="col">Probability</th>{mayUndo ? <th scope="col"><span className="visually-hidden">Action</span></th> : null}</tr></thead>
          <tbody>{built.map((m) => (
            <tr key={m.id}><td className="nowrap">{whenOf(m.at)}</td><td>{m.absorbed} into {m.survivor}{m.undone ? <span className="muted"> (undone)</span> : null}</td><td>{m.kind}</td>
              <td><JudgedByCell by={m.by} /></td><td>{m.probability.toFixed(4)}</td>
              {mayUndo ? <td>{m.undone ? null : <UndoMergeButton merge={m} undoing={undoing} onUndo={(merge) => void undo(merge)} />}</td> : null}</tr>
          ))}{built.length === 0 ? <tr><td colSpan={mayUndo ? 6 : 5} className="muted">No merges.</td></tr> : null}</tbody>
        </table>
      ) : null}
    </section>
  );
}
