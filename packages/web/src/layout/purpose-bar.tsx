/**
 * The current purpose and case reference, always in view, with a way to change them.
 */
import { useRef, useState } from 'react';
import { useSession } from '../session/session-context.tsx';
import { PurposeDialog } from './purpose-dialog.tsx';

export function PurposeBar() {
  const { purpose } = useSession();
  const [editing, setEditing] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = (): void => {
    setEditing(false);
    // the dialog leaves the page: the focus goes back to where the person was, not to the page
    opener.current?.focus();
  };
  return (
    <div className="purpose-bar">
      {purpose ? (
        <span className="purpose-current">
          <span className="purpose-text" title={`${purpose.purpose} (purpose logged with every consultation)`}><span className="muted">Purpose</span> {purpose.purpose}</span>
          <span className="purpose-case"><span className="muted">· case</span> <strong data-testid="case-ref">{purpose.caseRef}</strong></span>
        </span>
      ) : <span className="muted">No purpose set</span>}
      <button type="button" className="link" ref={opener} onClick={() => setEditing(true)}>{purpose ? 'Change' : 'Set purpose'}</button>
      {editing ? <PurposeDialog onClose={close} {...(purpose ? { initial: purpose } : {})} /> : null}
    </div>
  );
}
