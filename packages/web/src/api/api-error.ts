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
