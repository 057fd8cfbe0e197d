/**
 * @mosaic/web — the browser application (built by Vite into dist/). What other packages may use
 * from here: the typed API client and the navigation rules.
 */
export { API_BASE, createApiClient, type ApiClient, type ApiClientOptions } from './api/api-client.ts';
export { ApiError } from './api/api-error.ts';
export type * from './api/api-types.ts';
export { NAVIGATION, navigationItems, type NavigationItem } from './layout/navigation-items.ts';
