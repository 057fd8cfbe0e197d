/**
 * Agencies and their desks by name, not by id: "Federal Judicial Police — Counter-Terrorism
 * Directorate", not `fedpol`; "Operations room", not `fedpol:ct-ops`. GET /admin/organisation
 * lists every agency and desk to any signed-in user (only the agreements it lists depend on who
 * asks); it is read once per session.
 */
import type { ApiClient } from '../api/api-client.ts';
import { useAsync } from './use-async.ts';

export type AgencyNames = ReadonlyMap<string, string>;
export type DeskNames = ReadonlyMap<string, string>;

interface Names {
  readonly agencies: AgencyNames;
  readonly desks: DeskNames;
}

interface Listing {
  readonly agencies: readonly { readonly id: string; readonly name: string }[];
  readonly desks?: readonly { readonly id: string; readonly name: string }[];
}

const cache = new WeakMap<ApiClient, Promise<Names>>();

function loadNames(api: ApiClient): Promise<Names> {
  let found = cache.get(api);
  if (!found) {
    found = api.adminGet<Listing>('/admin/organisation').then(({ agencies, desks = [] }) => ({
      agencies: new Map(agencies.map((a) => [a.id, a.name])),
      desks: new Map(desks.map((d) => [d.id, d.name])),
    }));
    found.catch(() => cache.delete(api));
    cache.set(api, found);
  }
  return found;
}

export async function loadAgencyNames(api: ApiClient): Promise<AgencyNames> {
  return (await loadNames(api)).agencies;
}

export async function loadDeskNames(api: ApiClient): Promise<DeskNames> {
  return (await loadNames(api)).desks;
}

/** The names, once read; undefined until then, or when they could not be read (the ids stand in). */
export function useAgencyNames(api: ApiClient): AgencyNames | undefined {
  return useAsync(() => loadAgencyNames(api), [api]).value;
}

export function useDeskNames(api: ApiClient): DeskNames | undefined {
  return useAsync(() => loadDeskNames(api), [api]).value;
}

/** The agency's name; its id where the name is not known (not read yet, or an agency since removed). */
export function agencyName(names: AgencyNames | undefined, id: string): string {
  return names?.get(id) ?? id;
}

/** The desk's name; its id where the name is not known. */
export function deskName(names: DeskNames | undefined, id: string): string {
  return names?.get(id) ?? id;
}
