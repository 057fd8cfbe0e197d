/**
 * The agency's webhook: where its notifications (hits on its alerts with the officer's report,
 * deconfliction notices) are pushed, signed with HMAC-SHA256 under a secret shared with the
 * receiver. The secret is written here once and never shown again.
 */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/error-message.tsx';
import { useAsync } from '../common/use-async.ts';
import { useSession } from '../session/session-context.tsx';
import { Outcome } from './outcome.tsx';
import { useAdminAction } from './use-admin-action.ts';

export function WebhookPanel() {
  const { api } = useSession();
  const current = useAsync(() => api.adminGet<{ url: string | null }>('/admin/webhook'), [api]);
  const action = useAdminAction(current.reload);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run('Webhook saved.', 'PUT', '/admin/webhook', { url, secret }).then((ok) => { if (ok) setSecret(''); });
  };
  // refused (not this agency's data administrator) or not yet read: nothing to show or edit
  if (current.error || !current.value) {
    return (
      <div className="admin-area" aria-label="Webhook">
        <ErrorMessage error={current.error} what="/admin/webhook" />
        {current.loading ? <p className="muted">Loading…</p> : null}
      </div>
    );
  }
  return (
    <form className="admin-area" aria-label="Webhook" onSubmit={save}>
      <p>Notifications are pushed to: <strong data-testid="webhook-url">{current.value.url ?? 'nowhere (no webhook)'}</strong></p>
      <div className="admin-form">
        <label>URL <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="https://…" /></label>
        <label>Shared secret (16 characters or more) <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} required minLength={16} autoComplete="new-password" /></label>
        <button type="submit" className="primary">Save webhook</button>
        {current.value.url ? <button type="button" onClick={() => void action.run('Webhook removed.', 'DELETE', '/admin/webhook', undefined)}>Remove webhook</button> : null}
      </div>
      <Outcome error={action.error} status={action.status} />
    </form>
  );
}
