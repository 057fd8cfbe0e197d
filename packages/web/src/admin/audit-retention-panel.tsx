/**
 * How long the audit log is kept, set by the system administrator (one period for the whole
 * deployment: the log is one chain across agencies). National law gives the period (LED
 * Art. 25(2)); none set keeps the whole log. The server refuses a period of zero or over 100
 * years, naming why.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/error-message.tsx';
import { useAsync } from '../common/use-async.ts';
import { useSession } from '../session/session-context.tsx';
import type { AuditRetention } from './admin-types.ts';
import { auditRetentionText } from './audit-retention-text.ts';
import { Outcome } from './outcome.tsx';
import { useAdminAction } from './use-admin-action.ts';

const NONE: AuditRetention = { years: 0, months: 0, days: 0, endOfYear: false };
const UNITS = [['years', 'Years'], ['months', 'Months'], ['days', 'Days']] as const;

export function AuditRetentionPanel() {
  const { api } = useSession();
  const current = useAsync(() => api.adminGet<{ retention: AuditRetention | null }>('/admin/audit/retention'), [api]);
  const action = useAdminAction(current.reload);
  const [draft, setDraft] = useState<AuditRetention>(NONE);
  useEffect(() => { if (current.value) setDraft(current.value.retention ?? NONE); }, [current.value]);
  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run({ action: 'save the audit log retention', done: 'Audit log retention saved.' }, 'PUT', '/admin/audit/retention', { retention: draft });
  };
  if (current.error || !current.value) {
    return (
      <div className="admin-area" aria-label="Audit log retention">
        <ErrorMessage error={current.error} what="load the audit log retention" />
        {current.loading ? <p className="muted">Loading…</p> : null}
      </div>
    );
  }
  const { retention } = current.value;
  return (
    <form className="admin-area" aria-label="Audit log retention" aria-busy={action.busy} onSubmit={save} onInput={action.clear}>
      <p data-testid="audit-retention">{auditRetentionText(retention)}</p>
      <p className="muted">How long is national law's choice (LED Art. 25(2)); German law, for one, keeps the log to the end of the year after the one it was made in (BDSG §76(4): 1 year, to the end of that year).</p>
      <div className="admin-form">
        <fieldset>
          <legend>Keep each entry for</legend>
          {UNITS.map(([unit, label]) => (
            <label key={unit}>{label} <input type="number" min={0} value={draft[unit]} onChange={(e) => setDraft({ ...draft, [unit]: Number(e.target.value) || 0 })} /></label>
          ))}
          <label className="check"><input type="checkbox" checked={draft.endOfYear} onChange={(e) => setDraft({ ...draft, endOfYear: e.target.checked })} /> and then to the end of that year</label>
        </fieldset>
        <button type="submit" className="primary" disabled={action.busy}>Save period</button>
        {retention ? <button type="button" disabled={action.busy} onClick={() => void action.run({ action: 'keep the whole audit log', done: 'The whole audit log is kept.' }, 'PUT', '/admin/audit/retention', { retention: null })}>Keep the whole log</button> : null}
      </div>
      <Outcome error={action.error} status={action.status} what={action.failed} />
    </form>
  );
}
