/**
 * "Withdraw…" on one of the agency's alerts asks first, as an agreement's withdrawal does
 * (agreements-panel.tsx): the question names the alert and its subject and replaces the button,
 * the focus waits on its safe way out ("Keep the alert", not on the withdrawal), and goes back to
 * the button when it is cancelled (Escape or "Keep the alert"). Checkpoints stop acting on an
 * alert withdrawn at once.
 */
import { useEffect, useRef, useState } from 'react';
import type { AlertSummary } from '../api/api-types.ts';
import { alertCategoryWords } from '../common/alert-category-words.ts';

/** The subject as the question names it: its name with its record id, or the id alone. */
const subjectName = (a: AlertSummary): string => (a.caption === undefined ? a.subject : `${a.caption} (${a.subject})`);

export function WithdrawAlert({ alert, onWithdraw }: {
  readonly alert: AlertSummary;
  readonly onWithdraw: (id: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const askRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
    else if (wasConfirming.current) askRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const named = subjectName(alert);
  const what = `the ${alertCategoryWords(alert.category)} alert on ${named}`;
  if (!confirming) {
    return (
      <button type="button" className="small" ref={askRef} onClick={() => setConfirming(true)}
        aria-label={`Withdraw the ${alert.action} alert on ${named}`}>Withdraw…</button>
    );
  }
  return (
    <span role="group" className="confirm-withdraw" aria-label={`Confirm the withdrawal of ${what}`}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); setConfirming(false); } }}>
      <strong>Withdraw {what}? Checkpoints stop acting on it at once.</strong>{' '}
      <button type="button" className="small danger" onClick={() => { setConfirming(false); onWithdraw(alert.id); }}>Withdraw the alert now</button>{' '}
      <button type="button" className="small" ref={keepRef} onClick={() => setConfirming(false)}>Keep the alert</button>
    </span>
  );
}
