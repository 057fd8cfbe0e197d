/**
 * Events in date order, each with its kind, where it happened and the records it comes from; a
 * journey with the countries it left and went to and how it was made ("Travel: Belgium → Turkey,
 * by air"), the countries named by the server as the model names them.
 */
import type { TimelineEvent } from '../api/api-types.ts';
import { eventWhen } from './event-when.ts';

/** A journey in words: "Belgium → Turkey, by air", "→ Turkey", "from Belgium"; empty when the event tells none. */
export function routeWords(route: TimelineEvent['route']): string {
  if (!route) return '';
  const { from, to, by } = route;
  const way = from && to ? `${from} → ${to}` : to ? `to ${to}` : from ? `from ${from}` : '';
  return [way, by ? `by ${by}` : ''].filter((part) => part.length > 0).join(', ');
}

export function TimelineList({ events }: { readonly events: readonly TimelineEvent[] }) {
  if (events.length === 0) return <p className="muted">No dated events.</p>;
  return (
    <ol className="timeline">
      {events.map((e) => {
        const route = routeWords(e.route);
        return (
          <li key={e.id}>
            <time dateTime={e.date}>{eventWhen(e)}</time>
            {/* the route read on with the kind: "Travel: Belgium → Turkey, by air" */}
            <span><span className="badge">{e.kind}</span>{route ? `: ${route}` : null}</span>
            {e.place ? <strong>{e.place}</strong> : null}
            <span>{e.summary ?? ''}</span>
            {e.provenance.length ? <span className="muted small"> · {e.provenance.join(', ')}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
