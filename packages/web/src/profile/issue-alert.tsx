/**
 * Issue an alert on the subject from its profile: the category (which sets the action a
 * checkpoint officer is shown), the owner's own instructions and how long it holds. The alert
 * is the agency's record, on the record given; the server checks that the agency may see it.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/error-message.tsx';
import { useAction } from '../common/use-action.ts';
import { useSession } from '../session/session-context.tsx';

/** The categories in order of how binding they are, with the action each shows at a checkpoint. */
const ALERT_CHOICES: readonly (readonly [category: string, label: string])[] = [
  ['arrest', 'Arrest (ARREST)'],
  ['protective', 'Protect a missing or vulnerable person (PROTECT)'],
  ['refusal_of_entry', 'Refuse entry (REFUSE ENTRY)'],
  ['specific_check', 'Specific check: search (SEARCH)'],
  ['inquiry_check', 'Inquiry check: interview (INTERVIEW)'],
  ['discreet_check', 'Discreet check (REPORT COVERTLY)'],
  ['inform_owner_only', 'Inform the owner only (INFORM OWNER)'],
];

export function IssueAlert({ record, onIssued }: { readonly record: string; readonly onIssued: () => void }) {
  const { api } = useSession();
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState('discreet_check');
  const [instructions, setInstructions] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const { busy, error, run } = useAction();
  // Once the form closes (issued or cancelled), the keyboard goes back to the button that opened it.
  const opener = useRef<HTMLButtonElement>(null);
  const [backToOpener, setBackToOpener] = useState(false);
  useEffect(() => {
    if (backToOpener && opener.current) {
      opener.current.focus();
      setBackToOpener(false);
    }
  }, [backToOpener, open]);
  const close = (): void => {
    setOpen(false);
    setBackToOpener(true);
  };

  if (!open) return <button type="button" ref={opener} onClick={() => setOpen(true)}>Issue an alert</button>;
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    await run(async () => {
      await api.issueAlert({ subject: record, category, ...(instructions.trim() ? { instructions: instructions.trim() } : {}), ...(validUntil ? { validUntil } : {}) });
      close();
      setInstructions('');
      setValidUntil('');
      onIssued();
    });
  };
  return (
    <form className="issue-alert" onSubmit={(e) => void submit(e)} aria-label="Issue an alert on this subject">
      <label htmlFor="alert-category">Category</label>
      <select id="alert-category" autoFocus value={category} onChange={(e) => setCategory(e.target.value)}>
        {ALERT_CHOICES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
      <label htmlFor="alert-instructions">Instructions to the officer</label>
      <textarea id="alert-instructions" rows={2} maxLength={2000} value={instructions} onChange={(e) => setInstructions(e.target.value)} placeholder="optional: questions to ask, objects to look for" />
      <label htmlFor="alert-until">Valid until</label>
      <input id="alert-until" type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>Issue the alert</button>
        <button type="button" onClick={close}>Cancel</button>
      </div>
      <ErrorMessage error={error} what="alerts" />
    </form>
  );
}
