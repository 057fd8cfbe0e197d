/**
 * Alerts: the action each asks for, the owner desk to call and the validity. On a subject's
 * profile each says what to do and whose it is; in an agency's own list each names its subject,
 * by the name the server read it under (`caption`), its record id beside it, or by the id alone
 * where it gave none, and when the agency must review it (alert-review.ts).
 */
import type { AlertSummary } from '../api/api-types.ts';
import { agencyName, deskName, useAgencyNames, useDeskNames } from '../common/use-agency-names.ts';
import { href } from '../routing/use-hash-route.ts';
import { localDay } from '../common/review-date.ts';
import { useSession } from '../session/session-context.tsx';
import { alertReview } from './alert-review.ts';
import { WithdrawAlert } from './withdraw-alert.tsx';

export function AlertList({ alerts, showSubject = false, onWithdraw }: {
  readonly alerts: readonly AlertSummary[];
  readonly showSubject?: boolean;
  /** Offered on each alert not withdrawn, in force or yet to be (the agency's own list), after a question (withdraw-alert.tsx). */
  readonly onWithdraw?: ((id: string, reason: string) => void) | undefined;
}) {
  const { api } = useSession();
  const agencies = useAgencyNames(api);
  const desks = useDeskNames(api);
  const today = localDay();
  return (
    <section aria-label="Alerts" className="alerts">
      {alerts.map((a) => (
        <div key={a.id} className={`alert-banner alert-${a.category}${a.status === 'withdrawn' ? ' withdrawn' : ''}`} data-testid="alert">
          <strong className="action">{a.action.replace(/_/g, ' ')}</strong>
          {showSubject ? <a href={href('profile', 'record', a.subject)}>{a.caption ?? a.subject}</a> : <span>{a.instruction}</span>}
          {showSubject && a.caption !== undefined ? <span className="muted small subject-id">{a.subject}</span> : null}
          <span className="muted owner">
            {a.agency ? `${agencyName(agencies, a.agency)} · ` : ''}{deskName(desks, a.desk)} {a.deskContact} · from {a.validFrom}{a.validUntil ? ` until ${a.validUntil}` : ''}{a.status !== 'active' ? ` · ${a.status.replace(/_/g, ' ')}` : ''}
          </span>
          {showSubject ? <ReviewDate reviewDate={a.reviewDate} today={today} /> : null}
          {onWithdraw && a.status !== 'withdrawn' ? <WithdrawAlert alert={a} onWithdraw={onWithdraw} /> : null}
          {a.instructions ? <span className="instructions">{a.instructions}</span> : null}
        </div>
      ))}
    </section>
  );
}

function ReviewDate({ reviewDate, today }: { readonly reviewDate: string; readonly today: string }) {
  const review = alertReview(reviewDate, today);
  return <span className={review.past ? 'overdue review' : 'muted review'}>{review.text}</span>;
}
