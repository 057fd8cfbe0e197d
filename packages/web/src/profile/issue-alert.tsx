/**
 * Issue an alert on the subject from its profile: the category (which sets the action a
 * checkpoint officer is shown), the owner's own instructions and how long it holds. The alert
 * is the agency's record, on the record given; the server checks that the agency may see it.
 * Once it is issued the profile is read again (a subject's is replaced by its progress bar
 * meanwhile), so the alert issued is kept by the profile and said here, where the keyboard goes.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import type { AlertSummary } from '../api/api-types.ts';
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

/** What the status says of an alert just issued: its action and when it holds. */
export const issuedWords = (alert: AlertSummary): string =>
  `Alert issued: ${alert.action.replace(/_/g, ' ')}, from ${alert.validFrom}${alert.validUntil ? ` until ${alert.validUntil}` : ''}`;

export function IssueAlert({ record, issued, onIssued, formHost }: {
  readonly record: string;
  /** The alert last issued from this profile, kept by the profile across its reading again. */
  readonly issued: AlertSummary | undefined;
  readonly onIssued: (alert: AlertSummary) => void;
  /** Where the form opens: below the profile's header, which keeps its layout; beside the button without one. */
  readonly formHost?: HTMLElement | null;
}) {
  const { api } = useSession();
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState('discreet_check');
  const [instructions, setInstructions] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const { busy, error, run } = useAction();
  // Once the form is cancelled, the keyboard goes back to the button that opened it; once an alert
  // is issued, to the status saying so (on this profile read again, where the form is gone).
  const opener = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLSpanElement>(null);
  const [backToOpener, setBackToOpener] = useState(false);
  const formId = useId();
  useEffect(() => {
    if (backToOpener && opener.current) {
      opener.current.focus();
      setBackToOpener(false);
    }
  }, [backToOpener, open]);
  const shown = issued?.subject === record ? issued : undefined;
  useEffect(() => {
    status.current?.focus();
  }, [shown?.id]);
  const close = (): void => {
    setOpen(false);
    setBackToOpener(true);
  };

  // the button stays while the form is open, saying so: pressed again, it closes the form
  const button = <button type="button" ref={opener} aria-expanded={open} aria-controls={open ? formId : undefined} onClick={() => (open ? close() : setOpen(true))}>Issue an alert</button>;
  const said = shown ? <span ref={status} tabIndex={-1} className="badge issued" role="status">{issuedWords(shown)}</span> : null;
  if (!open) return <>{button}{said}</>;
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    await run(async () => {
      const alert = await api.issueAlert({ subject: record, category, ...(instructions.trim() ? { instructions: instructions.trim() } : {}), ...(validUntil ? { validUntil } : {}) });
      setOpen(false);
      setInstructions('');
      setValidUntil('');
      onIssued(alert);
    });
  };
  const form = (
    <form id={formId} className="issue-alert" onSubmit={(e) => void submit(e)} aria-label="Issue an alert on this subject">
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
      <ErrorMessage error={error} what="issue the alert" />
    </form>
  );
  return <>{button}{said}{formHost ? createPortal(form, formHost) : form}</>;
}
