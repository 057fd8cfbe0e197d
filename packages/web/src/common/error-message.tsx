/**
 * An API error as the server worded it, announced to screen readers. A route the server does not
 * have yet is said plainly, so a screen waiting for its endpoint does not look broken.
 */
import { ApiError, messageOf } from '../api/api-error.ts';

export function ErrorMessage({ error, what }: { readonly error: unknown; readonly what?: string }) {
  if (error === undefined || error === null) return null;
  const missing = error instanceof ApiError && error.isMissingRoute;
  return (
    <div role="alert" className={missing ? 'notice notice-pending' : 'notice notice-error'}>
      {missing ? <strong>Not available on this server yet{what ? ` (${what})` : ''}: </strong> : null}
      {messageOf(error)}
      {error instanceof ApiError && error.code && !missing ? <span className="muted"> [{error.code}]</span> : null}
    </div>
  );
}
