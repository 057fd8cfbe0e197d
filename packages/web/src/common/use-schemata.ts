/**
 * The model as data (GET /schemata), fetched once per session: property labels, which
 * properties name other entities, and relationship schemata's edges.
 */
import type { ApiClient } from '../api/api-client.ts';
import { useAsync } from './use-async.ts';

export interface SchemaInfo {
  readonly name: string;
  readonly label: string;
  readonly properties: readonly { readonly name: string; readonly label: string; readonly type: string; readonly range?: string }[];
  readonly edge?: { readonly source: string; readonly target: string; readonly label: string };
}

const cache = new WeakMap<ApiClient, Promise<ReadonlyMap<string, SchemaInfo>>>();

export function loadSchemata(api: ApiClient): Promise<ReadonlyMap<string, SchemaInfo>> {
  let found = cache.get(api);
  if (!found) {
    found = api.request<SchemaInfo[]>('GET', '/schemata').then((list) => new Map(list.map((s) => [s.name, s])));
    found.catch(() => cache.delete(api));
    cache.set(api, found);
  }
  return found;
}

export function useSchemata(api: ApiClient): ReadonlyMap<string, SchemaInfo> | undefined {
  return useAsync(() => loadSchemata(api), [api]).value;
}
