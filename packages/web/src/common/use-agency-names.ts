/**
 * Agencies by name, not by id: "Federal Judicial Police — Counter-Terrorism Directorate", not
 * `fedpol`. GET /admin/organisation lists every agency to any signed-in user (only the agreements
 * it lists depend on who asks); it is read once per session.
 */
import type { ApiClient } from '../api/api-client.ts';
import { useAsync } from './use-async.ts';

export type AgencyNames = ReadonlyMap<string, string>;

const cache = new WeakMap<ApiClient, Promise<AgencyNames>>();

export function loadAgencyNames(api: ApiClient): Promise<AgencyNames> {
  let found = cache.get(api);
  if (!found) {
    found = api.adminGet<{ agencies: readonly { id: string; name: string }[] }>('/admin/organisation').then(({ agencies }) => new Map(agencies.map((a) => [a.id, a.name])));
    found.catch(() => cache.delete(api));
    cache.set(api, found);
  }
  return found;
}

/** The names, once read; undefined until then, or when they could not be read (the ids stand in). */
export function useAgencyNames(api: ApiClient): AgencyNames | undefined {
  return useAsync(() => loadAgencyNames(api), [api]).value;
}

/** The agency's name; its id where the name is not known (not read yet, or an agency since removed). */
export function agencyName(names: AgencyNames | undefined, id: string): string {
  return names?.get(id) ?? id;
}
