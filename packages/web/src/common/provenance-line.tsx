/**
 * Where a value comes from: agency, source, grading, marking, subject category, fact or
 * assessment, and the date by which its need must be reviewed.
 */
import type { Provenance } from '../api/api-types.ts';
import { GradingBadge } from './grading-badge.tsx';
import { localDay, reviewDateText, reviewOverdue } from './review-date.ts';
import { useSession } from '../session/session-context.tsx';
import { TlpBadge } from './tlp-badge.tsx';
import { agencyName, useAgencyNames } from './use-agency-names.ts';

export function ProvenanceLine({ provenance, compact = false }: { readonly provenance: Provenance; readonly compact?: boolean }) {
  const p = provenance;
  const agencies = useAgencyNames(useSession().api);
  const today = localDay();
  return (
    <span className="provenance">
      <span className="agency" title="owning agency">{agencyName(agencies, p.agency)}</span>
      {compact ? null : <span className="muted" title="source">{p.source}</span>}
      <GradingBadge reliability={p.reliability} credibility={p.credibility} />
      <TlpBadge tlp={p.marking.tlp} classification={p.marking.classification} />
      <span className={`badge category category-${p.category}`} title="data subject category">{p.category}</span>
      <span className={p.nature === 'assessment' ? 'badge nature-assessment' : 'badge nature-fact'} title="fact or assessment">{p.nature}</span>
      {compact ? null : <span className={reviewOverdue(p.reviewDate, today) ? 'review overdue' : 'review muted'} title="review date">review {reviewDateText(p.reviewDate, today)}</span>}
    </span>
  );
}
