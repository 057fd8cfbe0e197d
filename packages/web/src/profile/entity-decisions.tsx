/**
 * Who decided about a subject, on its profile: the judgements on its records (the verdict in
 * words, the analyst and their agency, when, the note) and the merges that built it, which an
 * analyst undoes from here as on the Review page. Both are read as the profile is, under the
 * purpose given (GET /entities/:id/judgements and /merges, each a logged consultation), and hold
 * only what concerns records the reader may read. A subject made when its records were resolved
 * together has no merge to undo: an analyst takes a wrongly joined record out of it here ("Not this
 * person", POST /entities/:id/take-out), and is taken to the subject the other records make up,
 * told where the record went.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Merge, RecordView } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { JudgedByCell } from '../common/judged-by-cell.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { agencyName, useAgencyNames } from '../common/use-agency-names.ts';
import { localTime } from '../common/local-time.ts';
import { UndoMergeButton } from '../common/undo-merge-button.tsx';
import { useAsync } from '../common/use-async.ts';
import { verdictWords } from '../common/verdict-words.ts';
import { href } from '../routing/use-hash-route.ts';
import { hasRole, useSession } from '../session/session-context.tsx';
import { TakeOutButton } from './take-out-button.tsx';

const countOf = (n: number, one: string): string => `${n} ${n === 1 ? one : `${one}s`}`;

/** The name most of the given records go by (the first of those as many do); none for no record. */
function commonest(names: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].reduce<[string, number] | undefined>((best, entry) => (best === undefined || entry[1] > best[1] ? entry : best), undefined)?.[0];
}

interface EntityDecisionsProps {
  readonly entity: string;
  /** The subject's name as the profile shows it (from the records the reader may read). */
  readonly name: string;
  /** The subject's records shown on the profile: the ones an analyst may take out. */
  readonly records: readonly RecordView[];
  /** What became of the last undo or record taken out, said once the profile is read again. */
  readonly notice: ReactNode;
  /**
   * After an undo: the profile is read again, the entity having lost the absorbed records. After
   * a record is taken out (`next`): the subject was split, and the profile to show is the one
   * the other records make up now.
   */
  readonly onDecided: (notice: ReactNode, next?: string) => void;
}

export function EntityDecisions({ entity, name, records, notice, onDecided }: EntityDecisionsProps) {
  const { api, user } = useSession();
  const judgements = useAsync(() => api.entityJudgements(entity), [api, entity]);
  const merges = useAsync(() => api.entityMerges(entity), [api, entity]);
  const agencies = useAgencyNames(api);
  const [undoing, setUndoing] = useState<Merge>();
  const [takingOut, setTakingOut] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [failed, setFailed] = useState('undo the merge');
  // the confirmed question leaves the table: the focus goes to what became of the undo
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) outcome.current?.focus();
  }, [notice]);
  const undo = async (merge: Merge): Promise<void> => {
    setError(undefined);
    setFailed('undo the merge');
    setUndoing(merge);
    outcome.current?.focus();
    try {
      await api.undoMerge(merge.id);
      onDecided(`The merge of ${merge.absorbed} into ${merge.survivor} (${localTime(merge.at)}) is undone: the two stay apart from now on.`);
    } catch (caught) {
      setError(caught);
    } finally {
      setUndoing(undefined);
    }
  };
  const takeOut = async (record: RecordView, note: string): Promise<void> => {
    setError(undefined);
    setFailed(`take ${record.id} out of the subject`);
    setTakingOut(record.id);
    outcome.current?.focus();
    try {
      const taken = await api.takeOut(entity, record.id, note || undefined);
      const [next, ...more] = taken.rest;
      // each subject by the name the reader may read, its id only where a link leads
      const rest = commonest(records.filter((r) => r.id !== record.id).map((r) => r.caption)) ?? name;
      onDecided(<>
        A record of {record.caption} is taken out of {name}, judged not the same as {countOf(taken.apart.length, 'record')} for good.{' '}
        {taken.entity ? <>It is now a subject of its own: <a href={href('profile', 'entity', taken.entity)}>{record.caption}</a>.</> : null}{' '}
        {next ? (more.length > 0 ? <>The other records make up {more.length + 1} subjects, the first of them shown here.</> : <>The other records are {rest}, shown here.</>) : null}
      </>, next);
    } catch (caught) {
      setError(caught);
    } finally {
      setTakingOut(undefined);
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
        {takingOut ? <ProgressBar label={`Taking ${takingOut} out of the subject`} /> : null}
        <ErrorMessage error={error} what={failed} />
        {notice ? <p role="status" className="notice">{notice}</p> : null}
      </div>
      {judgements.loading || merges.loading ? <ProgressBar label="Loading the decisions" /> : null}
      <ErrorMessage error={judgements.error} what="load the judgements" />
      <ErrorMessage error={merges.error} what="load the merges" />
      {judgements.value ? (
        <table className="data" aria-label="Judgements"><thead><tr><th scope="col">When</th><th scope="col">Records</th><th scope="col">Judged</th><th scope="col">By</th><th scope="col">Note</th></tr></thead>
          <tbody>{judged.map((j) => (
            <tr key={`${j.a}|${j.b}|${j.at}`}><td className="nowrap">{localTime(j.at)}</td><td>{j.a} and {j.b}</td><td>{verdictWords(j.verdict)}</td>
              <td><JudgedByCell by={j.by} /></td><td>{j.note ?? <span className="muted">—</span>}</td></tr>
          ))}{judged.length === 0 ? <tr><td colSpan={5} className="muted">No judgement on these records.</td></tr> : null}</tbody>
        </table>
      ) : null}
      {merges.value ? (
        <table className="data" aria-label="Merges"><thead><tr><th scope="col">When</th><th scope="col">Entities joined</th><th scope="col">How</th><th scope="col">By</th><th scope="col">Probability</th>{mayUndo ? <th scope="col"><span className="visually-hidden">Action</span></th> : null}</tr></thead>
          <tbody>{built.map((m) => (
            <tr key={m.id}><td className="nowrap">{localTime(m.at)}</td><td>{m.absorbed} into {m.survivor}{m.undone ? <span className="muted"> (undone)</span> : null}</td><td>{m.kind}</td>
              <td><JudgedByCell by={m.by} /></td><td>{m.probability.toFixed(4)}</td>
              {mayUndo ? <td>{m.undone ? null : <UndoMergeButton merge={m} undoing={undoing} onUndo={(merge) => void undo(merge)} />}</td> : null}</tr>
          ))}{built.length === 0 ? <tr><td colSpan={mayUndo ? 6 : 5} className="muted">No merges{mayUndo && records.length > 1 ? ': its records were joined as they were resolved. A record wrongly joined is taken out below.' : '.'}</td></tr> : null}</tbody>
        </table>
      ) : null}
      {mayUndo && records.length > 1 ? (
        <>
          <h3 id="take-out-title">Take a record out</h3>
          <p className="small">A record that is not this person, however it was joined, is taken out: judged not the same as the other records shown, it makes up a subject of its own.</p>
          <table className="data" aria-labelledby="take-out-title"><thead><tr><th scope="col">Record</th><th scope="col">Name</th><th scope="col">Agency</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
            <tbody>{records.map((r) => (
              <tr key={r.id}><td className="nowrap">{r.id}</td><td>{r.caption}</td><td>{agencyName(agencies, r.provenance.agency)}</td>
                <td><TakeOutButton record={r} others={records.length - 1} takingOut={takingOut} onTakeOut={(record, note) => void takeOut(record, note)} /></td></tr>
            ))}</tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
