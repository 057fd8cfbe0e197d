/**
 * The retention review (LED Art. 5): the agency's records past or near their review date, and
 * for a chosen record: keep it longer (new review date and reason), place or lift a legal hold,
 * or erase it now. Captions of records restricted to a need-to-know group the administrator is
 * not in are withheld by the server.
 */
import { useState } from 'react';
import { ErrorMessage } from '../common/error-message.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { useAsync } from '../common/use-async.ts';
import { useSession } from '../session/session-context.tsx';
import type { QueueItem } from './admin-types.ts';
import { useChangeReason } from './change-reason.tsx';
import { Outcome } from './outcome.tsx';
import { useAdminAction } from './use-admin-action.ts';

/** A review date against today: "12 days overdue", "due today", "due in 3 days". */
function dueText(overdueDays: number): string {
  const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);
  if (overdueDays > 0) return `${days(overdueDays)} overdue`;
  return overdueDays === 0 ? 'due today' : `due in ${days(-overdueDays)}`;
}

export function RetentionReview() {
  const { api } = useSession();
  const change = useChangeReason();
  const [withinDays, setWithinDays] = useState(30);
  // Listing the queue is a consultation: it waits for the reason, which the server logs with it.
  const queue = useAsync(change ? () => api.adminGet<{ items: QueueItem[] }>('/retention/queue', { withinDays }, change) : undefined, [api, withinDays, change?.purpose, change?.caseRef]);
  const action = useAdminAction(queue.reload);
  const [selected, setSelected] = useState<string>();
  const [form, setForm] = useState({ until: '', reason: '', reference: '' });
  /** The record whose erasure awaits a second click: an erasure cannot be undone. */
  const [erasing, setErasing] = useState<string | undefined>();
  const item = queue.value?.items.find((i) => i.id === selected);
  const path = (suffix: string) => `/retention/records/${encodeURIComponent(selected ?? '')}/${suffix}`;
  return (
    <div className="admin-area" aria-label="Retention review">
      <label>Due within (days) <input type="number" min={0} value={withinDays} onChange={(e) => setWithinDays(Number(e.target.value) || 0)} /></label>
      {change ? null : <p className="muted">The queue opens once a reason and a change reference are given.</p>}
      {queue.loading ? <ProgressBar label="Loading" /> : null}
      <ErrorMessage error={queue.error} what="/retention/queue" />
      {queue.value ? (
        <table className="data" aria-label="Records due for review">
          <thead><tr><th scope="col">Record</th><th scope="col">Shown as</th><th scope="col">Category</th><th scope="col">Fact / assessment</th><th scope="col">Review date</th><th scope="col">Due</th><th scope="col">Legal holds</th></tr></thead>
          <tbody>
            {queue.value.items.map((i) => (
              <tr key={i.id} className={i.id === selected ? 'selected' : undefined}>
                <td><button type="button" aria-pressed={i.id === selected} onClick={() => setSelected(i.id)}>{i.id}</button></td>
                <td>{i.caption ?? <span className="muted">restricted to a case team</span>}</td><td>{i.category}</td><td>{i.nature}</td><td>{i.reviewDate}</td><td>{dueText(i.overdueDays)}</td>
                <td>{i.holds.length > 0 ? i.holds.join('; ') : <span className="muted">none</span>}</td>
              </tr>
            ))}
            {queue.value.items.length === 0 ? <tr><td colSpan={7} className="muted">Nothing due.</td></tr> : null}
          </tbody>
        </table>
      ) : null}
      {item ? (
        <fieldset className="admin-form" aria-label={`Decision on ${item.id}`}>
          <legend>Decision on {item.id}</legend>
          <label>Reason <input value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} /></label>
          <label>New review date <input type="date" value={form.until} onChange={(e) => setForm({ ...form, until: e.target.value })} /></label>
          <button type="button" onClick={() => void action.run(`Review date of ${item.id} extended.`, 'POST', path('extend'), { until: form.until, reason: form.reason })}>Extend review date</button>
          <label>Legal hold reference <input value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })} /></label>
          <button type="button" onClick={() => void action.run(`Legal hold placed on ${item.id}.`, 'POST', path('holds'), { reference: form.reference })}>Place legal hold</button>
          <button type="button" onClick={() => void action.run(`Legal hold on ${item.id} lifted.`, 'POST', path('holds/lift'), { reason: form.reason })}>Lift legal hold</button>
          {erasing === item.id ? (
            <span role="group" aria-label="Confirm the erasure">
              <strong>Erase {item.id} for good? It cannot be undone.</strong>
              <button type="button" className="danger" onClick={() => { setErasing(undefined); void action.run(`${item.id} erased.`, 'POST', path('erase'), { reason: form.reason }); }}>Erase for good</button>
              <button type="button" onClick={() => setErasing(undefined)}>Keep it</button>
            </span>
          ) : <button type="button" className="danger" onClick={() => setErasing(item.id)}>Erase now…</button>}
        </fieldset>
      ) : null}
      <Outcome error={action.error} status={action.status} />
    </div>
  );
}
