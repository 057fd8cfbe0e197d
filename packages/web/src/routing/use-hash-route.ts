/**
 * Routing on the URL hash (#/profile/record/r1?tab=x): works from any folder the app is served
 * from, and the browser's back and forward buttons work.
 */
import { useEffect, useState } from 'react';

export interface Route {
  readonly segments: readonly string[];
  readonly params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search) };
}

export function useHashRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = (): void => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseHash(hash);
}

export const href = (...segments: readonly string[]): string => `#/${segments.map(encodeURIComponent).join('/')}`;

export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/, '');
}
