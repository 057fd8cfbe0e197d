/**
 * Resolution review: the uncertain pairs, best first, side by side with the matcher's
 * explanation; a person decides same / not same / unsure, and the judgement sticks. Merges of an
 * entity can be listed and undone.
 */
import { useState, type FormEvent } from 'react';
import type { Merge, RecordView, ReviewPair } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { ProvenanceLine } from '../common/provenance-line.tsx';
import { PurposeGate } from '../common/purpose-gate.tsx';
import { useAsync } from '../common/use-async.ts';
import { useSession } from '../session/session-context.tsx';

export function ReviewScreen() {
  return <PurposeGate><ReviewQueue /><MergeUndo /></PurposeGate>;
}

function RecordColumn({ record, other }: { readonly record: RecordView; readonly other: RecordView }) {
  const keys = [...new Set([...Object.keys(record.properties), ...Object.keys(other.properties)])].sort();
  return (
    <div className="pair-side">
      <h3>{record.caption} <span className="muted small">{record.id}</span></h3>
      <ProvenanceLine provenance={record.provenance} compact />
      <dl className="pair-props">
        {keys.map((k) => {
          const mine = (record.properties[k] ?? []).join('; ');
          const theirs = (other.properties[k] ?? []).join('; ');
          return <div key={k} className={mine && theirs && mine !== theirs ? 'differs' : undefined}><dt>{k}</dt><dd>{mine || <span className="muted">—</span>}</dd></div>;
        })}
      </dl>
    </div>
  );
}

function Explanation({ explain }: { readonly explain: unknown }) {
  if (explain === undefined || explain === null) return null;
  if (typeof explain !== 'object') return <p>{String(explain)}</p>;
  return (
    <table className="data explain"><caption>Why the matcher hesitates</caption>
      <tbody>{Object.entries(explain as Record<string, unknown>).map(([k, v]) => <tr key={k}><th scope="row">{k}</th><td>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</td></tr>)}</tbody>
    </table>
  );
}

function PairCard({ pair, onDone }: { readonly pair: ReviewPair; readonly onDone: (verdict: string) => void }) {
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const judge = async (verdict: 'same' | 'not_same' | 'unsure'): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api.judge(pair.a.id, pair.b.id, verdict);
      onDone(verdict);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="pair-card">
      <div className="pair-score">score <strong>{pair.score.toFixed(2)}</strong></div>
      <div className="pair-sides"><RecordColumn record={pair.a} other={pair.b} /><RecordColumn record={pair.b} other={pair.a} /></div>
      <Explanation explain={pair.explain} />
      <div className="row" role="group" aria-label="Verdict">
        <button type="button" className="primary" disabled={busy} onClick={() => void judge('same')}>Same</button>
        <button type="button" disabled={busy} onClick={() => void judge('not_same')}>Not same</button>
        <button type="button" disabled={busy} onClick={() => void judge('unsure')}>Unsure</button>
      </div>
      <ErrorMessage error={error} />
    </li>
  );
}

function ReviewQueue() {
  const { api } = useSession();
  const queue = useAsync(() => api.review(), [api]);
  const [done, setDone] = useState<ReadonlyMap<string, string>>(new Map());
  const key = (p: ReviewPair): string => `${p.a.id}|${p.b.id}`;
  const open = (queue.value ?? []).filter((p) => !done.has(key(p)));
  return (
    <section className="screen" aria-labelledby="review-title">
      <h1 id="review-title">Resolution review</h1>
      {queue.loading ? <ProgressBar label="Loading uncertain pairs" /> : null}
      <ErrorMessage error={queue.error} what="review queue" />
      {done.size ? <p role="status" className="summary">{done.size} judged: {[...done.values()].join(', ')}</p> : null}
      {queue.value && open.length === 0 ? <p className="muted">No uncertain pair waiting.</p> : null}
      <ol className="pairs">{open.slice(0, 10).map((p) => <PairCard key={key(p)} pair={p} onDone={(v) => setDone((d) => new Map(d).set(key(p), v))} />)}</ol>
    </section>
  );
}

function MergeUndo() {
  const { api } = useSession();
  const [entity, setEntity] = useState('');
  const [merges, setMerges] = useState<readonly Merge[]>();
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState<string>();
  const load = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    setError(undefined);
    try {
      setMerges(await api.entityMerges(entity.trim()));
    } catch (caught) {
      setError(caught);
    }
  };
  const undo = async (merge: Merge): Promise<void> => {
    setError(undefined);
    try {
      await api.undoMerge(merge.id);
      setStatus(`Merge ${merge.id} undone; the records stay apart.`);
      await load();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section className="screen" aria-labelledby="undo-title">
      <h2 id="undo-title">Undo a merge</h2>
      <form className="row" onSubmit={(e) => void load(e)}>
        <label htmlFor="undo-entity">Entity id</label>
        <input id="undo-entity" required value={entity} onChange={(e) => setEntity(e.target.value)} />
        <button type="submit">Show merges</button>
      </form>
      <ErrorMessage error={error} what="merges" />
      {status ? <p role="status" className="notice">{status}</p> : null}
      {merges ? (
        <table className="data"><thead><tr><th scope="col">Merge</th><th scope="col">When</th><th scope="col">Records</th><th scope="col">By</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
          <tbody>{merges.map((m) => (
            <tr key={m.id}><td>{m.id}</td><td>{m.at ?? ''}</td><td>{m.records.join(', ')}</td><td>{m.by ?? ''}</td>
              <td>{m.undone ? <span className="muted">undone</span> : <button type="button" className="small" onClick={() => void undo(m)}>Undo</button>}</td></tr>
          ))}{merges.length === 0 ? <tr><td colSpan={5} className="muted">No merges.</td></tr> : null}</tbody>
        </table>
      ) : null}
    </section>
  );
}
