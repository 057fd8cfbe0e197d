/**
 * Who made a judgement, or the merge a judgement made, as the server tells the reader: the
 * analyst and their agency to a reader of that agency, the agency alone to others.
 */
import type { ReactNode } from 'react';
import type { JudgedBy } from '../api/api-types.ts';
import { useSession } from '../session/session-context.tsx';
import { agencyName, useAgencyNames } from './use-agency-names.ts';

export function JudgedByCell({ by }: { readonly by: JudgedBy | undefined }): ReactNode {
  const agencies = useAgencyNames(useSession().api);
  const agency = by?.agency === undefined ? undefined : agencyName(agencies, by.agency);
  if (by?.user !== undefined) return <>{by.user}{agency ? <span className="muted"> ({agency})</span> : null}</>;
  return agency ?? <span className="muted">—</span>;
}
