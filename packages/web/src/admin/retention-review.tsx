/**
 * The retention review (LED Art. 5): the agency's records past or near their review date, and
 * for a chosen record: keep it longer (new review date and reason), place or lift a legal hold,
 * or erase it now. Captions of records restricted to a need-to-know group the administrator is
 * not in are withheld by the server. A record's decision opens in the queue, under its row, with
 * the focus on its heading (in a queue of hundreds, one opened below the table was out of sight,
 * and the focus left on the row told nothing); Escape or "Back to the queue" closes it and gives
 * the focus back to the row. The keyboard's focus is kept: back on "Open the queue" once the
 * queue is read, on the field a refused decision names, and on the queue once a decision takes
 * its record out of it.
 */
import { Fragment, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Purpose } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { useAsync } from '../common/use-async.ts';
import { useFocusBack } from '../common/use-focus-back.ts';
import { useConfirmStep } from '../common/use-confirm-step.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { useSession } from '../session/session-context.tsx';
import type { QueueItem } from './admin-types.ts';
import { useChangeReason } from './change-reason.tsx';
import { Outcome } from './outcome.tsx';
import { useAdminAction, type AdminAction, type AdminChange } from './use-admin-action.ts';

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
  // Listing the queue is a consultation, logged with the reason, and a slow query on a large
  // store: it is asked for when the administrator opens it, and again after a decision — never
  // while the reason, the reference or the days are being typed.
  const [asked, setAsked] = useState<{ readonly withinDays: number; readonly change: Purpose }>();
  const queue = useAsync(asked ? () => api.adminGet<{ items: QueueItem[] }>('/retention/queue', { withinDays: asked.withinDays }, asked.change) : undefined, [api, asked]);
  // after a decision, the queue as it now stands, asked under the decision's reason
  const action = useAdminAction(() => setAsked((a) => (a && change ? { ...a, change } : a)));
  const [selected, setSelected] = useState<string>();
  // "Open the queue" is disabled while the queue is read, which drops the focus
  const holdFocus = useFocusBack(queue.loading);
  const open = (e: FormEvent) => {
    e.preventDefault();
    holdFocus();
    if (change) setAsked({ withinDays, change });
  };
  const item = queue.value?.items.find((i) => i.id === selected);
  // A decision that takes its record out of the queue (a later review date, an erasure) takes
  // its form away, and the focus with it: it goes to the queue, where the next one is chosen.
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (selected !== undefined && item === undefined && document.activeElement === document.body) table.current?.focus();
  }, [selected, item]);
  /** Closes the decision, the focus back on the row it was opened from. */
  const close = (id: string): void => {
    table.current?.querySelector<HTMLButtonElement>(`button[data-record="${CSS.escape(id)}"]`)?.focus();
    setSelected(undefined);
    action.clear();
  };
  return (
    <div className="admin-area" aria-label="Retention review">
      <form className="admin-form" aria-label="Queue" onSubmit={open}>
        <label>Due within (days) <input type="number" min={0} max={MAX_WITHIN_DAYS} value={withinDays} onChange={(e) => setWithinDays(Number(e.target.value) || 0)} /></label>
        <button type="submit" className="primary" disabled={!change || queue.loading}>Open the queue</button>
        {change ? null : <p className="muted">Give a reason and a change reference, then open the queue.</p>}
      </form>
      {queue.loading ? <ProgressBar label="Loading" /> : null}
      <ErrorMessage error={queue.error} what="load the retention review" />
      {queue.value ? (
        <table ref={table} tabIndex={-1} className="data" aria-label="Records due for review">
          <thead><tr><th scope="col">Record</th><th scope="col">Shown as</th><th scope="col">Category</th><th scope="col">Fact / assessment</th><th scope="col">Review date</th><th scope="col">Due</th><th scope="col">Legal holds</th></tr></thead>
          <tbody>
            {queue.value.items.map((i) => (
              <Fragment key={i.id}>
                <tr className={i.id === selected ? 'selected' : undefined}>
                  <td><button type="button" data-record={i.id} aria-pressed={i.id === selected} aria-expanded={i.id === selected} onClick={() => { setSelected(i.id); action.clear(); }}>{i.id}</button></td>
                  <td>{i.caption ?? <span className="muted">restricted to a case team</span>}</td><td>{i.category}</td><td>{i.nature}</td><td>{i.reviewDate}</td><td>{dueText(i.overdueDays)}</td>
                  <td>{i.holds.length > 0 ? i.holds.join('; ') : <span className="muted">none</span>}</td>
                </tr>
                {/* keyed by record: a reason typed for one record's decision is never sent with another's */}
                {i.id === selected ? <tr className="decision-row"><td colSpan={7}><RecordDecision key={i.id} item={i} action={action} onClose={() => close(i.id)} /></td></tr> : null}
              </Fragment>
            ))}
            {queue.value.items.length === 0 ? <tr><td colSpan={7} className="muted">Nothing due.</td></tr> : null}
          </tbody>
        </table>
      ) : null}
      <Outcome error={action.error} status={action.status} what={action.failed} errorId={DECISION_ERROR} />
    </div>
  );
}

const EMPTY = { until: '', reason: '', reference: '' };
/** The longest look ahead GET /retention/queue takes (withinDays), ten years. */
const MAX_WITHIN_DAYS = 3650;
const DECISION_ERROR = 'retention-decision-error';

function RecordDecision({ item, action, onClose }: { readonly item: QueueItem; readonly action: AdminAction; readonly onClose: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const refused = useRefusedFields<HTMLFieldSetElement>(action.error, DECISION_ERROR);
  /** An erasure waits for a second, explicit confirmation: it cannot be undone. */
  const step = useConfirmStep();
  const heading = useRef<HTMLHeadingElement>(null);
  // opened: the focus on its heading, so that a screen reader says what opened and where
  useEffect(() => heading.current?.focus(), []);
  // The confirmation replaces the button that asked for it: focus goes to its safe way out
  // (not to the irreversible button), and back to "Erase now…" when it is put away.
  const path = (suffix: string) => `/retention/records/${encodeURIComponent(item.id)}/${suffix}`;
  // a reason is given for one decision: once it is taken, the next one asks for its own
  const decide = (change: AdminChange, suffix: string, body: unknown) => void action.run(change, 'POST', path(suffix), body).then((ok) => { if (ok) setForm(EMPTY); });
  return (
    <fieldset ref={refused.ref} className="admin-form" aria-label={`Decision on ${item.id}`} aria-busy={action.busy}
      onInput={action.clear} onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        // Escape takes back an erasure being confirmed first, then closes the decision
        if (step.asking) step.cancel();
        else onClose();
      }}>
      <h2 ref={heading} tabIndex={-1} className="decision-title">Decision on {item.id}</h2>
      <label>Reason <input {...refused.field('reason')} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} /></label>
      <label>New review date <input {...refused.field('until')} type="date" value={form.until} onChange={(e) => setForm({ ...form, until: e.target.value })} /></label>
      <button type="button" disabled={action.busy} onClick={() => decide({ action: `extend the review date of ${item.id}`, done: `Review date of ${item.id} extended.` }, 'extend', { until: form.until, reason: form.reason })}>Extend review date</button>
      <label>Legal hold reference <input {...refused.field('reference')} value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })} /></label>
      <button type="button" disabled={action.busy} onClick={() => decide({ action: `place a legal hold on ${item.id}`, done: `Legal hold placed on ${item.id}.` }, 'holds', { reference: form.reference })}>Place legal hold</button>
      <button type="button" disabled={action.busy} onClick={() => decide({ action: `lift the legal hold on ${item.id}`, done: `Legal hold on ${item.id} lifted.` }, 'holds/lift', { reason: form.reason })}>Lift legal hold</button>
      {step.asking ? (
        <span role="group" aria-label="Confirm the erasure">
          <strong>Erase {item.id} for good? It cannot be undone.</strong>
          <button type="button" className="danger" disabled={action.busy} onClick={() => { step.cancel(); decide({ action: `erase ${item.id}`, done: `${item.id} erased.` }, 'erase', { reason: form.reason }); }}>Erase for good</button>
          <button type="button" ref={step.keep} onClick={step.cancel}>Keep it</button>
        </span>
      ) : <button type="button" ref={step.ask} className="danger" disabled={action.busy} onClick={step.open}>Erase now…</button>}
      <button type="button" className="link" onClick={onClose}>Back to the queue</button>
    </fieldset>
  );
}
