/**
 * A failed request said in the user's words, announced to screen readers: with `what`, the action
 * that failed ("Could not load the users: …"), then the reason — the server's, or what happened
 * when the answer gives none (reasonOf) — never an API path. A route the server does not have yet
 * is said plainly, so a screen waiting for its endpoint does not look broken. An error found
 * before anything was sent (a form checked here) is already in the user's words: shown as it is.
 */
import { ApiError, reasonOf } from '../api/api-error.ts';

/**
 * `what`: the action, as the user would name it ("load the users", "save the webhook").
 * `id`: for the fields the error names to be described by it (common/use-refused-fields.ts).
 */
export function ErrorMessage({ error, what, id }: { readonly error: unknown; readonly what?: string; readonly id?: string }) {
  if (error === undefined || error === null) return null;
  const answered = error instanceof ApiError;
  const missing = answered && error.isMissingRoute;
  const reason = reasonOf(error);
  const said = answered && what ? `Could not ${what}: ${reason}${/[.!?]$/.test(reason) ? '' : '.'}` : missing ? 'This server does not offer it yet.' : reason;
  // the API's own codes only: NETWORK and HTTP_502 say nothing the words do not
  const code = answered && error.code.startsWith('MOSAIC_') && !missing ? error.code : undefined;
  return (
    <div role="alert" {...(id ? { id } : {})} className={missing ? 'notice notice-pending' : 'notice notice-error'}>
      {said}
      {code ? <span className="muted"> [{code}]</span> : null}
    </div>
  );
}
