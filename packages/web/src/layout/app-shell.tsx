/**
 * The frame of every screen: a skip link, the navigation the user's roles allow, the purpose
 * bar, the user and sign-out. Navigation is a list of links so the keyboard order is the
 * reading order.
 */
import { clearanceWords, roleWords } from '@mosaic/model';
import type { ReactNode } from 'react';
import { agencyName, useAgencyNames } from '../common/use-agency-names.ts';
import { useSession } from '../session/session-context.tsx';
import { unreadBadge, type UnreadCount } from '../session/unread-count.ts';
import { navigationItems } from './navigation-items.ts';
import { PurposeBar } from './purpose-bar.tsx';

export function AppShell({ current, children, unread }: { readonly current: string; readonly children: ReactNode; readonly unread: UnreadCount }) {
  const { api, user, signOut } = useSession();
  const agencies = useAgencyNames(api);
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header className="topbar">
        <span className="brand" aria-label="Mosaic">MOSAIC</span>
        <nav aria-label="Main">
          <ul>
            {navigationItems(user.roles).map((item) => (
              <li key={item.id}>
                <a href={`#/${item.id}`} aria-current={current === item.id ? 'page' : undefined}>
                  {item.label}
                  {item.id === 'inbox' && unread.count > 0 ? <span className="count" aria-label={`${unread.atLeast ? 'at least ' : ''}${unread.count} unread`}>{unreadBadge(unread)}</span> : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <PurposeBar />
        <span className="user" title={`${user.roles.map(roleWords).join(', ')} · cleared ${clearanceWords(user.clearance)}`}>
          <span className="user-name" data-testid="user-name">{user.name}</span> <span className="muted user-agency" data-testid="user-agency" title={agencyName(agencies, user.agency)}>{agencyName(agencies, user.agency)}</span>
        </span>
        <button type="button" className="link" onClick={signOut}>Sign out</button>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </div>
  );
}
