/**
 * The purpose form as a modal dialog: the native <dialog> opened with showModal, so the page
 * behind is inert, Escape closes it wherever the focus is in it, and it sits above the page.
 * Tab and Shift+Tab go round its controls rather than out to the browser's own.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { PurposeForm } from '../common/purpose-gate.tsx';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function PurposeDialog({ onClose, initial }: { readonly onClose: () => void; readonly initial?: { purpose: string; caseRef: string } }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  // closed here before its owner is told, so that the page is no longer inert when the owner
  // gives the focus back
  const close = (): void => {
    dialog.current?.close();
    onClose();
  };
  const keepFocusIn = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const controls = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const [first, last] = [controls[0], controls[controls.length - 1]];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };
  return (
    // Escape fires cancel, wherever the focus is in the dialog
    <dialog ref={dialog} className="modal" aria-label="Change purpose" onKeyDown={keepFocusIn} onCancel={(event) => { event.preventDefault(); close(); }}>
      <PurposeForm onDone={close} {...(initial ? { initial } : {})} />
      <button type="button" onClick={close}>Cancel</button>
    </dialog>
  );
}
