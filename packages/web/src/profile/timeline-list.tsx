/**
 * Events in date order, each with its kind and the records it comes from.
 */
import type { TimelineEvent } from '../api/api-types.ts';

export function TimelineList({ events }: { readonly events: readonly TimelineEvent[] }) {
  if (events.length === 0) return <p className="muted">No dated events.</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.date}>{e.date || 'undated'}{e.end ? ` – ${e.end}` : ''}</time>
          <span className="badge">{e.kind}</span>
          <span>{e.summary ?? ''}</span>
          {e.provenance.length ? <span className="muted small"> · {e.provenance.join(', ')}</span> : null}
        </li>
      ))}
    </ol>
  );
}
