/**
 * The application: sign-in, then the screens the user's roles allow, routed on the URL hash.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createApiClient } from './api/api-client.ts';
import type { Purpose, User } from './api/api-types.ts';
import { AppShell } from './layout/app-shell.tsx';
import { navigationItems } from './layout/navigation-items.ts';
import { forgetEntryStates } from './routing/entry-state.ts';
import { useHashRoute } from './routing/use-hash-route.ts';
import { AdminScreen } from './screens/admin-screen.tsx';
import { AlertsInboxScreen } from './screens/alerts-inbox-screen.tsx';
import { AuditScreen } from './screens/audit-screen.tsx';
import { CheckpointScreen } from './screens/checkpoint-screen.tsx';
import { IngestScreen } from './screens/ingest-screen.tsx';
import { ProfileScreen } from './screens/profile-screen.tsx';
import { ReportsScreen } from './screens/reports-screen.tsx';
import { ReviewScreen } from './screens/review-screen.tsx';
import { SearchScreen } from './screens/search-screen.tsx';
import { SignInScreen } from './screens/sign-in-screen.tsx';
import { loadPurpose, savePurpose } from './session/purpose-store.ts';
import { SessionContext, type Session } from './session/session-context.tsx';
import { unreadCount } from './session/unread-count.ts';
import { useNotifications } from './session/use-notifications.ts';

// sigma.js and graphology load only when the graph is opened.
const GraphScreen = lazy(() => import('./screens/graph-screen.tsx').then((m) => ({ default: m.GraphScreen })));

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [purpose, setPurposeState] = useState<Purpose | undefined>(loadPurpose);
  const purposeRef = useRef(purpose);
  purposeRef.current = purpose;
  // The purpose and case are the signed-in user's, and so are the searches kept with this tab's
  // history: a session that ends however it ends (signed out, expired, the account disabled) or a
  // new sign-in forgets them, so that the next user at this tab gives their own purpose and is
  // never audited under another's, nor finds another's searches on Back.
  const forgetUser = useCallback(() => {
    savePurpose(undefined);
    forgetEntryStates();
    purposeRef.current = undefined;
    setPurposeState(undefined);
  }, []);
  const endSession = useCallback(() => {
    forgetUser();
    setUser(null);
  }, [forgetUser]);
  const startSession = useCallback((signedIn: User) => {
    forgetUser();
    setUser(signedIn);
  }, [forgetUser]);
  const api = useMemo(() => createApiClient({ purpose: () => purposeRef.current, onUnauthenticated: endSession }), [endSession]);
  const route = useHashRoute();
  const notifications = useNotifications(api, user?.id);

  // Whether a session exists is the server's to say: its token is an HttpOnly cookie, which no
  // script can read (nor steal), and the app keeps no token of its own. /auth/session answers
  // "signed out" with no session, or one that ended, and the sign-in screen shows: not a refused
  // request, which the browser would list in its console as an error at every load. A request
  // refused later (the session ended meanwhile) still ends the session (onUnauthenticated).
  useEffect(() => {
    api.session().then((session) => {
      if (session.signedIn && session.user) setUser(session.user);
      else endSession();
    }, endSession);
  }, [api, endSession]);

  const setPurpose = useCallback((next: Purpose | undefined) => {
    savePurpose(next);
    setPurposeState(next);
  }, []);
  const signOut = useCallback(() => {
    api.signOut().catch(() => undefined).finally(endSession);
  }, [api, endSession]);

  if (user === undefined) return <p className="loading" role="status">Loading…</p>;
  if (user === null) return <SignInScreen api={api} onSignedIn={startSession} />;

  const session: Session = { user, api, purpose, setPurpose, signOut };
  const allowed = navigationItems(user.roles);
  const [first = allowed[0]?.id ?? 'search', ...rest] = route.segments;
  const unread = unreadCount(notifications.items, notifications.hasOlder);
  return (
    <SessionContext.Provider value={session}>
      <AppShell current={first} unread={unread}>
        <Screen name={first} rest={rest} params={route.params} notifications={notifications} />
      </AppShell>
    </SessionContext.Provider>
  );
}

function Screen({ name, rest, params, notifications }: { name: string; rest: readonly string[]; params: URLSearchParams; notifications: ReturnType<typeof useNotifications> }) {
  switch (name) {
    case 'search': return <SearchScreen />;
    case 'profile': return <ProfileScreen kind={rest[0] === 'entity' ? 'entity' : 'record'} id={rest[1] ?? ''} />;
    case 'graph': return <Suspense fallback={<p role="status">Loading the graph…</p>}><GraphScreen seed={params.get('seed') ?? ''} /></Suspense>;
    case 'checkpoint': return <CheckpointScreen />;
    case 'inbox': return <AlertsInboxScreen notifications={notifications} />;
    case 'review': return <ReviewScreen />;
    case 'audit': return <AuditScreen />;
    case 'admin': return <AdminScreen />;
    case 'retention': return <AdminScreen key="retention" initialArea="retention-review" />;
    case 'ingest': return <IngestScreen {...(params.get('job') ? { jobId: params.get('job') ?? '' } : {})} />;
    case 'reports': return <ReportsScreen {...(rest[0] ? { id: rest[0] } : {})} />;
    default: return <p role="alert" className="notice notice-error">No such screen: {name}</p>;
  }
}
