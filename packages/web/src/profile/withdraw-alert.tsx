/**
 * "Withdraw…" on one of the agency's alerts asks first, as an agreement's withdrawal does
 * (agreements-panel.tsx): the question names the alert and its subject and replaces the button,
 * the focus waits on its safe way out ("Keep the alert", not on the withdrawal), and goes back to
 * the button when it is cancelled (Escape or "Keep the alert"). Checkpoints stop acting on an
 * alert withdrawn at once. The question asks why too (the subject arrested, the warrant lifted):
 * not required, as an agreement's withdrawal asks none, but kept in the withdrawal's audit entry
 * when given, where the grounds of ending the processing belong (LED Art. 16 and 25).
 */
import { alertCategoryWords } from '@mosaic/model';
import { useState } from 'react';
import type { AlertSummary } from '../api/api-types.ts';
import { useConfirmStep } from '../common/use-confirm-step.ts';

/** The subject as the question names it: its name with its record id, or the id alone. */
const subjectName = (a: AlertSummary): string => (a.caption === undefined ? a.subject : `${a.caption} (${a.subject})`);

export function WithdrawAlert({ alert, onWithdraw }: {
  readonly alert: AlertSummary;
  readonly onWithdraw: (id: string, reason: string) => void;
}) {
  const step = useConfirmStep();
  const [reason, setReason] = useState('');
  const named = subjectName(alert);
  const what = `the ${alertCategoryWords(alert.category)} alert on ${named}`;
  if (!step.asking) {
    return (
      <button type="button" className="small" ref={step.ask} onClick={step.open}
        aria-label={`Withdraw ${what}`}>Withdraw…</button>
    );
  }
  return (
    <span role="group" className="confirm-withdraw" aria-label={`Confirm the withdrawal of ${what}`}
      onKeyDown={step.onKeyDown}>
      <strong>Withdraw {what}? Checkpoints stop acting on it at once.</strong>{' '}
      <label className="small">Why (optional, kept in the audit log){' '}
        <textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. arrested, warrant lifted" />
      </label>{' '}
      <button type="button" className="small danger" onClick={() => { step.answered(); onWithdraw(alert.id, reason.trim()); }}>Withdraw the alert now</button>{' '}
      <button type="button" className="small" ref={step.keep} onClick={step.cancel}>Keep the alert</button>
    </span>
  );
}
