/**
 * The names and aliases of a subject grouped by the agency that claims them: the spellings each
 * agency knows the person by.
 */
import type { EntityProfile } from '../api/api-types.ts';

const NAME_PROPERTIES = ['name', 'alias', 'weakAlias', 'previousName', 'firstName', 'lastName'];

export function NamesAcrossAgencies({ profile }: { readonly profile: EntityProfile }) {
  const byAgency = new Map<string, Map<string, string>>();
  for (const property of NAME_PROPERTIES) {
    for (const claim of profile.properties[property] ?? []) {
      const names = byAgency.get(claim.provenance.agency) ?? new Map<string, string>();
      if (!names.has(claim.value)) names.set(claim.value, property);
      byAgency.set(claim.provenance.agency, names);
    }
  }
  if (byAgency.size === 0) return <p className="muted">No names.</p>;
  return (
    <dl className="names-by-agency">
      {[...byAgency].map(([agency, names]) => (
        <div key={agency}>
          <dt>{agency}</dt>
          <dd>{[...names].map(([name, property]) => <span key={name} className="name-chip" title={property}>{name}{property !== 'name' ? <span className="muted small"> {property}</span> : null}</span>)}</dd>
        </div>
      ))}
    </dl>
  );
}
