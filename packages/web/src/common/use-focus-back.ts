/**
 * The focus given back to the control that started some work once the work is done. A button
 * disabled while its request runs loses the focus (the browser moves it off a disabled control
 * to the page's body), so someone on a keyboard or a screen reader who pressed "Create user"
 * would be sent back to the top of the page with its answer.
 */
import { useEffect, useRef } from 'react';

/**
 * Call the function returned as the work starts; once `busy` is false again, the control focused
 * then gets the focus back if nothing holds it meanwhile (the body does) and the control is
 * still on the page.
 */
export function useFocusBack(busy: boolean): () => void {
  const held = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (busy) return;
    const control = held.current;
    held.current = null;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (control?.isConnected && lost) control.focus();
  }, [busy]);
  return () => {
    const active = document.activeElement;
    held.current = active instanceof HTMLElement && active !== document.body ? active : null;
  };
}
