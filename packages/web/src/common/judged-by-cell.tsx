/**
 * Who made a judgement, or the merge a judgement made, as the server tells the reader: the
 * analyst and their agency to a reader of that agency, the agency alone to others.
 */
import type { ReactNode } from 'react';
import type { JudgedBy } from '../api/api-types.ts';

export function JudgedByCell({ by }: { readonly by: JudgedBy | undefined }): ReactNode {
  if (by?.user !== undefined) return <>{by.user}{by.agency ? <span className="muted"> ({by.agency})</span> : null}</>;
  return by?.agency ?? <span className="muted">—</span>;
}
