/**
 * Alerts on a subject: the category, the action it asks for, the owner desk and its validity.
 */
import type { AlertSummary } from '../api/api-types.ts';

export function AlertList({ alerts }: { readonly alerts: readonly AlertSummary[] }) {
  return (
    <section aria-label="Alerts" className="alerts">
      {alerts.map((a) => (
        <div key={a.id} className={`alert-banner alert-${a.category}`}>
          <strong className="action">{a.action ?? a.category.replace(/_/g, ' ').toUpperCase()}</strong>
          <span>{a.instruction ?? a.category}</span>
          <span className="muted">owner {a.ownerAgency}{a.ownerDesk ? ` · ${a.ownerDesk.name} ${a.ownerDesk.phone24x7 ?? a.ownerDesk.contact ?? ''}` : ''}{a.validUntil ? ` · until ${a.validUntil}` : ''}</span>
          {a.instructions ? <span className="instructions">{a.instructions}</span> : null}
        </div>
      ))}
    </section>
  );
}
