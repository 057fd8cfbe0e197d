/**
 * An error answered by the API ({ error: { code, message, details? } }) or a failure to reach it.
 * Screens show `message` as the server wrote it.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The route does not exist on this server yet (as opposed to a record that is not found). */
  get isMissingRoute(): boolean {
    return this.status === 404 && this.message.startsWith('no route ');
  }
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Why a request failed, in the user's words: the server's reason as it wrote it, or, for an answer
 * that gives none, what happened — never the API's path or method (a route this server lacks is
 * answered `no route GET /api/v1/…`), nor the browser's own words (`Failed to fetch`).
 */
export function reasonOf(error: unknown): string {
  if (!(error instanceof ApiError)) return messageOf(error);
  if (error.isMissingRoute) return 'this server does not offer it yet';
  if (error.code === 'NETWORK') return 'the server cannot be reached';
  // not the API's answer: a proxy's or the static server's, of which the status line is all that is known
  if (error.code.startsWith('HTTP_')) return `the server answered ${error.message}`;
  return error.message;
}
