/**
 * Resolution review: the uncertain pairs, most informative first (review-queue.ts: nearest even
 * odds, weighted by the records the answer moves; the screen says so, and how many pairs are
 * left), side by side with the matcher's explanation; a person decides same / not same / unsure,
 * saying why if they will (the reason is kept with the judgement), and the judgement sticks; the
 * one just made can be undone until the next, by judging the pair unsure. Merges of an entity can be listed and undone;
 * an entity with none (its records joined as they were resolved) is sent to its profile, where a
 * record is taken out.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { EntityHistory, Merge, RecordView, ReviewPair, Verdict } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { isEntityId, isRecordId } from '../common/ids.ts';
import { JudgedByCell } from '../common/judged-by-cell.tsx';
import { featureLabel, levelLabel } from '../common/match-levels.ts';
import { nameAgreementWords } from '../common/name-agreement-words.ts';
import { ProgressBar } from '../common/progress-bar.tsx';
import { PropertyValue } from '../common/property-value.tsx';
import { ProvenanceLine } from '../common/provenance-line.tsx';
import { PurposeGate } from '../common/purpose-gate.tsx';
import { localTime } from '../common/local-time.ts';
import { UndoMergeButton } from '../common/undo-merge-button.tsx';
import { useAction } from '../common/use-action.ts';
import { useAsync } from '../common/use-async.ts';
import { useSchemata, type SchemaInfo } from '../common/use-schemata.ts';
import { verdictWords } from '../common/verdict-words.ts';
import { href } from '../routing/use-hash-route.ts';
import { useSession } from '../session/session-context.tsx';

export function ReviewScreen() {
  return <PurposeGate><ReviewQueue /><MergeUndo /></PurposeGate>;
}

/**
 * The properties of either record, in the schema's order (names first, as the profile lists
 * them) and under the schema's labels; any the schema does not list, after, by name.
 */
function pairKeys(record: RecordView, other: RecordView, schema: SchemaInfo | undefined): readonly { readonly key: string; readonly label: string; readonly type: string | undefined }[] {
  const order = schema?.properties.map((p) => p.name) ?? [];
  const labels = new Map(schema?.properties.map((p) => [p.name, p.label]) ?? []);
  const types = new Map(schema?.properties.map((p) => [p.name, p.type]) ?? []);
  const rank = (k: string): number => order.indexOf(k) + 1 || order.length + 1;
  return [...new Set([...Object.keys(record.properties), ...Object.keys(other.properties)])]
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => ({ key, label: labels.get(key) ?? key, type: types.get(key) }));
}

function RecordColumn({ record, other, schema }: { readonly record: RecordView; readonly other: RecordView; readonly schema: SchemaInfo | undefined }) {
  return (
    <div className="pair-side">
      <h3>{record.caption} <span className="muted small">{record.id}</span></h3>
      <ProvenanceLine provenance={record.provenance} compact />
      <dl className="pair-props">
        {pairKeys(record, other, schema).map(({ key, label, type }) => {
          const values = record.properties[key] ?? [];
          const mine = values.join('; ');
          const theirs = (other.properties[key] ?? []).join('; ');
          const shown = values.map((value, i) => <span key={`${i}-${value}`}>{i > 0 ? '; ' : ''}<PropertyValue type={type} value={value} /></span>);
          return <div key={key} className={mine && theirs && mine !== theirs ? 'differs' : undefined}><dt>{label}</dt><dd>{mine ? shown : <span className="muted">—</span>}</dd></div>;
        })}
      </dl>
    </div>
  );
}

const signed = (bits: number): string => `${bits >= 0 ? '+' : ''}${bits.toFixed(1)}`;

/**
 * The features' weights, starting from the base rate (the prior, in bits: how rarely two of the
 * store's records drawn at random are one person), so that the rows add up to the pair's odds.
 */
function Explanation({ explain, prior }: { readonly explain: ReviewPair['explain']; readonly prior: number }) {
  const shown = explain.filter((e) => e.level !== 'missing');
  if (shown.length === 0) return null;
  const base = Math.log2(prior / (1 - prior));
  const oneIn = Math.round(1 / prior);
  return (
    <table className="data explain"><caption>Why the matcher hesitates (weights in bits: for a match above 0, against below)</caption>
      <thead><tr><th scope="col">Feature</th><th scope="col">Level</th><th scope="col">Weight</th></tr></thead>
      <tbody>
        {Number.isFinite(base) ? <tr><th scope="row">base rate</th><td>two records drawn at random are one subject about 1 time in {oneIn.toLocaleString('en')}</td><td className="against">{signed(base)}</td></tr> : null}
        {shown.map((e) => {
          // the name's parts in words; the matcher's numbers stay in the API for the tools that read them
          const parts = e.feature === 'name' ? nameAgreementWords(e) : e.detail;
          return <tr key={e.feature}><th scope="row">{featureLabel(e.feature)}</th><td title={e.level}>{levelLabel(e.feature, e.level)}{parts ? <span className="muted small"> ({parts})</span> : null}</td><td className={e.weight >= 0 ? 'for' : 'against'}>{signed(e.weight)}</td></tr>;
        })}
      </tbody>
    </table>
  );
}

/**
 * What the status line says of a judgement: the verdict in words, and whether the entities follow
 * it yet, or not at all (`keptApart`: a "same" that a "not same" judged before holds apart).
 */
export function judgedAs(verdict: string, applied: boolean, keptApart = false): string {
  if (keptApart) return `${verdictWords(verdict)} (stored, but not followed: a "not same" judged before keeps the two apart; judge that pair again to join them)`;
  return applied ? verdictWords(verdict) : `${verdictWords(verdict)} (stored; the entities follow when the resolution pass now running ends)`;
}

/** A judgement made on this screen: the verdict, and what the status line says of it. */
export interface Judged {
  readonly verdict: Verdict;
  readonly words: string;
  /** What it did to the entities: a "same" joined two, a "not same" parted one (what an "unsure" does not undo at once). */
  readonly moved?: 'joined' | 'parted';
}

function PairCard({ pair, onDone, cardRef }: { readonly pair: ReviewPair; readonly onDone: (judged: Judged) => void; readonly cardRef: (card: HTMLLIElement | null) => void }) {
  const { api } = useSession();
  const schema = useSchemata(api)?.get(pair.a.schema);
  const { busy, error, run } = useAction();
  // why the person decides as they do, kept with the judgement (its note) for whoever reads the subject's decisions
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const both = `${pair.a.caption} and ${pair.b.caption}`;
  const judge = async (verdict: Verdict): Promise<void> => {
    await run(async () => {
      const { applied, keptApart } = await api.judge(pair.a.id, pair.b.id, verdict, reason.trim() || undefined);
      // the sides' entities as the queue read them: one already, or two
      const one = pair.entityA !== undefined && pair.entityA === pair.entityB;
      const moved = verdict === 'same' && !one && !keptApart ? 'joined' : verdict === 'not_same' && one ? 'parted' : undefined;
      onDone({ verdict, words: judgedAs(verdict, applied, keptApart), ...(moved ? { moved } : {}) });
    });
  };
  return (
    <li className="pair-card" ref={cardRef} tabIndex={-1} aria-label={`${both}, probability of being the same ${pair.probability.toFixed(4)}`}>
      <div className="pair-score">probability of being the same <strong>{pair.probability.toFixed(4)}</strong>{pair.affected === undefined ? null : <span className="muted"> · the answer moves {records(pair.affected)}</span>}</div>
      <div className="pair-sides"><RecordColumn record={pair.a} other={pair.b} schema={schema} /><RecordColumn record={pair.b} other={pair.a} schema={schema} /></div>
      <Explanation explain={pair.explain} prior={pair.prior} />
      <div className="pair-reason">
        <label htmlFor={reasonId}>Reason (optional)</label>
        <textarea id={reasonId} rows={2} maxLength={2000} value={reason} disabled={busy} onChange={(e) => setReason(e.target.value)} />
      </div>
      {/* each button names the pair it decides, for someone who moves from button to button down the list and hears their names alone */}
      <div className="row" role="group" aria-label="Verdict">
        <button type="button" className="primary" disabled={busy} aria-label={`Same: ${both}`} onClick={() => void judge('same')}>Same</button>
        <button type="button" disabled={busy} aria-label={`Not same: ${both}`} onClick={() => void judge('not_same')}>Not same</button>
        <button type="button" disabled={busy} aria-label={`Unsure: ${both}`} onClick={() => void judge('unsure')}>Unsure</button>
      </div>
      <ErrorMessage error={error} />
    </li>
  );
}

const SHOWN = 10;
const pairKey = (p: ReviewPair): string => `${p.a.id}|${p.b.id}`;
const records = (n: number): string => `${n.toLocaleString('en')} record${n === 1 ? '' : 's'}`;
const bothOf = (p: ReviewPair): string => `${p.a.caption} and ${p.b.caption}`;

/** How many pairs wait: `more` when the server counted no further than the pairs it reads at most. */
export function pairsLeft(left: number, more: boolean): string {
  const count = `${more ? 'At least ' : ''}${left.toLocaleString('en')}`;
  return left === 1 && !more ? '1 pair left to judge' : `${count} pairs left to judge`;
}

/**
 * What the status says of a judgement undone. It is undone as any judgement is replaced, by a
 * later one on the pair (latestJudgements): "unsure", which leaves the pair to the matcher. An
 * "unsure" moves no record at once (judge-locally.ts), so two entities a "same" joined stay one,
 * and an entity a "not same" parted stays in two, until the records are resolved again in full;
 * the opposite verdict moves them now.
 */
export function undoneWords(pair: ReviewPair, judged: Judged): string {
  const said = `The judgement “${verdictWords(judged.verdict)}” on ${bothOf(pair)} is undone: recorded as unsure, the pair is left to the matcher, and back in the list to judge again.`;
  if (judged.moved === 'joined') return `${said} The subject the “same” made stays one until the records are resolved again in full: judge the pair “Not same” to part them now.`;
  if (judged.moved === 'parted') return `${said} The two stay apart, as the “not same” left them, until the records are resolved again in full: judge the pair “Same” to join them now.`;
  return said;
}

function ReviewQueue() {
  const { api } = useSession();
  const queue = useAsync(() => api.review(), [api]);
  const [done, setDone] = useState<ReadonlyMap<string, string>>(new Map());
  // the judgement just made, which Undo takes back until the next one is made
  const [last, setLast] = useState<{ readonly pair: ReviewPair; readonly judged: Judged }>();
  const [undone, setUndone] = useState<string>();
  const undo = useAction();
  const pairs = queue.value?.pairs ?? [];
  const open = pairs.filter((p) => !done.has(pairKey(p)));
  const shown = open.slice(0, SHOWN);
  // the server's count, less the pairs judged here since it was read (one read later counts them no more)
  const left = queue.value ? Math.max(0, queue.value.left - (pairs.length - open.length)) : 0;
  // A judged card leaves the list, and the focus with it: it goes to the card that takes its
  // place (the one after, else the one before), or to the heading once none is left.
  const cards = useRef(new Map<string, HTMLLIElement>());
  const heading = useRef<HTMLHeadingElement>(null);
  /** The cards as last drawn, and the one just judged, until the list without it is drawn. */
  const drawn = useRef<readonly string[]>([]);
  const judgedKey = useRef<string>(undefined);
  /** The card an undo brings back, to be given the focus once drawn. */
  const returnedKey = useRef<string>(undefined);
  // shown where nothing holds the focus (the purpose form it replaces took it with it): the
  // keyboard starts from the heading, not from the top of the page
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) heading.current?.focus();
  }, []);
  useEffect(() => {
    const returned = returnedKey.current === undefined ? undefined : cards.current.get(returnedKey.current);
    if (returned) {
      returnedKey.current = undefined;
      returned.focus();
    }
    const at = judgedKey.current === undefined ? -1 : drawn.current.indexOf(judgedKey.current);
    drawn.current = shown.map(pairKey);
    if (at < 0) return;
    judgedKey.current = undefined;
    const next = shown[at] ?? shown[at - 1];
    (next ? cards.current.get(pairKey(next)) : heading.current)?.focus();
  });
  const judged = (pair: ReviewPair, judgement: Judged): void => {
    judgedKey.current = pairKey(pair);
    setDone((d) => new Map(d).set(pairKey(pair), judgement.words));
    setLast({ pair, judged: judgement });
    setUndone(undefined);
    undo.clearError();
  };
  const undoLast = async (): Promise<void> => {
    if (!last) return;
    const { pair, judged: judgement } = last;
    await undo.run(async () => {
      // sent as the undo it is: the audit entry says so, not an "unsure" of the analyst's own
      await api.judge(pair.a.id, pair.b.id, 'unsure', `Undoes the judgement “${verdictWords(judgement.verdict)}” just made`, judgement.verdict);
      returnedKey.current = pairKey(pair);
      setLast(undefined);
      setDone((d) => {
        const rest = new Map(d);
        rest.delete(pairKey(pair));
        return rest;
      });
      setUndone(undoneWords(pair, judgement));
    });
  };
  const readNext = (): void => {
    setLast(undefined);
    setUndone(undefined);
    queue.reload();
  };
  return (
    <section className="screen" aria-labelledby="review-title">
      <h1 id="review-title" ref={heading} tabIndex={-1}>Resolution review</h1>
      {queue.loading ? <ProgressBar label="Loading uncertain pairs" /> : null}
      <ErrorMessage error={queue.error} what="load the review queue" />
      {queue.value ? (
        <p className="queue-count" data-testid="review-left">
          <strong>{pairsLeft(left, queue.value.more)}</strong>
          {left > 0 ? <>. Most informative first: the nearer a pair is to even odds (probability 0.5), and the more records its answer moves, the higher it stands.</> : '.'}
        </p>
      ) : null}
      {done.size ? <p role="status" className="summary">{done.size} judged: {[...done.values()].join(', ')}</p> : null}
      {last ? (
        <div className="row judged-last">
          <span className="small">Just judged: {bothOf(last.pair)}, {verdictWords(last.judged.verdict)}</span>
          <button type="button" disabled={undo.busy} aria-label={`Undo: ${bothOf(last.pair)} judged ${verdictWords(last.judged.verdict)}`} onClick={() => void undoLast()}>Undo</button>
        </div>
      ) : null}
      <ErrorMessage error={undo.error} what="undo the judgement" />
      {/* always on the page, so that what an undo says is read out when it is said */}
      <div role="status" className="undone">{undone ? <p className="notice">{undone}</p> : null}</div>
      {queue.value && open.length === 0 && left === 0 ? <p className="muted">No uncertain pair waiting.</p> : null}
      {queue.value && open.length === 0 && left > 0 ? (
        <p className="row">The pairs read are all judged. <button type="button" disabled={queue.loading} onClick={readNext}>Read the next pairs</button></p>
      ) : null}
      {/* the pairs' records are headed h3: the list is headed here, for the outline a screen reader lists */}
      <h2 id="pairs-title" className="visually-hidden">Pairs to judge</h2>
      <ol className="pairs" aria-labelledby="pairs-title">{shown.map((p) => (
        <PairCard key={pairKey(p)} pair={p} onDone={(v) => judged(p, v)} cardRef={(card) => { if (card) cards.current.set(pairKey(p), card); else cards.current.delete(pairKey(p)); }} />
      ))}</ol>
    </section>
  );
}

function MergeUndo() {
  const { api } = useSession();
  const [entity, setEntity] = useState('');
  const [history, setHistory] = useState<EntityHistory<Merge>>();
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState<string>();
  const [shown, setShown] = useState<string>();
  // undoing takes a while (the entity is resolved again): said, and no second undo meanwhile
  const [undoing, setUndoing] = useState<Merge>();
  const merges = history && !history.split ? history.items : undefined;
  // the confirmed question leaves the table: the focus goes to what becomes of the undo
  const outcome = useRef<HTMLDivElement>(null);
  /** The entity typed: its id (e42), a record's id (agency:id), or a name whose records are all of one entity. */
  const entityOf = async (typed: string): Promise<string | undefined> => {
    if (isEntityId(typed)) return typed;
    if (isRecordId(typed)) return (await api.recordEntity(typed)).entity;
    const { results } = await api.search(typed, { limit: 5 });
    const entities = new Set(await Promise.all(results.map(async (r) => (await api.recordEntity(r.id)).entity)));
    const [only] = entities;
    if (entities.size !== 1 || !only) {
      setStatus(entities.size === 0 ? `Nobody you may see is called “${typed}”.` : `“${typed}” answers several entities: give a record id or an entity id.`);
      return undefined;
    }
    return only;
  };
  const load = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    setError(undefined);
    setStatus(undefined);
    try {
      const id = shown && !event ? shown : await entityOf(entity.trim());
      setShown(id);
      setHistory(id ? await api.entityMerges(id) : undefined);
    } catch (caught) {
      setError(caught);
    }
  };
  const undo = async (merge: Merge): Promise<void> => {
    setError(undefined);
    setStatus(undefined);
    setUndoing(merge);
    outcome.current?.focus();
    try {
      await api.undoMerge(merge.id);
      await load();
      setStatus(`The merge of ${merge.absorbed} into ${merge.survivor} (${localTime(merge.at)}) is undone: the two stay apart from now on.`);
    } catch (caught) {
      setError(caught);
    } finally {
      setUndoing(undefined);
    }
  };
  return (
    <section className="screen" aria-labelledby="undo-title">
      <h2 id="undo-title">Undo a merge</h2>
      <form className="row" onSubmit={(e) => void load(e)}>
        <label htmlFor="undo-entity">Entity (id, record id or name)</label>
        <input id="undo-entity" required value={entity} onChange={(e) => setEntity(e.target.value)} />
        <button type="submit">Show merges</button>
      </form>
      <div ref={outcome} tabIndex={-1}>
        {undoing ? <ProgressBar label={`Undoing the merge of ${undoing.absorbed} into ${undoing.survivor}`} /> : null}
        <ErrorMessage error={error} what="show or undo the merges" />
        {status ? <p role="status" className="notice">{status}</p> : null}
      </div>
      {history?.split && shown ? <p className="notice">Entity {shown} was split since, into {history.split.join(', ')}: show the merges of one of them.</p> : null}
      {merges && shown ? <p className="small">Merges of entity {shown}</p> : null}
      {merges ? (
        <table className="data" aria-label="Merges"><thead><tr><th scope="col">When</th><th scope="col">Entities joined</th><th scope="col">How</th><th scope="col">By</th><th scope="col">Probability</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
          <tbody>{merges.map((m) => (
            <tr key={m.id}><td>{localTime(m.at)}</td><td>{m.absorbed} into {m.survivor}</td><td>{m.kind}</td><td><JudgedByCell by={m.by} /></td><td>{m.probability.toFixed(4)}</td>
              <td>{m.undone ? <span className="muted">undone</span> : <UndoMergeButton merge={m} undoing={undoing} onUndo={(merge) => void undo(merge)} />}</td></tr>
          ))}{merges.length === 0 ? <tr><td colSpan={6} className="muted">No merges{shown ? <>: its records were joined as they were resolved, not by merging two entities. A record wrongly joined is taken out on <a href={href('profile', 'entity', shown)}>the subject's profile</a>, under Decisions ("Not this person").</> : '.'}</td></tr> : null}</tbody>
        </table>
      ) : null}
    </section>
  );
}
