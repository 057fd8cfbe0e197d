/**
 * Every administrative change says why (audited with it): a reason and a change reference,
 * asked once at the top of the administration screens and sent with each change.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Purpose } from '../api/api-types.ts';

const ChangeContext = createContext<Purpose | undefined>(undefined);

export function useChangeReason(): Purpose | undefined {
  return useContext(ChangeContext);
}

const REASON_ID = 'change-reason';
const REFERENCE_ID = 'change-reference';

/**
 * Puts the focus on the first of the reason and the reference left blank: a change asked for
 * without them is refused at the bottom of its form, far from the fields to fill in at the top.
 */
export function focusChangeReason(): void {
  const blank = [REASON_ID, REFERENCE_ID].map((id) => document.getElementById(id)).find((input) => input instanceof HTMLInputElement && !input.value.trim());
  blank?.focus();
}

export function ChangeReason({ children }: { readonly children: ReactNode }) {
  const [purpose, setPurpose] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const given = purpose.trim() && caseRef.trim() ? { purpose: purpose.trim(), caseRef: caseRef.trim() } : undefined;
  return (
    <ChangeContext.Provider value={given}>
      <fieldset className="change-reason">
        <legend>Why these changes (recorded in the audit log)</legend>
        <label>Reason for change <input id={REASON_ID} value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={500} required /></label>{' '}
        <label>Change reference <input id={REFERENCE_ID} value={caseRef} onChange={(e) => setCaseRef(e.target.value)} maxLength={100} required /></label>
        {given ? null : <p className="muted">Give a reason and a change reference before changing anything.</p>}
      </fieldset>
      {children}
    </ChangeContext.Provider>
  );
}
