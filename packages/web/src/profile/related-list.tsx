/**
 * What is one step away from a subject in the network (family, associates, memberships,
 * residences…), read from the graph, which shows only what the user may see.
 */
import { inverseRelation } from '@mosaic/model';
import type { ApiClient } from '../api/api-client.ts';
import type { RelatedEntity } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { profileHref } from '../common/ids.ts';
import { relationWords } from '../common/relation-words.ts';
import { schemaLabel } from '../common/schema-words.ts';
import { useAsync } from '../common/use-async.ts';
import { useSchemata } from '../common/use-schemata.ts';

/**
 * Neighbours of `subject` in a subgraph, with the label of the tie, by tie then name. A tie's
 * label reads from its source, and the server gives the subject's ties with the subject as their
 * source ("sister" Nadia on Yassin's profile, where her record says he is her brother); one that
 * still comes the other way round is read back (inverseRelation), naming no gender.
 */
async function relatedOf(api: ApiClient, subject: string): Promise<readonly RelatedEntity[]> {
  const { nodes, edges } = await api.graphExpand([subject], 1);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const related = edges.flatMap((e) => {
    const other = e.source === subject ? e.target : e.target === subject ? e.source : undefined;
    const node = other === undefined ? undefined : byId.get(other);
    const label = e.label === undefined || e.source === subject ? e.label : inverseRelation(e.label);
    return node ? [{ id: node.id, caption: node.label, schema: node.kind, relation: label ?? relationWords(e.type) }] : [];
  });
  return related.sort((a, b) => a.relation.localeCompare(b.relation) || a.caption.localeCompare(b.caption));
}

export function RelatedList({ api, subject }: { readonly api: ApiClient; readonly subject: string | undefined }) {
  const related = useAsync(subject ? () => relatedOf(api, subject) : undefined, [api, subject]);
  const schemata = useSchemata(api);
  if (related.error) return <ErrorMessage error={related.error} what="load the related entities" />;
  if (related.loading) return <p className="muted">Looking for ties…</p>;
  if (!related.value?.length) return <p className="muted">No related entities you may see.</p>;
  return (
    <ul className="related">
      {related.value.map((r) => <li key={`${r.id}-${r.relation}`}><span className="badge">{r.relation}</span> <a href={profileHref(r.id)}>{r.caption}</a> {r.schema ? <span className="muted">{schemaLabel(schemata, r.schema)}</span> : null}</li>)}
    </ul>
  );
}
