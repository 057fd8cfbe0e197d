/**
 * Asks for the purpose and case reference before any consultation (LED Art. 25: every access
 * logged with its reason). Remembered for the session; changed from the header at any time.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useSession } from '../session/session-context.tsx';

export const PURPOSES = ['Criminal investigation', 'Counter-terrorism investigation', 'Public order / roadblock', 'Border check', 'Missing person', 'Threat assessment'];

export function PurposeForm({ onDone, initial }: { readonly onDone?: () => void; readonly initial?: { purpose: string; caseRef: string } }) {
  const { setPurpose } = useSession();
  const [purpose, setPurposeText] = useState(initial?.purpose ?? '');
  const [caseRef, setCaseRef] = useState(initial?.caseRef ?? '');
  const id = useId();
  // `required` lets spaces through: the field they leave empty is named, not the form ignored
  const [blank, setBlank] = useState<'purpose' | 'caseRef'>();
  const purposeInput = useRef<HTMLInputElement>(null);
  const caseInput = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const empty = !purpose.trim() ? 'purpose' : !caseRef.trim() ? 'caseRef' : undefined;
    setBlank(empty);
    if (empty) {
      (empty === 'purpose' ? purposeInput : caseInput).current?.focus();
      return;
    }
    setPurpose({ purpose: purpose.trim(), caseRef: caseRef.trim() });
    onDone?.();
  };
  const blankId = `${id}-blank`;
  const invalid = (field: 'purpose' | 'caseRef') => (blank === field ? { 'aria-invalid': true, 'aria-describedby': blankId } : {});
  return (
    <form className="purpose-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Purpose of this consultation</h2>
      <p className="muted">Every search and every record opened is logged with this purpose and case reference.</p>
      <label htmlFor={`${id}-purpose`}>Purpose</label>
      <input id={`${id}-purpose`} ref={purposeInput} list={`${id}-purposes`} required maxLength={500} autoFocus value={purpose} onChange={(e) => setPurposeText(e.target.value)} {...invalid('purpose')} />
      <datalist id={`${id}-purposes`}>{PURPOSES.map((p) => <option key={p} value={p} />)}</datalist>
      <label htmlFor={`${id}-case`}>Case reference</label>
      <input id={`${id}-case`} ref={caseInput} required maxLength={100} value={caseRef} onChange={(e) => setCaseRef(e.target.value)} placeholder="e.g. PV/2025/0173" {...invalid('caseRef')} />
      {blank ? <p id={blankId} role="alert" className="notice notice-error">{blank === 'purpose' ? 'Purpose: only spaces given; write the purpose' : 'Case reference: only spaces given; write the case reference'}, which is logged with every consultation.</p> : null}
      <button type="submit" className="primary">Continue</button>
    </form>
  );
}

export function PurposeGate({ children }: { readonly children: ReactNode }) {
  const { purpose } = useSession();
  if (!purpose) return <div className="gate"><PurposeForm /></div>;
  return <>{children}</>;
}
