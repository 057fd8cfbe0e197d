/**
 * A failed request said in the user's words, announced to screen readers: with `what`, the action
 * that failed ("Could not load the users: …"), then the reason — the server's, or what happened
 * when the answer gives none (reasonOf) — never an API path. A route the server does not have yet
 * is said plainly, so a screen waiting for its endpoint does not look broken. An error found
 * before anything was sent (a form checked here) is already in the user's words: shown as it is.
 * The API's error code is not part of what is said.
 */
import { ApiError, reasonOf } from '../api/api-error.ts';

/**
 * `what`: the action, as the user would name it ("load the users", "save the webhook").
 * `id`: for the fields the error names to be described by it (common/use-refused-fields.ts).
 * `notFound`: the sentence for what the server does not find ("No record fedpol:T2-001 that you
 * may read."). The server answers alike a thing that is not and one the user may not read, so as
 * not to tell that it exists; the sentence must not tell it either.
 */
export function ErrorMessage({ error, what, id, notFound }: { readonly error: unknown; readonly what?: string; readonly id?: string; readonly notFound?: string }) {
  if (error === undefined || error === null) return null;
  const answered = error instanceof ApiError;
  const missing = answered && error.isMissingRoute;
  const reason = reasonOf(error);
  const said = answered && notFound !== undefined && error.status === 404 && !missing ? notFound
    : answered && what ? `Could not ${what}: ${reason}${/[.!?]$/.test(reason) ? '' : '.'}` : missing ? 'This server does not offer it yet.' : reason;
  // The API's own code (NETWORK and HTTP_502 say nothing the words do not) is for support, not
  // for the reader: kept on the element, where a report of the page finds it, out of the sentence.
  const code = answered && error.code.startsWith('MOSAIC_') && !missing ? error.code : undefined;
  return (
    <div role="alert" {...(id ? { id } : {})} {...(code ? { 'data-code': code } : {})} className={missing ? 'notice notice-pending' : 'notice notice-error'}>
      {said}
    </div>
  );
}
