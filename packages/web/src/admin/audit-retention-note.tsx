/** How long the audit log is kept, in plain words, for those who may read it (auditors); the system administrator sets it under Administration. */
import { ErrorMessage } from '../common/error-message.tsx';
import { useAsync } from '../common/use-async.ts';
import { useSession } from '../session/session-context.tsx';
import type { AuditRetention } from './admin-types.ts';
import { auditRetentionText } from './audit-retention-text.ts';

export function AuditRetentionNote() {
  const { api } = useSession();
  const current = useAsync(() => api.adminGet<{ retention: AuditRetention | null }>('/admin/audit/retention'), [api]);
  return (
    <section aria-labelledby="audit-retention-title" className="audit-retention">
      <h2 id="audit-retention-title" className="section-title">How long the log is kept</h2>
      <ErrorMessage error={current.error} what="load the audit log retention" />
      {current.value ? <p data-testid="audit-retention">{auditRetentionText(current.value.retention)}</p> : null}
    </section>
  );
}
