/**
 * The database URL in what an operator is told when PostgreSQL cannot be reached at it: which
 * URL was used (host, port, user, database — among several deployments and environment files,
 * the question to answer first), never its password.
 */
import { AppError } from '@mosaic/model';

/** `url` as it may be shown: without its password, nor a `password` parameter; undefined when it is no URL (then it is not shown at all). */
export function shownDatabaseUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  parsed.password = '';
  parsed.searchParams.delete('password');
  return parsed.toString();
}

/** Why PostgreSQL could not be reached at `url`, naming it without its password. */
export function unreachableAt(url: string, error: unknown): AppError {
  const shown = shownDatabaseUrl(url);
  const reason = error instanceof Error ? error.message : String(error);
  if (shown === undefined || reason === 'Invalid URL') {
    return new AppError('MOSAIC_INVALID_CONFIG', 'store: the database URL is not a valid URL (not shown here, as it may hold a password): check MOSAIC_DATABASE_URL or --database-url');
  }
  return new AppError('MOSAIC_STORE_UNAVAILABLE', `store: cannot reach PostgreSQL at ${shown}: ${reason}`);
}
