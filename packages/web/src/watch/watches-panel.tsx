/**
 * The user's watches: subjects, saved name searches and areas, with a form for a new search or
 * area watch (an area is a polygon: one "latitude, longitude" point per line) and a way to end
 * each. What a watch turns up arrives in the inbox above it. A user whose role reads no records
 * (a checkpoint officer) is offered no new watch: it could tell them nothing (GET /subscriptions,
 * mayWatch).
 */
import { useId, useState } from 'react';
import type { Subscription, WatchTarget } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { profileHref } from '../common/ids.ts';
import { useAsync } from '../common/use-async.ts';
import { useSession } from '../session/session-context.tsx';

/** "50.85, 4.35" per line → [[50.85, 4.35], …]; a line that is not two numbers is named. */
export function parsePolygon(text: string): { readonly polygon?: readonly (readonly [number, number])[]; readonly error?: string } {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const polygon: [number, number][] = [];
  for (const [i, line] of lines.entries()) {
    const parts = line.split(/[,;\s]+/).filter((p) => p !== '').map(Number);
    if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) return { error: `line ${i + 1}: write "latitude, longitude"` };
    polygon.push([parts[0] as number, parts[1] as number]);
  }
  return lines.length < 3 ? { error: 'an area needs at least three points' } : { polygon };
}

/**
 * What a watch watches, in words: a subject by its name as the user may read it now, linked to its
 * profile (its record id is the link's target, not words to read), or "a subject you may no longer
 * read" where the server names nobody.
 */
function DescribeTarget({ subscription }: { readonly subscription: Subscription }) {
  const { target, subjectName } = subscription;
  switch (target.kind) {
    case 'entity': return subjectName === undefined ? <>a subject you may no longer read</> : <>subject <a href={profileHref(target.record)}>{subjectName}</a></>;
    case 'search': return <>name search “{target.query}”</>;
    case 'area': return <>area of {target.polygon.length} points</>;
  }
}

export function WatchesPanel() {
  const { api } = useSession();
  const id = useId();
  const [version, setVersion] = useState(0);
  const watches = useAsync(() => api.subscriptions(), [api, version]);
  const [kind, setKind] = useState<'search' | 'area'>('search');
  const [text, setText] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<unknown>();
  const refresh = (): void => setVersion((v) => v + 1);

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    let target: WatchTarget;
    if (kind === 'search') target = { kind, query: text };
    else {
      const parsed = parsePolygon(text);
      if (!parsed.polygon) return setError(new Error(parsed.error));
      target = { kind, polygon: parsed.polygon };
    }
    setError(undefined);
    api.subscribe({ target, ...(label.trim() ? { label: label.trim() } : {}) }).then(() => { setText(''); setLabel(''); refresh(); }, setError);
  };
  const end = (s: Subscription): void => void api.unsubscribe(s.id).then(refresh, setError);

  return (
    <section aria-labelledby="watches-title">
      <h2 id="watches-title">Watches</h2>
      <ErrorMessage error={watches.error} what="load your watches" />
      <ul className="watches">
        {(watches.value?.subscriptions ?? []).map((s) => (
          <li key={s.id}>
            <strong>{s.label}</strong> <span className="muted small"><DescribeTarget subscription={s} /> · case {s.caseRef}{s.lostTrackDays ? ` · warn after ${s.lostTrackDays} days unseen` : ''}</span>
            <button type="button" className="small" onClick={() => end(s)} aria-label={`End the watch “${s.label}”`}>End</button>
          </li>
        ))}
        {watches.value?.subscriptions.length === 0 ? <li className="muted">{watches.value.mayWatch ? 'No watches. Watch a subject from its profile, or a name or an area here.' : 'No watches.'}</li> : null}
      </ul>
      {/* a role that reads no records could be told nothing by a watch, which the server refuses: none is offered */}
      {watches.value?.mayWatch === false ? <p className="muted">Watches tell of records, and your role reads none: you cannot add one.</p> : null}
      {watches.value?.mayWatch ? <form className="watch-form" onSubmit={submit} aria-label="New watch">
        <span className="field"><label htmlFor={`${id}-kind`}>What to watch</label><select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as 'search' | 'area')}><option value="search">a name</option><option value="area">an area</option></select></span>
        {kind === 'search'
          ? <label>Name <input value={text} onChange={(e) => setText(e.target.value)} required /></label>
          : <label>Area points (latitude, longitude per line) <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} required /></label>}
        <label>Label <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="optional" /></label>
        <button type="submit">Add watch</button>
      </form> : null}
      <ErrorMessage error={error} what="change your watches" />
    </section>
  );
}
