/**
 * The current purpose and case reference, always in view, with a way to change them.
 */
import { useState } from 'react';
import { PurposeForm } from '../common/purpose-gate.tsx';
import { useSession } from '../session/session-context.tsx';

export function PurposeBar() {
  const { purpose } = useSession();
  const [editing, setEditing] = useState(false);
  return (
    <div className="purpose-bar">
      {purpose ? (
        <span className="purpose-current" title="purpose logged with every consultation">
          <span className="muted">Purpose</span> {purpose.purpose} <span className="muted">· case</span> <strong data-testid="case-ref">{purpose.caseRef}</strong>
        </span>
      ) : <span className="muted">No purpose set</span>}
      <button type="button" className="link" onClick={() => setEditing(true)}>{purpose ? 'Change' : 'Set purpose'}</button>
      {editing ? (
        <div className="modal-backdrop" onKeyDown={(e) => { if (e.key === 'Escape') setEditing(false); }}>
          <div className="modal" role="dialog" aria-modal="true" aria-label="Change purpose">
            <PurposeForm onDone={() => setEditing(false)} {...(purpose ? { initial: purpose } : {})} />
            <button type="button" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
