/**
 * The agency's webhook: where its notifications (hits on its alerts with the officer's report,
 * deconfliction notices) are pushed, signed with HMAC-SHA256 under a secret shared with the
 * receiver. The secret is written here once and never shown again. A failed delivery is tried
 * again for about nine hours; what is still undelivered then is listed here, to be sent again
 * once the receiver is mended.
 */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/error-message.tsx';
import { localTime } from '../common/local-time.ts';
import { notificationKindWords } from '../common/notification-kind-words.ts';
import { useAsync } from '../common/use-async.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { useSession } from '../session/session-context.tsx';
import { Outcome } from './outcome.tsx';
import { useAdminAction } from './use-admin-action.ts';

interface Undelivered {
  readonly notification: string;
  readonly kind: string;
  readonly attempts: number;
  readonly firstAt: string;
  readonly lastAt: string;
  readonly failure: string;
}

interface WebhookStatus {
  readonly url: string | null;
  readonly pending: number;
  readonly undelivered: readonly Undelivered[];
}

export function WebhookPanel() {
  const { api } = useSession();
  const current = useAsync(() => api.adminGet<WebhookStatus>('/admin/webhook'), [api]);
  const action = useAdminAction(current.reload);
  const refused = useRefusedFields<HTMLFormElement>(action.error, 'webhook-error');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run({ action: 'save the webhook', done: 'Webhook saved.' }, 'PUT', '/admin/webhook', { url, secret }).then((ok) => { if (ok) setSecret(''); });
  };
  // refused (not this agency's data administrator) or not yet read: nothing to show or edit
  if (current.error || !current.value) {
    return (
      <div className="admin-area" aria-label="Webhook">
        <ErrorMessage error={current.error} what="load the webhook" />
        {current.loading ? <p className="muted">Loading…</p> : null}
      </div>
    );
  }
  return (
    <form ref={refused.ref} className="admin-area" aria-label="Webhook" aria-busy={action.busy} onSubmit={save} onInput={action.clear}>
      <p>Notifications are pushed to: <strong data-testid="webhook-url">{current.value.url ?? 'nowhere (no webhook)'}</strong></p>
      <div className="admin-form">
        <label>URL <input {...refused.field('url')} type="url" value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="https://…" /></label>
        <label>Shared secret (16 characters or more) <input {...refused.field('secret')} type="password" value={secret} onChange={(e) => setSecret(e.target.value)} required minLength={16} autoComplete="new-password" /></label>
        <button type="submit" className="primary" disabled={action.busy}>Save webhook</button>
        {current.value.url ? <button type="button" disabled={action.busy} onClick={() => void action.run({ action: 'remove the webhook', done: 'Webhook removed.' }, 'DELETE', '/admin/webhook', undefined)}>Remove webhook</button> : null}
      </div>
      <Deliveries status={current.value} busy={action.busy} onRedeliver={() => void action.run({ action: 'send the undelivered notifications again', done: 'Undelivered notifications queued to be sent again.' }, 'POST', '/admin/webhook/redeliver', undefined)} />
      <Outcome error={action.error} status={action.status} what={action.failed} errorId="webhook-error" />
    </form>
  );
}

function Deliveries({ status, busy, onRedeliver }: { readonly status: WebhookStatus; readonly busy: boolean; readonly onRedeliver: () => void }) {
  return (
    <section aria-label="Deliveries">
      <p data-testid="webhook-pending">{status.pending === 0 ? 'No failed delivery is being tried again.' : `${status.pending} failed ${status.pending === 1 ? 'delivery is' : 'deliveries are'} being tried again.`}</p>
      {status.undelivered.length === 0 ? null : (
        <>
          <p>Given up on after about nine hours of attempts (the receiver should ignore a notification it already has):</p>
          <table className="data" aria-label="Undelivered notifications">
            <thead><tr><th scope="col">Notification</th><th scope="col">Kind</th><th scope="col">First tried (UTC)</th><th scope="col">Last tried (UTC)</th><th scope="col">Attempts</th><th scope="col">Last failure</th></tr></thead>
            <tbody>{status.undelivered.map((u) => (
              <tr key={u.notification}><td>{u.notification}</td><td>{notificationKindWords(u.kind)}</td><td>{localTime(u.firstAt)}</td><td>{localTime(u.lastAt)}</td><td>{u.attempts}</td><td>{u.failure}</td></tr>
            ))}</tbody>
          </table>
          <button type="button" disabled={busy} onClick={onRedeliver}>Send undelivered again</button>
        </>
      )}
    </section>
  );
}
