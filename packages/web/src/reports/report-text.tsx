/**
 * A report's text with every mention of an extracted entity marked, coloured by kind and by
 * review status, so the analyst reads each proposal in its sentence.
 */
import type { ReportEntity } from '../api/api-types.ts';

interface Span {
  readonly start: number;
  readonly end: number;
  readonly entity: ReportEntity;
}

export function ReportText({ text, entities, selected, onSelect }: { readonly text: string; readonly entities: readonly ReportEntity[]; readonly selected?: string; readonly onSelect?: (id: string) => void }) {
  const spans: Span[] = entities.flatMap((entity) => entity.mentions.map((m) => ({ start: m.start, end: m.end, entity }))).sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    if (span.start > at) parts.push(text.slice(at, span.start));
    const { entity } = span;
    parts.push(
      <mark key={`${span.start}-${entity.id}`} className={`mention mention-${entity.schema} status-${entity.status}${selected === entity.id ? ' selected' : ''}`}
        data-entity={entity.id} title={`${entity.schema}: ${entity.name} (${entity.status})`} onClick={() => onSelect?.(entity.id)}>
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  parts.push(text.slice(at));
  return <div className="report-text" aria-label="Report text">{parts}</div>;
}
