/**
 * An API error as the server worded it, announced to screen readers. A route the server does not
 * have yet is said plainly, so a screen waiting for its endpoint does not look broken.
 */
import { ApiError, messageOf } from '../api/api-error.ts';

/** `id`: for the fields the error names to be described by it (common/use-refused-fields.ts). */
export function ErrorMessage({ error, what, id }: { readonly error: unknown; readonly what?: string; readonly id?: string }) {
  if (error === undefined || error === null) return null;
  const missing = error instanceof ApiError && error.isMissingRoute;
  return (
    <div role="alert" {...(id ? { id } : {})} className={missing ? 'notice notice-pending' : 'notice notice-error'}>
      {missing ? <strong>Not available on this server yet{what ? ` (${what})` : ''}: </strong> : null}
      {messageOf(error)}
      {error instanceof ApiError && error.code && !missing ? <span className="muted"> [{error.code}]</span> : null}
    </div>
  );
}
