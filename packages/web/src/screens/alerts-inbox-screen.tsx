/**
 * The alerts inbox: notifications addressed to the user or their agency (hits on their alerts,
 * deconfliction notices, what the user's watches turn up, lost track), live over server-sent
 * events, a page at a time; the user's watches; and the alerts their agency holds. Watching and
 * listing the agency's alerts are consultations, so both wait for the purpose.
 */
import { alertCategoryWords } from '@mosaic/model';
import { useEffect, useRef, useState } from 'react';
import type { Notification } from '../api/api-types.ts';
import { contactPhone } from '../common/contact-links.ts';
import type { NotificationsState } from '../session/use-notifications.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { localTime } from '../common/local-time.ts';
import { ProgressBar } from '../common/progress-bar.tsx';
import { PurposeGate } from '../common/purpose-gate.tsx';
import { notificationKindWords } from '../common/notification-kind-words.ts';
import { notificationContact, notificationDetails, notificationRecord, notificationSummary } from '../common/notification-summary.ts';
import { useAction } from '../common/use-action.ts';
import { useAgencyNames, useDeskNames } from '../common/use-agency-names.ts';
import { useAsync } from '../common/use-async.ts';
import { AlertList } from '../profile/alert-list.tsx';
import { href } from '../routing/use-hash-route.ts';
import { useSession } from '../session/session-context.tsx';
import { WatchesPanel } from '../watch/watches-panel.tsx';

const LIVE_LABEL = { open: 'Live', connecting: 'Connecting…', closed: 'Disconnected' } as const;

/**
 * The alerts the user's agency holds. A colleague's alert issued or withdrawn meanwhile is read
 * again when the page comes back into view (the window focused, the tab shown again) or on
 * "Refresh", without reloading the page: listing them is a consultation, logged each time, so
 * they are not read on a timer. A withdrawal is asked for first (withdraw-alert.tsx); once it is
 * made, the status saying so takes the keyboard, as the button pressed has gone with it.
 */
/** A focus and a visibility change this close together are one return to the page. */
const RETURN_WINDOW_MS = 1000;

function AgencyAlerts() {
  const { api } = useSession();
  const alerts = useAsync(() => api.alerts(), [api]);
  const withdrawing = useAction();
  const [withdrawn, setWithdrawn] = useState<string>();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const { reload } = alerts;
  useEffect(() => {
    // coming back to the tab fires both events: one read (a logged consultation) for one return
    let last = Number.NEGATIVE_INFINITY;
    const shown = (): void => {
      if (document.visibilityState !== 'visible' || performance.now() - last < RETURN_WINDOW_MS) return;
      last = performance.now();
      reload();
    };
    window.addEventListener('focus', shown);
    document.addEventListener('visibilitychange', shown);
    return () => {
      window.removeEventListener('focus', shown);
      document.removeEventListener('visibilitychange', shown);
    };
  }, [reload]);
  useEffect(() => { if (withdrawn !== undefined) statusRef.current?.focus(); }, [withdrawn]);
  const withdraw = (id: string, reason: string): void => {
    if (withdrawing.busy) return;
    const alert = alerts.value?.find((a) => a.id === id);
    void withdrawing.run(async () => {
      await api.withdrawAlert(id, reason);
      setWithdrawn(`The ${alert ? `${alertCategoryWords(alert.category)} alert on ${alert.caption ?? alert.subject}` : 'alert'} is withdrawn.`);
      reload();
    });
  };
  return (
    <>
      <ErrorMessage error={alerts.error ?? withdrawing.error} what={alerts.error ? 'load the alerts' : 'withdraw the alert'} />
      <p role="status" className="muted small" tabIndex={-1} ref={statusRef}>{withdrawn}</p>
      <button type="button" className="small" onClick={reload} disabled={alerts.loading}>Refresh the alerts</button>
      {alerts.loading ? <ProgressBar label="Loading your agency's alerts" /> : null}
      {alerts.value?.length ? <AlertList alerts={alerts.value} showSubject onWithdraw={withdraw} /> : alerts.value ? <p className="muted">No alerts.</p> : null}
    </>
  );
}

/**
 * A link to the record a notice is about (the first, when it lists several), else to an alert's
 * subject; a watch's pointer has no record the reader may open, so it links to the desk to call.
 */
function OpenLink({ body }: { readonly body: Notification['body'] }) {
  const record = notificationRecord(body);
  if (record !== undefined) return <a className="small" href={href('profile', 'record', record)}>Open</a>;
  const contact = notificationContact(body);
  // the number alone: a contact may name an e-mail address beside it (contact-links.ts)
  const phone = contact === undefined ? undefined : contactPhone(contact);
  if (phone?.href !== undefined) return <a className="small" href={phone.href}>Call the desk</a>;
  const subject = body['subject'];
  return typeof subject === 'string' ? <a className="small" href={href('profile', 'record', subject)}>Open the subject</a> : null;
}

export function AlertsInboxScreen({ notifications }: { readonly notifications: NotificationsState }) {
  const { items, loading, hasOlder, loadingOlder, live, error, showOlder, markRead } = notifications;
  const { api } = useSession();
  const names = { agencies: useAgencyNames(api), desks: useDeskNames(api) };
  return (
    <section className="screen" aria-labelledby="inbox-title">
      <div className="title-row">
        <h1 id="inbox-title">Alerts inbox</h1>
        <span className={`live live-${live}`} role="status" data-testid="stream-state">{loading ? 'Loading…' : LIVE_LABEL[live]}</span>
      </div>
      <ErrorMessage error={error} what="load the notifications" />
      <ol className="inbox" aria-live="polite" aria-label="Notifications">
        {items.map((n) => (
          <li key={n.id} className={n.read ? 'read' : 'unread'}>
            <time dateTime={n.at}>{localTime(n.at)}</time>
            <span className="badge">{notificationKindWords(n.kind)}</span>
            <strong>{n.title}</strong>
            <span className="muted small notification-summary">{notificationSummary(n, names)}</span>
            <details className="small notification-details"><summary>Details</summary>{notificationDetails(n.body)}</details>
            <OpenLink body={n.body} />
            {n.read ? null : <button type="button" className="small" onClick={() => markRead(n.id)} aria-label={`Mark read: “${n.title}”`}>Mark read</button>}
          </li>
        ))}
        {items.length === 0 && !loading ? <li className="muted">No notifications.</li> : null}
      </ol>
      {loading ? <ProgressBar label="Loading notifications" /> : null}
      {hasOlder ? <button type="button" onClick={showOlder} disabled={loadingOlder}>{loadingOlder ? 'Loading older notifications…' : 'Show older'}</button> : null}
      <PurposeGate>
        <WatchesPanel />
        <h2>Alerts held by your agency</h2>
        <AgencyAlerts />
      </PurposeGate>
    </section>
  );
}
