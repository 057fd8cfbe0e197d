/**
 * Watch a subject from its profile: be told of new records, links, sightings and alerts on it,
 * and, if asked, warned after a number of days without a sighting ("lost track").
 */
import { useState } from 'react';
import type { Subscription } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { useSession } from '../session/session-context.tsx';

export function WatchButton({ record, label }: { readonly record: string; readonly label: string }) {
  const { api } = useSession();
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState('');
  const [watching, setWatching] = useState<Subscription>();
  const [error, setError] = useState<unknown>();

  if (watching) return <span className="badge watching" role="status">Watching{watching.lostTrackDays ? ` · warn after ${watching.lostTrackDays} days unseen` : ''}</span>;
  if (!open) return <button type="button" onClick={() => setOpen(true)}>Watch</button>;
  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    const lostTrackDays = days.trim() === '' ? undefined : Number(days);
    api.subscribe({ target: { kind: 'entity', record }, label, ...(lostTrackDays !== undefined ? { lostTrackDays } : {}) }).then(setWatching, setError);
  };
  return (
    <form className="watch-form" onSubmit={submit} aria-label="Watch this subject">
      <label>Warn after days without a sighting <input type="number" min={1} max={3650} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} placeholder="optional" /></label>
      <button type="submit">Start watching</button>
      <button type="button" onClick={() => setOpen(false)}>Cancel</button>
      <ErrorMessage error={error} what="subscriptions" />
    </form>
  );
}
