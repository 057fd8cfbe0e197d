/**
 * The fictional world the browser tests look at, written through the API as each agency would:
 * the federal police's subjects and their ties, an arrest alert on one of them, an intelligence
 * record the local zone only sees as a pointer, and a located address for the map. Every name
 * is invented.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { ApiClient } from './harness.ts';

export interface SeededWorld {
  readonly moreau: string;
  readonly brother: string;
  readonly address: string;
  readonly intelSubject: string;
}

type Post = (path: string, body: unknown) => Promise<{ record: { id: string } }>;

/** Writes the world through `api`, signed in as the federal police's and the intelligence service's analysts. */
export async function seedWorld(api: ApiClient): Promise<SeededWorld> {
  const [fedToken, intelToken] = [await api.tokenOf('fedAnalyst'), await api.tokenOf('intelAnalyst')];
  const fed: Post = (path, body) => api.json(path, { token: fedToken, body });
  const intel: Post = (path, body) => api.json(path, { token: intelToken, body });
  const moreau = await fed('/records', {
    id: 'p-moreau', schema: 'Person', provenance: testProvenance('fedpol', { source: 'case file 17', reliability: 'B', credibility: 2 }),
    properties: { name: ['Lucien Moreau-Vasquez'], alias: ['Abu Lucas', 'L. Vasquez'], birthDate: ['1991-04-12'], nationality: ['be'], passportNumber: ['EM123456'] },
  });
  const brother = await fed('/records', {
    id: 'p-moreau-brother', schema: 'Person', provenance: testProvenance('fedpol', { category: 'contact', nature: 'assessment', reliability: 'C', credibility: 3 }),
    properties: { name: ['Tomas Moreau-Vasquez'], birthDate: ['1994-09-30'], nationality: ['be'] },
  });
  await fed('/records', {
    id: 'f-moreau', schema: 'Family', provenance: testProvenance('fedpol'),
    properties: { person: [moreau.record.id], relative: [brother.record.id], relationship: ['brother'] },
  });
  const address = await fed('/records', {
    id: 'a-quai', schema: 'Address', provenance: testProvenance('fedpol', { category: 'other' }),
    properties: { full: ['12 Quai des Tanneurs, 1000 Bruxelles'], city: ['Bruxelles'], latitude: ['50.8467'], longitude: ['4.3525'] },
  });
  // the federal police want him arrested: the checkpoint must put that first
  await api.json('/alerts', { token: fedToken, body: { subject: moreau.record.id, category: 'arrest', instructions: 'Known to carry a knife: search before transport.', purpose: 'Criminal investigation', caseRef: 'PV/2026/0417' } });
  const intelSubject = await intel('/records', {
    id: 'i-renard', schema: 'Person', provenance: testProvenance('intel', { source: 'humint', reliability: 'C', credibility: 3 }),
    properties: { name: ['Odile Renard-Moreau'], birthDate: ['1989-02-01'] },
  });
  return { moreau: moreau.record.id, brother: brother.record.id, address: address.record.id, intelSubject: intelSubject.record.id };
}
