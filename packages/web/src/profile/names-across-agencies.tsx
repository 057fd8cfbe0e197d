/**
 * The names and aliases of a subject grouped by the agency that claims them: the spellings each
 * agency knows the person by, each agency by its name and each kind of name under its label.
 */
import type { EntityProfile } from '../api/api-types.ts';
import { propertyLabel } from '../common/schema-words.ts';
import { agencyName, useAgencyNames } from '../common/use-agency-names.ts';
import type { SchemaInfo } from '../common/use-schemata.ts';
import { useSession } from '../session/session-context.tsx';

const NAME_PROPERTIES = ['name', 'alias', 'weakAlias', 'previousName', 'firstName', 'lastName'];

export function NamesAcrossAgencies({ profile, schema }: { readonly profile: EntityProfile; readonly schema: SchemaInfo | undefined }) {
  const agencies = useAgencyNames(useSession().api);
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
          <dt>{agencyName(agencies, agency)}</dt>
          <dd>{[...names].map(([name, property]) => {
            const label = propertyLabel(schema, property);
            return <span key={name} className="name-chip" title={label}>{name}{property !== 'name' ? <span className="muted small"> {label}</span> : null}</span>;
          })}</dd>
        </div>
      ))}
    </dl>
  );
}
