import type { AuditEntry } from '@mosaic/audit';
import { AgencyId, RecordId } from '@mosaic/model';
import { AgreementId } from '@mosaic/policy';
import { createStoreAuditStorage } from '@mosaic/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followChanges } from './change-follower.ts';
import { searchRecords, type SearchOptions } from './record-search.ts';
import { saveOrganisation } from './organisation.ts';
import { createEntityProjection, type EntityProjection } from './resolution/entity-projection.ts';
import { entityOfRecord } from './resolution/entity-view.ts';
import { createScreeningProjection, type ScreeningProjection } from './screening/screening-projection.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic, type TestUserName } from './testing.ts';

let world: TestMosaic;
let projection: ScreeningProjection;

const records = [
  { id: 'f1', schema: 'Person', properties: { name: ['Salah Abdeslam'] }, provenance: testProvenance('fedpol') },
  { id: 'f2', schema: 'Person', properties: { name: ['ABDESALAM, Salah'] }, provenance: testProvenance('fedpol') },
  { id: 'f3', schema: 'Person', properties: { name: ['Salah Abd al-Salam'] }, provenance: testProvenance('fedpol') },
  { id: 'f4', schema: 'Person', properties: { name: ['Salah Haddad'] }, provenance: testProvenance('fedpol') },
  { id: 'f5', schema: 'Organization', properties: { name: ['Abdeslam Trading'] }, provenance: testProvenance('fedpol') },
  { id: 'f6', schema: 'Person', properties: { name: ['Odalric Vennemann'], passportNumber: ['EM0451236'], phone: ['+32 470 12 34 56'] }, provenance: testProvenance('fedpol') },
  { id: 'f7', schema: 'Vehicle', properties: { registrationNumber: ['1-ABC-234'], owner: ['fedpol:f6'] }, provenance: testProvenance('fedpol') },
  // above the zone officer's clearance: nothing of it, not even a pointer
  { id: 's1', schema: 'Person', properties: { name: ['Salah Abdesslam'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }) },
  // intelligence: only a pointer for the zone's officer
  { id: 'x1', schema: 'Person', properties: { name: ['Salah Abdeslaam'], alias: ['Abu Abdallah'] }, provenance: testProvenance('intel') },
];

beforeEach(async () => {
  world = await openTestMosaic();
  projection = createScreeningProjection();
  await put(records);
});

afterEach(async () => {
  await world.cleanup();
});

/** Stores the records and catches the watchlist up with them. */
async function put(raws: readonly Record<string, unknown>[]): Promise<void> {
  await putFixtures(world.mosaic, raws);
  await followChanges(world.mosaic.store, [projection]).catchUp();
}

/** The entities resolved from everything stored, for the length of `use`. */
async function withEntities(use: (entities: EntityProjection) => Promise<void>): Promise<void> {
  const entities = await createEntityProjection(world.mosaic.store);
  try {
    await use(entities);
  } finally {
    entities.stop();
  }
}

/** The audit log's latest consultation under the tests' case reference. */
async function lastConsultation(): Promise<AuditEntry | undefined> {
  let last: AuditEntry | undefined;
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.caseRef === 'ZN-1' && entry.action === 'consultation') last = entry;
  return last;
}

/**
 * A search as the zone's officer on the watchlist's names and provenance, noting each read of
 * records asked of the store (getRecords); with the consultation it logged.
 */
async function searchCounting(q: string, read: string[][], provenanceOf = (id: RecordId) => projection.provenanceOf(id)) {
  const store = world.mosaic.store;
  const counting = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'getRecords') return (...args: Parameters<typeof store.getRecords>) => { read.push([...args[0]]); return target.getRecords(...args); };
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const user = (await store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
  const result = await searchRecords({ ...world.mosaic, store: counting }, { user, purpose: 'investigation', caseRef: 'ZN-1' }, { q }, { names: projection.index, provenanceOf });
  return { result, entry: await lastConsultation() };
}

/** The federal police and the zone share all they hold with intelligence too (the tests' world shares nothing with it). */
async function letIntelligenceRead(): Promise<void> {
  const { org, agreements } = await world.mosaic.org();
  const full = agreements.find((a) => a.id === 'fedpol-zone')!;
  const withIntel = ['fedpol', 'zone-north'].map((owner) => ({ ...full, id: AgreementId(`${owner}-intel`), owner: AgencyId(owner), recipient: AgencyId('intel') }));
  await saveOrganisation(world.mosaic.store, { agencies: org.agencies, desks: org.desks, agreements: [...agreements, ...withIntel] });
  await world.mosaic.reloadOrg();
}

interface Asked { readonly schema?: string; readonly as?: TestUserName; readonly limit?: number; readonly birthDate?: string }

async function search(q: string, options: SearchOptions, { as = 'zoneOfficer', ...asked }: Asked = {}) {
  const user = (await world.mosaic.store.listUsers()).find((u) => u.name === as);
  if (!user) throw new Error(`no test user ${as}`);
  return searchRecords(world.mosaic, { user, purpose: 'investigation', caseRef: 'ZN-1' }, { q, ...asked }, options);
}

describe('searchRecords', () => {
  it('says whether more records match than the page shows of what the user may see only: hidden matches change nothing', async () => {
    // fedpol's analyst sees one Zorander; intelligence, which shares nothing with fedpol, holds several
    await put([{ id: 'z1', schema: 'Person', properties: { name: ['Ambrose Zorander'] }, provenance: testProvenance('fedpol') }]);
    const answer = async () => {
      const r = await search('Zorander', {}, { as: 'fedAnalyst', limit: 1 });
      return { results: r.results.map((x) => x.id), pointers: r.pointers.length, truncated: r.truncated };
    };
    const alone = await answer();
    expect(alone).toEqual({ results: ['fedpol:z1'], pointers: 0, truncated: false });
    await put(['Kai', 'Lea', 'Mo', 'Ned', 'Ola'].map((given, i) => ({ id: `iz${i}`, schema: 'Person', properties: { name: [`Zorander ${given}`] }, provenance: testProvenance('intel') })));
    expect(await answer()).toEqual(alone);
    // a second record the analyst may see: now there is more than the page
    await put([{ id: 'z2', schema: 'Person', properties: { name: ['Zorander Petit'] }, provenance: testProvenance('fedpol') }]);
    expect((await answer()).truncated).toBe(true);
  });

  it('finds spellings, particles and scripts through the watchlist\'s names, which the words of the query alone miss', async () => {
    const names = { names: projection.index };
    expect((await search('Abdeslam', {})).results.map((r) => r.id)).toEqual(['fedpol:f1', 'fedpol:f5']);
    const variants = await search('Abdeslam', names);
    expect(variants.results.map((r) => r.id)).toEqual(expect.arrayContaining(['fedpol:f1', 'fedpol:f2', 'fedpol:f3', 'fedpol:f5']));
    // a spelling only the matcher finds passes the policy like any other candidate
    expect(JSON.stringify(variants)).not.toMatch(/s1|Abdesslam|SECRET/);
    expect(variants.pointers.map((p) => p.agency)).not.toContain('fedpol');
    expect((await search('Abdeslam', names, { as: 'fedAnalyst' })).results.map((r) => r.id)).toContain('fedpol:s1');
    expect((await search('صلاح عبد السلام', {})).results).toEqual([]);
    expect((await search('صلاح عبد السلام', names)).results.map((r) => r.id)).toEqual(expect.arrayContaining(['fedpol:f1', 'fedpol:f2', 'fedpol:f3']));
  });

  it('ranks by how the names compare: the name as asked, then its variants, then a shared part', async () => {
    const { results, pointers } = await search('Salah Abdeslam', { names: projection.index });
    const ids: string[] = results.map((r) => r.id);
    expect(ids[0]).toBe('fedpol:f1');
    expect(ids.slice(1, 3).sort()).toEqual(['fedpol:f2', 'fedpol:f3']);
    expect(ids.indexOf('fedpol:f4')).toBeGreaterThan(2);
    expect(results[0]?.matched).toEqual({ name: 'Salah Abdeslam', level: 'exact', score: 1, marks: [[0, 5], [6, 14]] });
    const variant = results.find((r) => r.id === 'fedpol:f2')?.matched;
    expect(variant?.name).toBe('ABDESALAM, Salah');
    expect(variant?.level).not.toBe('exact');
    expect(variant?.score).toBeLessThan(1);
    expect(variant?.score).toBeGreaterThan(results.find((r) => r.id === 'fedpol:f4')?.matched?.score ?? 1);
    // the intelligence record, the nearest spelling of all, is a pointer and nothing of it shows
    expect(pointers.map((p) => p.agency)).toEqual(['intel']);
    expect(JSON.stringify(results)).not.toMatch(/intel|Abdeslaam|Abu Abdallah/);
  });

  it('matches a record on its name holding the query as written before an alias only spelled like it, and ranks it by that name', async () => {
    await put([
      { id: 'b1', schema: 'Person', properties: { name: ['Brannoch Dovrel'] }, provenance: testProvenance('fedpol') },
      // the alias, a close spelling of the whole query, scores above the name holding it as one part of two
      { id: 'b2', schema: 'Person', properties: { name: ['Brannoch Zelkivar'], alias: ['Brannok'] }, provenance: testProvenance('fedpol') },
    ]);
    for (const options of [{}, { names: projection.index }]) {
      const { results } = await search('Brannoch', options);
      const matched = (id: string) => results.find((r) => r.id === id)?.matched;
      expect(matched('fedpol:b2')).toEqual({ name: 'Brannoch Zelkivar', level: 'single', score: matched('fedpol:b1')?.score, marks: [[0, 8]] });
      // one score for both, so the ids order them, not the alias
      expect(results.map((r) => r.id)).toEqual(['fedpol:b1', 'fedpol:b2']);
    }
  });

  it('ranks the records holding the query\'s words as written before those holding only a spelling, sound or stem of them, by score within each', async () => {
    const person = (id: string, name: string, birthDate: string[] = []) => ({ id, schema: 'Person', properties: { name: [name], birthDate }, provenance: testProvenance('fedpol') });
    await put([
      // "Zarik" is the stem of Abdezarik, a close spelling of the whole query (0.902); "Abdezaric" sounds alike (0.940)
      person('a1', 'Abdezarik Vennor', ['1971-03-14']), person('a2', 'Zarik'), person('a3', 'Abdezaric', ['1988-11-02']),
      person('a4', 'Ilvane Abdezarik Dovrel'), person('a5', 'Ilvane Zarik'), person('a6', 'Ilvane Abdezaric'),
    ]);
    const ranked = async (q: string, birthDate?: string) => (await search(q, { names: projection.index }, { as: 'fedAnalyst', ...(birthDate ? { birthDate } : {}) })).results.map((r) => [r.id, r.matched?.score]);
    // one word as written in a name of two (0.615) or three (0.570), before every name only spelled like it, the higher scored first
    expect(await ranked('Abdezarik')).toEqual([['fedpol:a1', 0.615], ['fedpol:a4', 0.57], ['fedpol:a3', 0.94], ['fedpol:a2', 0.902], ['fedpol:a6', 0.585], ['fedpol:a5', 0.567]]);
    // both words as written in a name of three (0.875), before both held as a sound, a stem or a spelling; one word of two held is neither
    expect(await ranked('Ilvane Abdezarik')).toEqual([['fedpol:a4', 0.875], ['fedpol:a6', 0.955], ['fedpol:a5', 0.926], ['fedpol:a3', 0.585], ['fedpol:a2', 0.567], ['fedpol:a1', 0.47]]);
    // a title the score reads past is a word the analyst typed all the same, and many are names (Amir)
    await put([person('t1', 'Tovik Brennet'), person('t2', 'Amir Tovick'), person('t3', 'Tovik Amir Brennet')]);
    expect(await ranked('Tovik Amir')).toEqual([['fedpol:t3', 0.615], ['fedpol:t2', 0.95], ['fedpol:t1', 0.615]]);
    // a date of birth still moves each as at a checkpoint: the sound-alike born then first, the name as written born otherwise after the stem
    expect((await ranked('Abdezarik', '1988-11-02')).map(([id]) => id)).toEqual(['fedpol:a3', 'fedpol:a4', 'fedpol:a2', 'fedpol:a1', 'fedpol:a6', 'fedpol:a5']);
  });

  it('finds the holder of a document number, a plate or a phone number, also as OCR misreads it', async () => {
    const names = { names: projection.index };
    const found = async (q: string) => (await search(q, names)).results.map((r) => [r.id, r.identifier?.kind, r.identifier?.how]);
    expect(await found('EM0451236')).toEqual([['fedpol:f6', 'document', 'exact']]);
    expect(await found('EMO45I236')).toEqual([['fedpol:f6', 'document', 'confusable']]);
    expect(await found('1-ABC-234')).toEqual([['fedpol:f7', 'plate', 'exact']]);
    expect(await found('0470 123456')).toEqual([['fedpol:f6', 'phone', 'exact']]);
    // the words of a query alone never found an identifier
    expect((await search('EM0451236', {})).results).toEqual([]);
  });

  it('lists the records of one resolved subject together, after the best of them, and namesakes apart', async () => {
    await put([
      { id: 'g1', schema: 'Person', properties: { name: ['Wendel Ostrovka'], birthDate: ['1984-02-11'], passportNumber: ['PX998877'] }, provenance: testProvenance('fedpol') },
      { id: 'g2', schema: 'Person', properties: { name: ['OSTROWKA, Wendel'], birthDate: ['1984-02-11'], passportNumber: ['PX998877'] }, provenance: testProvenance('zone-north') },
      { id: 'g3', schema: 'Person', properties: { name: ['Wendel Ostrovka'], birthDate: ['1950-07-30'] }, provenance: testProvenance('fedpol') },
    ]);
    await withEntities(async (entities) => {
      const names = { names: projection.index };
      // by name alone the namesake (an exact name) comes before the same person spelled otherwise
      expect((await search('Wendel Ostrovka', names)).results.map((r) => r.id)).toEqual(['fedpol:g1', 'fedpol:g3', 'zone-north:g2']);
      const { results } = await search('Wendel Ostrovka', { ...names, subjects: entities });
      expect(results.map((r) => [r.id, r.subject?.lead])).toEqual([['fedpol:g1', 'fedpol:g1'], ['zone-north:g2', 'fedpol:g1'], ['fedpol:g3', undefined]]);
      expect(results[0]?.subject?.entity).toBe(entities.entityOf(RecordId('fedpol:g1')));
      // a date of birth puts the namesake born then first, and says how each date compares
      const born = await search('Wendel Ostrovka', { ...names, subjects: entities }, { birthDate: '1950-07-30' });
      expect(born.results.map((r) => [r.id, r.born])).toEqual([['fedpol:g3', 'exact'], ['fedpol:g1', 'mismatch'], ['zone-north:g2', 'mismatch']]);
      await expect(search('Wendel Ostrovka', names, { birthDate: 'last spring' })).rejects.toMatchObject({ code: 'MOSAIC_QUERY_REJECTED', details: { field: 'birthDate' } });
    });
  });

  it('does not list records together that hold together only through a record the user may not see', async () => {
    await put([
      { id: 'h1', schema: 'Person', properties: { name: ['Wendel Ostrovka'], birthDate: ['1984-02-11'], nationality: ['be'] }, provenance: testProvenance('fedpol') },
      { id: 'h2', schema: 'Person', properties: { name: ['Wendel Ostrovka'], birthDate: ['1984-02-11'], nationality: ['be'], passportNumber: ['PX111222'], phone: ['+32470998877'] }, provenance: testProvenance('intel') },
      { id: 'h3', schema: 'Person', properties: { name: ['Ostrovka'], passportNumber: ['PX111222'], phone: ['+32470998877'] }, provenance: testProvenance('zone-north') },
    ]);
    await withEntities(async (entities) => {
      const entity = entities.entityOf(RecordId('fedpol:h1'));
      expect([entities.entityOf(RecordId('intel:h2')), entities.entityOf(RecordId('zone-north:h3'))]).toEqual([entity, entity]);
      const { results, pointers } = await search('Wendel Ostrovka', { names: projection.index, subjects: entities });
      expect(results.map((r) => r.id).sort()).toEqual(['fedpol:h1', 'zone-north:h3']);
      expect(results.map((r) => r.subject)).toEqual([undefined, undefined]);
      expect(pointers.map((p) => p.agency)).toEqual(['intel']);
    });
  });

  it('names each subject by the id its records go by for the user: two subjects joined only through records they may not see go by two ids', async () => {
    // two people, each recorded by the federal police and the zone; intelligence, which shares
    // nothing with the federal police, holds both in each of its records, and resolution joins them
    const person = (id: string, agency: string, properties: Record<string, string[]>) => ({ id, schema: 'Person', properties, provenance: testProvenance(agency) });
    const kasimir = { name: ['Kasimir Vandermolen'], birthDate: ['1975-06-06'], passportNumber: ['BE9990001'] };
    const leopold = { name: ['Leopold Graszczyk'], birthDate: ['1966-02-17'], idNumber: ['66021712345'] };
    const both = { name: ['Kasimir Vandermolen', 'Leopold Graszczyk'], birthDate: ['1975-06-06', '1966-02-17'], passportNumber: ['BE9990001'], idNumber: ['66021712345'] };
    await put([person('k1', 'zone-north', kasimir), person('k2', 'fedpol', kasimir), person('l1', 'fedpol', leopold), person('l2', 'zone-north', leopold)]);
    const resolvedAt = await world.mosaic.store.latestSeq();
    await withEntities(async (entities) => {
      await put(['h1', 'h2', 'h3'].map((id) => person(id, 'intel', both)));
      await followChanges(world.mosaic.store, [entities], { fromSeq: resolvedAt }).catchUp();
      const entity = entities.entityOf(RecordId('intel:h1'));
      expect(['zone-north:k1', 'fedpol:k2', 'fedpol:l1', 'zone-north:l2'].map((r) => entities.entityOf(RecordId(r)))).toEqual([entity, entity, entity, entity]);
      /** Each subject the user is shown of either person: its id, the id its lead record's profile goes by for them, and its records. */
      const subjects = async (as: TestUserName) => {
        const user = (await world.mosaic.store.listUsers()).find((u) => u.name === as)!;
        const lookedUp = (record: RecordId) => entityOfRecord(world.mosaic, { user, purpose: 'investigation', caseRef: 'ZN-1' }, entities, record);
        const found = [];
        for (const q of ['Kasimir Vandermolen', 'Leopold Graszczyk']) {
          const { results } = await search(q, { names: projection.index, subjects: entities }, { as });
          for (const lead of results.filter((r) => r.subject?.lead === r.id)) {
            found.push({ entity: lead.subject?.entity, profile: await lookedUp(lead.id), records: results.filter((r) => r.subject?.lead === lead.id).map((r) => r.id).sort() });
          }
        }
        return found;
      };
      // the federal police's analyst: two subjects under two ids, each the one its records' profile goes by
      const apart = await subjects('fedAnalyst');
      expect(apart.map((s) => s.records)).toEqual([['fedpol:k2', 'zone-north:k1'], ['fedpol:l1', 'zone-north:l2']]);
      expect(apart[0]?.entity).not.toBe(apart[1]?.entity);
      for (const s of apart) expect(s.entity).toBe(s.profile);
      // intelligence, let read the others' records here, sees the records that join them: one subject, under the entity's id
      await letIntelligenceRead();
      const together = await subjects('intelAnalyst');
      expect(together.map((s) => [s.entity, s.profile])).toEqual([[entity, entity], [entity, entity]]);
    });
  });

  it('widens the window of candidates when the user may see fewer than asked, so namesakes they may not see hide nothing', async () => {
    // 520 namesakes held by intelligence fill the first window (500: five times the most results); the one record
    // the officer may see ranks after all of them, for its name has a part more
    await put([
      ...Array.from({ length: 520 }, (_, i) => ({ id: `n${i}`, schema: 'Person', properties: { name: ['Marek Dolany'] }, provenance: testProvenance('intel') })),
      { id: 'n-own', schema: 'Person', properties: { name: ['Marek Dolany Wirth'] }, provenance: testProvenance('zone-north') },
    ]);
    for (const options of [{}, { names: projection.index }]) {
      const { results, pointers, truncated } = await search('Marek Dolany', options);
      expect(results.map((r) => r.id)).toEqual(['zone-north:n-own']);
      expect(pointers.map((p) => p.agency)).toEqual(['intel']);
      // the wider window read every namesake: nothing more can match
      expect(truncated).toBe(false);
      expect(await lastConsultation()).toMatchObject({ records: ['zone-north:n-own'], pointers: ['intel'] });
    }
  });

  it('serves a widened window from the names the store read ahead, so the store is asked once', async () => {
    // 520 namesakes held by intelligence fill the first window (500); the store's names
    // are read four times that far ahead, so the wider window needs no second query
    await put([
      ...Array.from({ length: 520 }, (_, i) => ({ id: `n${i}`, schema: 'Person', properties: { name: ['Marek Dolany'] }, provenance: testProvenance('intel') })),
      { id: 'n-own', schema: 'Person', properties: { name: ['Marek Dolany Wirth'] }, provenance: testProvenance('zone-north') },
    ]);
    const asked: number[] = [];
    const store = world.mosaic.store;
    const counting = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'searchNames') return (...args: Parameters<typeof store.searchNames>) => { asked.push(args[1].limit); return target.searchNames(...args); };
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const user = (await store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
    const { results, truncated } = await searchRecords({ ...world.mosaic, store: counting }, { user, purpose: 'investigation', caseRef: 'ZN-1' }, { q: 'Marek Dolany' });
    expect(results.map((r) => r.id)).toEqual(['zone-north:n-own']);
    expect(truncated).toBe(false);
    expect(asked).toEqual([2000]);
  });

  it('reads again only the sources that filled their window, and no record twice', async () => {
    // 520 holders of one passport number held by intelligence fill the identifiers' first window;
    // the number is no word of any name, so the full-text source holds none and is not read again
    await put([
      ...Array.from({ length: 520 }, (_, i) => ({ id: `p${i}`, schema: 'Person', properties: { name: [`Holder ${i}`], passportNumber: ['QZ7730419'] }, provenance: testProvenance('intel') })),
      { id: 'p-own', schema: 'Person', properties: { name: ['Ilse Varga'], passportNumber: ['QZ7730419'] }, provenance: testProvenance('zone-north') },
    ]);
    const reads = { searchNames: 0, records: [] as string[] };
    const store = world.mosaic.store;
    const counting = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'searchNames') return (...args: Parameters<typeof store.searchNames>) => { reads.searchNames += 1; return target.searchNames(...args); };
        if (property === 'getRecords') return (...args: Parameters<typeof store.getRecords>) => { reads.records.push(...args[0]); return target.getRecords(...args); };
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const user = (await store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
    const { results, truncated } = await searchRecords({ ...world.mosaic, store: counting }, { user, purpose: 'investigation', caseRef: 'ZN-1' }, { q: 'QZ7730419' }, { names: projection.index });
    expect(results.map((r) => r.id)).toEqual(['zone-north:p-own']);
    expect(truncated).toBe(false);
    expect(reads.searchNames).toBe(1);
    // each holder read once, though the window was read twice
    expect(reads.records.length).toBe(new Set(reads.records).size);
    expect(new Set(reads.records).size).toBe(521);
  });

  it('decides on the provenance the watchlist keeps, and reads only the records it ranks and those it points to, in one read', async () => {
    // as above: 520 holders of one number held by intelligence, one by the zone; the wider window
    // is decided on without being read, and only the zone's record and the first hundred (five times the 20 asked)
    // holders the officer may not see (the best of them are pointed to) are read
    await put([
      ...Array.from({ length: 520 }, (_, i) => ({ id: `p${i}`, schema: 'Person', properties: { name: [`Holder ${i}`], passportNumber: ['QZ7730419'] }, provenance: testProvenance('intel') })),
      { id: 'p-own', schema: 'Person', properties: { name: ['Ilse Varga'], passportNumber: ['QZ7730419'] }, provenance: testProvenance('zone-north') },
    ]);
    const read: string[][] = [];
    const { result, entry } = await searchCounting('QZ7730419', read);
    expect(result.results.map((r) => r.id)).toEqual(['zone-north:p-own']);
    expect(result.pointers.map((p) => p.agency)).toEqual(['intel']);
    expect(result.truncated).toBe(false);
    expect(read).toHaveLength(1);
    expect(new Set(read.flat()).size).toBe(101);
    expect(read.flat()).toContain('zone-north:p-own');
    // the log names each record behind the pointer
    expect(entry?.pointed).toEqual([{ agency: 'intel', records: expect.arrayContaining(read.flat().filter((id) => id.startsWith('intel:'))) }]);
    expect(entry?.pointed?.[0]?.records).toHaveLength(100);
  });

  it('reads none of the records the policy gives the user nothing of, not even a pointer', async () => {
    // 520 holders of one number above the zone officer's clearance: denied, pointed to by none
    await put([
      ...Array.from({ length: 520 }, (_, i) => ({ id: `d${i}`, schema: 'Person', properties: { name: [`Holder ${i}`], passportNumber: ['QZ4471902'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }) })),
      { id: 'd-own', schema: 'Person', properties: { name: ['Ilse Varga'], passportNumber: ['QZ4471902'] }, provenance: testProvenance('zone-north') },
    ]);
    const read: string[][] = [];
    const { result, entry } = await searchCounting('QZ4471902', read);
    expect(result).toMatchObject({ results: [{ id: 'zone-north:d-own' }], pointers: [], truncated: false });
    expect(read.flat()).toEqual(['zone-north:d-own']);
    expect(entry).toMatchObject({ records: ['zone-north:d-own'], pointers: [] });
    expect(entry).not.toHaveProperty('pointed');
  });

  it('points to a record only as the store holds it: one restricted since the watchlist read it is not pointed to, nor logged, nor its owner told', async () => {
    await put([
      { id: 'r1', schema: 'Person', properties: { name: ['Orrin Quastel'], passportNumber: ['QZ5518207'] }, provenance: testProvenance('intel') },
      { id: 'r-own', schema: 'Person', properties: { name: ['Ilse Varga'], passportNumber: ['QZ5518207'] }, provenance: testProvenance('zone-north') },
    ]);
    expect((await searchCounting('QZ5518207', [])).result.pointers.map((p) => p.agency)).toEqual(['intel']);
    // restricted to a need-to-know group of intelligence's: the store holds it so, the watchlist
    // has not heard yet and still keeps it as pointed to
    await putFixtures(world.mosaic, [{ id: 'r1', schema: 'Person', properties: { name: ['Orrin Quastel'], passportNumber: ['QZ5518207'] }, provenance: testProvenance('intel', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['intel-case-7'] } }) }]);
    expect(projection.provenanceOf(RecordId('intel:r1'))?.marking.needToKnow).toBeUndefined();
    const told: string[] = [];
    const publish = world.mosaic.notifier.publish.bind(world.mosaic.notifier);
    world.mosaic.notifier.publish = (notification, options) => { told.push(notification.kind); publish(notification, options); };
    const { result, entry } = await searchCounting('QZ5518207', []);
    expect(result.results.map((r) => r.id)).toEqual(['zone-north:r-own']);
    expect(result.pointers).toEqual([]);
    expect(entry).not.toHaveProperty('pointed');
    expect(told.filter((kind) => kind === 'deconfliction.encounter')).toEqual([]);
  });

  it('shows a record the watchlist keeps as pointed to when the store now holds it shown: read and ranked after the page, with how it matched', async () => {
    await put([
      { id: 'v1', schema: 'Person', properties: { name: ['Ilse Varga'], passportNumber: ['QZ6604418'] }, provenance: testProvenance('zone-north') },
      { id: 'v2', schema: 'Person', properties: { name: ['Orrin Quastel'], passportNumber: ['QZ6604418'] }, provenance: testProvenance('zone-north') },
    ]);
    // a watchlist that keeps v2 as intelligence's (only a pointer for the officer): the gate
    // decides on what the store holds, the zone's own record
    const provenanceOf = (id: RecordId) => {
      const kept = projection.provenanceOf(id);
      return kept && id === RecordId('zone-north:v2') ? { ...kept, agency: AgencyId('intel') } : kept;
    };
    const { result, entry } = await searchCounting('QZ6604418', [], provenanceOf);
    expect(result.results.map((r) => [r.id, r.identifier?.kind])).toEqual([['zone-north:v1', 'document'], ['zone-north:v2', 'document']]);
    expect(result.pointers).toEqual([]);
    expect(entry).toMatchObject({ records: ['zone-north:v1', 'zone-north:v2'] });
  });

  it('ranks what the user may see the same whatever records they may not see hold: none crowds out the one born on the date asked', async () => {
    // above the zone officer's clearance: nothing of them reaches the officer, not even a pointer
    const secret = (id: string, name: string, birthDate: string) =>
      ({ id, schema: 'Person', properties: { name: [name], birthDate: [birthDate] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }) });
    await put([
      { id: 'k1', schema: 'Person', properties: { name: ['Brannoch Zelkivar'], birthDate: ['1955-01-01'] }, provenance: testProvenance('fedpol') },
      { id: 'k2', schema: 'Person', properties: { name: ['Brannoch Zelkivar'], birthDate: ['1955-01-01'] }, provenance: testProvenance('fedpol') },
      // a name more: the words of the query rank it after its namesakes
      { id: 'k3', schema: 'Person', properties: { name: ['Brannoch Zelkivar'], alias: ['Mbeki Tolu Arno Fenn'], birthDate: ['1980-05-17'] }, provenance: testProvenance('fedpol') },
    ]);
    const answer = async (options: SearchOptions) => {
      const { results, truncated } = await search('Brannoch Zelkivar', options, { limit: 1, birthDate: '1980-05-17' });
      return { results: results.map((r) => [r.id, r.born]), truncated };
    };
    const seen = { results: [['fedpol:k3', 'exact']], truncated: true };
    for (const options of [{}, { names: projection.index }]) expect(await answer(options)).toEqual(seen);
    await put(['h1', 'h2', 'h3'].map((id) => secret(id, 'Brannoch Zelkivar', '1955-01-01')));
    for (const options of [{}, { names: projection.index }]) expect(await answer(options)).toEqual(seen);
  });

  it('breaks ties by the records themselves, not by how often a word is held by records the user may not see', async () => {
    await put([
      { id: 'w1', schema: 'Person', properties: { name: ['Tamsin Mallin'] }, provenance: testProvenance('fedpol') },
      { id: 'w2', schema: 'Person', properties: { name: ['Wendrik Pellor'] }, provenance: testProvenance('fedpol') },
    ]);
    const ranked = async () => (await search('Tamsin Wendrik', {})).results.map((r) => [r.id, r.matched?.score]);
    const alone = await ranked();
    // one part of two each: a tie on the name, which the ids break
    expect(alone.map(([id]) => id)).toEqual(['fedpol:w1', 'fedpol:w2']);
    expect(alone[0]?.[1]).toBe(alone[1]?.[1]);
    await put(Array.from({ length: 6 }, (_, i) => ({ id: `wt${i}`, schema: 'Person', properties: { name: [`Tamsin Zorrin${'abcdef'[i]}`] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }) })));
    expect(await ranked()).toEqual(alone);
  });

  it('ranks the same whatever the limit: the first N results for N asked are the first N for more, and it says when more may match', async () => {
    // the person, spelled four ways, among many records sharing one of their names: a window read
    // in proportion to the limit held only some of them, and scored the namesakes it held first
    const syllables = (i: number) => `${['Ka', 'Lo', 'Mi', 'Ta', 'Ru', 'Ze', 'Vo', 'Ni'][i % 8]}${['ran', 'dek', 'mol', 'sur', 'bin', 'tal', 'gor', 'vex', 'lin', 'pad'][Math.floor(i / 8) % 10]}`;
    const person = (id: string, name: string) => ({ id, schema: 'Person', properties: { name: [name] }, provenance: testProvenance('fedpol') });
    await put([
      person('b1', 'Mehdi Bensalah'), person('b2', 'BENSALAH, Mehdi'), person('b3', 'Mehdi Ben Salah'), person('b4', 'Mahdi Bensalah'),
      ...Array.from({ length: 80 }, (_, i) => person(`m${i}`, `Mehdi ${syllables(i)}`)),
      ...Array.from({ length: 40 }, (_, i) => person(`s${i}`, `${syllables(i + 3)}a Bensalah`)),
    ]);
    const options = { names: projection.index, provenanceOf: (id: RecordId) => projection.provenanceOf(id) };
    for (const q of ['Mehdi Bensalah', 'Mehdy Bensalach', 'Bensalah', 'مهدي بن صالح', 'Mehdi']) {
      const all = await search(q, options, { as: 'fedAnalyst', limit: 100 });
      const ids = all.results.map((r) => r.id);
      expect(ids.length, q).toBeGreaterThan(2);
      for (const limit of [1, 2, 3, 5, 8, 13, 20, 40]) {
        const page = await search(q, options, { as: 'fedAnalyst', limit });
        expect(page.results.map((r) => r.id), `${q}, limit ${limit}`).toEqual(ids.slice(0, limit));
        // never "nothing more" while records were held back
        expect(page.truncated, `${q}, limit ${limit}`).toBe(ids.length > limit || all.truncated);
      }
    }
  });

  it('reads on when the watchlist\'s names filled their window with few close enough to fetch: a close name after many weak ones is found', async () => {
    // 520 names sharing one part with the query, respelled, none close enough to fetch (one part
    // of two), fill the window of names scored; the record named "Mehdi" alone, found by that part
    // as they are, is close enough (the whole of its name) and came after them
    const syllables = (i: number) => `${['Ka', 'Lo', 'Mi', 'Ta', 'Ru', 'Ze', 'Vo', 'Ni'][i % 8]}${['ran', 'dek', 'mol', 'sur', 'bin', 'tal', 'gor', 'vex', 'lin', 'pad'][Math.floor(i / 8) % 10]}${['o', 'ek', 'ia', 'un', 'ar', 'is', 'ov', 'et'][Math.floor(i / 80) % 8]}`;
    await put([
      ...Array.from({ length: 520 }, (_, i) => ({ id: `m${i}`, schema: 'Person', properties: { name: [`Mehdi ${syllables(i)}`] }, provenance: testProvenance('fedpol') })),
      { id: 'zm', schema: 'Person', properties: { name: ['Mehdi'] }, provenance: testProvenance('fedpol') },
    ]);
    for (const limit of [1, 20]) {
      // no record holds a word of the query as written: the watchlist's names alone find it
      const { results, truncated } = await search('Mehdy Bensalach', { names: projection.index }, { as: 'fedAnalyst', limit });
      expect(results.map((r) => [r.id, r.matched?.name])).toEqual([['fedpol:zm', 'Mehdi']]);
      expect(truncated).toBe(false);
    }
  });

  it('refuses a query it cannot search, naming the field q and why', async () => {
    for (const [q, reason] of [['', 'needs at least two letters or digits'], ['a', 'needs at least two letters or digits'], ['Pee\u0000ters', 'contains control characters'], ['x'.repeat(201), 'longer than 200 characters']] as const) {
      await expect(search(q, {})).rejects.toMatchObject({ code: 'MOSAIC_QUERY_REJECTED', message: `q: the query ${reason}`, details: { field: 'q', reason } });
    }
  });

  it('refuses the roles that do not search records before anything is logged: no results would read as nothing held', async () => {
    const entries = async () => {
      let n = 0;
      for await (const _entry of createStoreAuditStorage(world.mosaic.store).entries()) n++;
      return n;
    };
    const before = await entries();
    for (const as of ['zoneCheckpoint', 'auditor', 'fedAdmin', 'sysadmin'] as const) {
      await expect(search('Salah Abdeslam', { names: projection.index }, { as })).rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN', message: expect.stringContaining('role not permitted') });
    }
    expect(await entries()).toBe(before);
    expect((await search('Salah Abdeslam', {}, { as: 'zoneOfficer' })).results.length).toBeGreaterThan(0);
  });

  it('keeps to the kind asked for and logs the search with what it returned, not every candidate read', async () => {
    const { results } = await search('Abdeslam', { names: projection.index }, { schema: 'Organization' });
    expect(results.map((r) => r.id)).toEqual(['fedpol:f5']);
    const people = await search('Abdeslam', { names: projection.index }, { schema: 'Person' });
    expect(people.results.every((r) => r.schema === 'Person')).toBe(true);
    expect(await lastConsultation()).toMatchObject({ purpose: 'investigation', query: { q: 'Abdeslam', schema: 'Person' }, records: people.results.map((r) => r.id) });
    // two asked of the four the officer may see: the log names those two, the pointer stays
    const two = await search('Salah Abdeslam', { names: projection.index }, { limit: 2 });
    expect(two.results.map((r) => r.id)).toHaveLength(2);
    expect(two).toMatchObject({ truncated: true, pointers: [{ agency: 'intel' }] });
    expect(await lastConsultation()).toMatchObject({ records: two.results.map((r) => r.id), pointers: ['intel'] });
  });
});
