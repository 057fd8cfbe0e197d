/**
 * Administration: agencies, desks, users and their roles, need-to-know groups, sharing
 * agreements, retention rules, the retention review, the agency's webhook and, for the system
 * administrator, how long the audit log is kept. Each area is a table of what the server
 * returns and a form for a change; every change carries the reason given at the top and is
 * audited. The server decides who may change what (a data administrator: their own agency).
 */
import { useState } from 'react';
import { ChangeReason } from '../admin/change-reason.tsx';
import type { Organisation } from '../admin/admin-types.ts';
import { AgreementsPanel } from '../admin/agreements-panel.tsx';
import { AuditRetentionPanel } from '../admin/audit-retention-panel.tsx';
import { GroupsPanel } from '../admin/groups-panel.tsx';
import { OrganisationPanel } from '../admin/organisation-panel.tsx';
import { RetentionRulesPanel } from '../admin/retention-rules-panel.tsx';
import { RetentionReview } from '../admin/retention-review.tsx';
import { UsersPanel } from '../admin/users-panel.tsx';
import { WebhookPanel } from '../admin/webhook-panel.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { useAsync } from '../common/use-async.ts';
import { useSession } from '../session/session-context.tsx';

const AREAS = [
  { id: 'organisation', label: 'Agencies' },
  { id: 'desks', label: 'Desks' },
  { id: 'users', label: 'Users and roles' },
  { id: 'groups', label: 'Need-to-know groups' },
  { id: 'agreements', label: 'Sharing agreements' },
  { id: 'retention-rules', label: 'Retention rules' },
  { id: 'retention-review', label: 'Retention review' },
  { id: 'webhook', label: 'Webhook' },
  // one setting for the whole deployment: the system administrator's alone
  { id: 'audit-retention', label: 'Audit log retention', sysadmin: true },
] as const;
type AreaId = (typeof AREAS)[number]['id'];

export function AdminScreen({ initialArea }: { readonly initialArea?: string } = {}) {
  const { api, user } = useSession();
  const sysadmin = user.roles.includes('sysadmin');
  const areas = AREAS.filter((a) => sysadmin || !('sysadmin' in a));
  const [area, setArea] = useState<AreaId>(areas.find((a) => a.id === initialArea)?.id ?? 'organisation');
  const org = useAsync(() => api.adminGet<Organisation>('/admin/organisation'), [api]);
  return (
    <section className="screen" aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <ChangeReason>
        <div role="tablist" aria-label="Areas" className="tabs" onKeyDown={(e) => {
          // the WAI-ARIA tabs pattern: arrows to the next or previous tab, Home and End to the first and last
          const i = areas.findIndex((a) => a.id === area);
          const next = e.key === 'ArrowRight' ? areas[(i + 1) % areas.length]
            : e.key === 'ArrowLeft' ? areas[(i - 1 + areas.length) % areas.length]
              : e.key === 'Home' ? areas[0]
                : e.key === 'End' ? areas[areas.length - 1] : undefined;
          if (next) { e.preventDefault(); setArea(next.id); document.getElementById(`tab-${next.id}`)?.focus(); }
        }}>
          {areas.map((a) => (
            <button key={a.id} id={`tab-${a.id}`} role="tab" type="button" aria-selected={a.id === area} aria-controls="admin-panel" tabIndex={a.id === area ? 0 : -1} onClick={() => setArea(a.id)}>{a.label}</button>
          ))}
        </div>
        <div id="admin-panel" role="tabpanel" aria-labelledby={`tab-${area}`}>
          {org.loading && !org.value ? <ProgressBar label="Loading" /> : null}
          <ErrorMessage error={org.error} what="load the agencies and desks" />
          {org.value ? (
            area === 'organisation' || area === 'desks' ? <OrganisationPanel org={org.value} reload={org.reload} sysadmin={sysadmin} show={area === 'organisation' ? 'agencies' : 'desks'} />
              : area === 'users' ? <UsersPanel org={org.value} />
                : area === 'groups' ? <GroupsPanel />
                  : area === 'agreements' ? <AgreementsPanel org={org.value} reload={org.reload} />
                    : area === 'retention-rules' ? <RetentionRulesPanel />
                      : area === 'webhook' ? <WebhookPanel />
                        : area === 'audit-retention' ? <AuditRetentionPanel />
                        : <RetentionReview />
          ) : null}
        </div>
      </ChangeReason>
    </section>
  );
}
