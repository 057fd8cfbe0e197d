/**
 * One error type for the whole project, with a code from one catalogue and a kind that the
 * edge (HTTP, CLI) maps to a status. Expected outcomes are returned as values, not thrown;
 * an AppError means the caller asked for something that cannot be done.
 */
export const ERROR_KINDS = ['invalid', 'not_found', 'conflict', 'forbidden', 'unauthenticated', 'rate_limited', 'unavailable', 'internal'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The catalogue: every code the project raises, its kind and a message template (docs/API.md lists them: a test keeps the two equal). */
export const ERROR_CATALOGUE = {
  MOSAIC_INVALID_INPUT: { kind: 'invalid', message: 'invalid input' },
  MOSAIC_INVALID_CONFIG: { kind: 'invalid', message: 'invalid configuration' },
  MOSAIC_SCHEMA_DEFINITION: { kind: 'internal', message: 'schema definition is invalid' },
  MOSAIC_PURPOSE_REQUIRED: { kind: 'invalid', message: 'a purpose and a case reference are required' },
  MOSAIC_QUERY_REJECTED: { kind: 'invalid', message: 'query rejected' },
  MOSAIC_NOT_FOUND: { kind: 'not_found', message: 'not found' },
  MOSAIC_CONFLICT: { kind: 'conflict', message: 'conflict' },
  MOSAIC_FORBIDDEN: { kind: 'forbidden', message: 'forbidden' },
  MOSAIC_UNAUTHENTICATED: { kind: 'unauthenticated', message: 'sign-in required' },
  MOSAIC_BAD_CREDENTIALS: { kind: 'unauthenticated', message: 'wrong user name or password' },
  // a wait, not a fault: details.retryAfter (seconds) is the HTTP edge's Retry-After
  MOSAIC_RATE_LIMITED: { kind: 'rate_limited', message: 'too many attempts: try again later' },
  MOSAIC_STORE_UNAVAILABLE: { kind: 'unavailable', message: 'the store is unavailable' },
  // a wait, not a fault: the node holds as much such work waiting as it may (details.retryAfter)
  MOSAIC_BUSY: { kind: 'unavailable', message: 'the node is busy: try again later' },
  MOSAIC_AUDIT_BROKEN: { kind: 'internal', message: 'the audit chain is broken' },
  MOSAIC_INTERNAL: { kind: 'internal', message: 'internal error' },
} as const satisfies Record<string, { kind: ErrorKind; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Readonly<Record<string, unknown>>) {
    const entry = ERROR_CATALOGUE[code];
    super(message ?? entry.message);
    this.name = 'AppError';
    this.code = code;
    this.kind = entry.kind;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
