export { API_PREFIX, buildApp, type BuildAppOptions, type NodeRole } from './app.ts';
export { errorHandler, STATUS_OF_KIND } from './http-errors.ts';
export { requirePurpose, requireUser, SESSION_COOKIE, sessionToken } from './request-context.ts';
