/**
 * Events in date order, each with its kind, where it happened and the records it comes from.
 */
import type { TimelineEvent } from '../api/api-types.ts';
import { eventWhen } from './event-when.ts';

export function TimelineList({ events }: { readonly events: readonly TimelineEvent[] }) {
  if (events.length === 0) return <p className="muted">No dated events.</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.date}>{eventWhen(e)}</time>
          <span className="badge">{e.kind}</span>
          {e.place ? <strong>{e.place}</strong> : null}
          <span>{e.summary ?? ''}</span>
          {e.provenance.length ? <span className="muted small"> · {e.provenance.join(', ')}</span> : null}
        </li>
      ))}
    </ol>
  );
}
