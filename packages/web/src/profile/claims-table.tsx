/**
 * Every value of a profile on its own row with its provenance: owning agency, source, grading,
 * TLP marking, subject category, fact or assessment and review date.
 */
import type { ClaimedValue } from '../api/api-types.ts';
import { GradingBadge } from '../common/grading-badge.tsx';
import { PropertyValue } from '../common/property-value.tsx';
import { localDay, reviewDateText, reviewOverdue } from '../common/review-date.ts';
import { TlpBadge } from '../common/tlp-badge.tsx';
import { agencyName, useAgencyNames } from '../common/use-agency-names.ts';
import { href } from '../routing/use-hash-route.ts';
import { useSession } from '../session/session-context.tsx';

export interface ClaimRow {
  readonly property: string;
  readonly label: string;
  /** The model's type of the property (a country is shown by its name). */
  readonly type?: string | undefined;
  readonly claim: ClaimedValue;
  /** The value names another record or entity: link to its profile. */
  readonly link?: string;
}

export function ClaimsTable({ rows }: { readonly rows: readonly ClaimRow[] }) {
  const today = localDay();
  const agencies = useAgencyNames(useSession().api);
  return (
    <table className="data claims">
      <caption className="visually-hidden">Values and their provenance</caption>
      <thead>
        <tr><th scope="col">Property</th><th scope="col">Value</th><th scope="col">Agency</th><th scope="col">Source</th><th scope="col">Grading</th><th scope="col">Marking</th><th scope="col">Category</th><th scope="col">Nature</th><th scope="col">Review</th></tr>
      </thead>
      <tbody>
        {rows.map(({ property, label, type, claim, link }, i) => {
          const p = claim.provenance;
          const first = i === 0 || rows[i - 1]?.property !== property;
          return (
            <tr key={`${property}-${i}`} className={first ? 'group-start' : undefined}>
              <th scope="row" className={first ? '' : 'repeat'}>{first ? label : <span className="visually-hidden">{label}</span>}</th>
              <td className="value">{link ? <a href={link}>{claim.value}</a> : <PropertyValue type={type} value={claim.value} />}</td>
              <td>{agencyName(agencies, p.agency)}</td>
              <td className="muted" title={claim.record}>{p.source}</td>
              <td><GradingBadge reliability={p.reliability} credibility={p.credibility} /></td>
              <td><TlpBadge tlp={p.marking.tlp} classification={p.marking.classification} /></td>
              <td><span className={`badge category category-${p.category}`}>{p.category}</span></td>
              <td><span className={p.nature === 'assessment' ? 'badge nature-assessment' : 'badge nature-fact'}>{p.nature}</span></td>
              <td className={reviewOverdue(p.reviewDate, today) ? 'overdue nowrap' : 'nowrap muted'}>{reviewDateText(p.reviewDate, today)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export const recordLink = (id: string): string => href('profile', 'record', id);
