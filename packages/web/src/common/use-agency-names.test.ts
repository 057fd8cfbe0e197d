import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/api-client.ts';
import { agencyName, deskName, loadAgencyNames, loadDeskNames } from './use-agency-names.ts';

/** A client answering GET /admin/organisation with `agencies`, counting the reads; failing the first `failures` times. */
function clientOf(agencies: readonly { id: string; name: string }[], failures = 0): { api: ApiClient; reads: () => number } {
  let reads = 0;
  const adminGet = (path: string): Promise<unknown> => {
    reads++;
    if (path !== '/admin/organisation') return Promise.reject(new Error(`unexpected ${path}`));
    return reads <= failures ? Promise.reject(new Error('unavailable')) : Promise.resolve({ agencies, desks: [{ id: 'fedpol:ct-ops', agency: 'fedpol', name: 'Operations room', contact: '+32 2 000 00 01' }], agreements: [] });
  };
  return { api: { adminGet } as unknown as ApiClient, reads: () => reads };
}

describe("agencies' names", () => {
  it('names an agency by its name, read once per client', async () => {
    const { api, reads } = clientOf([{ id: 'fedpol', name: 'Federal Judicial Police' }, { id: 'intel', name: 'State Security Service' }]);
    const names = await loadAgencyNames(api);
    await loadAgencyNames(api);
    expect(agencyName(names, 'fedpol')).toBe('Federal Judicial Police');
    expect(agencyName(names, 'intel')).toBe('State Security Service');
    expect(reads()).toBe(1);
  });

  it('names an agency it does not know, or any before the names are read, by its id', async () => {
    const { api } = clientOf([{ id: 'fedpol', name: 'Federal Judicial Police' }]);
    expect(agencyName(await loadAgencyNames(api), 'lpz-north')).toBe('lpz-north');
    expect(agencyName(undefined, 'fedpol')).toBe('fedpol');
  });

  it("names an agency's desk by its name, from the same read, and one it does not know by its id", async () => {
    const { api, reads } = clientOf([{ id: 'fedpol', name: 'Federal Judicial Police' }]);
    const desks = await loadDeskNames(api);
    await loadAgencyNames(api);
    expect(deskName(desks, 'fedpol:ct-ops')).toBe('Operations room');
    expect(deskName(desks, 'fedpol:duty')).toBe('fedpol:duty');
    expect(deskName(undefined, 'fedpol:ct-ops')).toBe('fedpol:ct-ops');
    expect(reads()).toBe(1);
  });

  it('reads the names again after a failed read', async () => {
    const { api, reads } = clientOf([{ id: 'fedpol', name: 'Federal Judicial Police' }], 1);
    await expect(loadAgencyNames(api)).rejects.toThrow('unavailable');
    expect(agencyName(await loadAgencyNames(api), 'fedpol')).toBe('Federal Judicial Police');
    expect(reads()).toBe(2);
  });
});
