import { UserId, validateRecord, type RecordId } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { createEntityProjection, type EntityProjection } from './entity-projection.ts';
import { storeResolutionStore } from './store-resolution-store.ts';

let world: TestMosaic | undefined;
const opened: EntityProjection[] = [];
afterEach(async () => {
  for (const projection of opened.splice(0)) projection.stop();
  await world?.cleanup();
  world = undefined;
});

const SURNAMES = ['Abdeslam', 'Vennemann', 'Lavigne', 'Haddad', 'Okonkwo', 'Szymańska', 'Bouzid', 'Ferreira'];
const SPELLINGS: Record<string, string[]> = {
  Abdeslam: ['Salah Abdeslam', 'ABDESALAM, Salah', 'Salah Abd al-Salam'],
  Vennemann: ['Odalric Vennemann', 'VENNEMAN, Odalric'],
  Lavigne: ['Quentin Lavigne', 'Quentin Lavine'],
  Haddad: ['Karim Haddad'],
  Okonkwo: ['Chidi Okonkwo', 'OKONKWO, Chidi'],
  Szymańska: ['Agata Szymańska', 'Agata Szymanska'],
  Bouzid: ['Rachid Bouzid', 'Rashid Bouzid'],
  Ferreira: ['Inês Ferreira'],
};

/** Fictional persons, each under one to three spellings with one date of birth. */
async function storePersons(): Promise<void> {
  world = await openTestMosaic();
  const raws = SURNAMES.flatMap((surname, s) => (SPELLINGS[surname] ?? []).map((name, k) => ({
    id: `p${s}-${k}`, schema: 'Person', properties: { name: [name], birthDate: [`198${s}-0${1 + s}-1${s}`] }, provenance: testProvenance('fedpol'),
  })));
  await putFixtures(world.mosaic, raws);
}

async function open(workerFrom: number): Promise<EntityProjection> {
  const projection = await createEntityProjection(world!.mosaic.store, { workerFrom });
  opened.push(projection);
  return projection;
}

/** Each record's fellow members, as sorted ids: the partition, whatever the entity ids. */
function ids(projection: EntityProjection): string[] {
  return [...new Set(SURNAMES.flatMap((_, s) => (SPELLINGS[SURNAMES[s]!] ?? []).map((__, k) => `fedpol:p${s}-${k}`))
    .map((id) => projection.membersOf(projection.entityOf(id as RecordId)!).slice().sort().join(' ')))].sort();
}

async function recordIds(): Promise<RecordId[]> {
  return (await world!.mosaic.store.scanRecords({ limit: 100 })).map((stored) => stored.record.id);
}

describe('the entity projection\'s full pass', () => {
  it('resolves in a worker thread to the entities, candidates and review queue of a pass in this thread', async () => {
    await storePersons();
    const ids = await recordIds();
    const here = await open(Infinity);
    const entitiesHere = ids.map((id) => here.entityOf(id));
    const probe = { schema: 'Person', properties: { name: ['Salah Abdesalam'], birthDate: ['1980-01-10'] } };
    const candidatesHere = here.candidates(probe, 5);
    const reviewHere = here.review(10);
    here.stop();

    const worker = await open(1);
    await worker.rebuild();
    expect(new Set(entitiesHere).size).toBeLessThan(ids.length);
    expect(ids.map((id) => worker.entityOf(id))).toEqual(entitiesHere);
    expect(worker.candidates(probe, 5)).toEqual(candidatesHere);
    expect(candidatesHere.length).toBeGreaterThan(0);
    expect(worker.review(10)).toEqual(reviewHere);
  });

  it('does not take a record a full pass has read as it is for an update when the change feed brings it', async () => {
    await storePersons();
    const [stored] = await world!.mosaic.store.getRecords(await recordIds());
    const projection = await open(Infinity);
    let reported = 0;
    projection.onMembership(() => { reported++; });
    await projection.apply([{ id: stored!.record.id, record: stored!.record, version: stored!.version }]);
    await projection.settle();
    expect(reported).toBe(0);
  });

  it('clusters an updated record again with its entity and the entities it now links to, as a full pass then finds them', async () => {
    await storePersons();
    const projection = await open(Infinity);
    const rachid = (await world!.mosaic.store.getRecords(await recordIds())).find((s) => s.record.properties['name']?.[0] === 'Rachid Bouzid')!;
    const karim = (await recordIds()).find((id) => id.endsWith('p3-0'))!;
    const before = projection.entityOf(rachid.record.id);
    expect(projection.membersOf(before!)).toHaveLength(2);
    expect(projection.entityOf(karim)).not.toBe(before);
    let reported = 0;
    projection.onMembership(() => { reported++; });
    // the record corrected: it was Karim Haddad all along
    const corrected = validateRecord(world!.mosaic.registry, { id: 'p6-0', schema: 'Person', properties: { name: ['Karim Haddad'], birthDate: ['1983-04-13'] }, provenance: testProvenance('fedpol') });
    if (!corrected.ok) throw new Error(JSON.stringify(corrected.errors));
    await world!.mosaic.store.putRecords([corrected.record], { actor: 'test' });
    const [now] = await world!.mosaic.store.getRecords([rachid.record.id]);
    await projection.apply([{ id: now!.record.id, record: now!.record, version: now!.version }]);
    expect(projection.entityOf(rachid.record.id)).toBe(projection.entityOf(karim));
    // only the records that moved are reported: no full pass ran
    expect(reported).toBeGreaterThan(0);
    expect(reported).toBeLessThan(5);
    const moved = ids(projection);
    await projection.rebuild();
    expect(ids(projection)).toEqual(moved);
  });

  it('asks about a corrected record as it is now, as a full pass then does', async () => {
    await storePersons();
    // two records the model is unsure about: the same name but for one letter, nothing else to go on
    await putFixtures(world!.mosaic, [
      { id: 'o1', schema: 'Person', properties: { name: ['Odile Marchetti'], birthDate: ['1984'] }, provenance: testProvenance('fedpol') },
      { id: 'o2', schema: 'Person', properties: { name: ['Odile Marketti'], nationality: ['fr'] }, provenance: testProvenance('fedpol') },
    ]);
    const projection = await open(Infinity);
    // the pairs asked about (a corrected record's probabilities are the model's before the pass retrains it)
    const asked = (): string[] => projection.review(100).map((q) => `${q.a} ${q.b}`).sort();
    expect(asked()).toEqual(['fedpol:o1 fedpol:o2']);
    const o2 = (await recordIds()).find((r) => r.endsWith(':o2'))!;
    // the record corrected: it was (a misspelt) Karim Haddad's all along
    const corrected = validateRecord(world!.mosaic.registry, { id: 'o2', schema: 'Person', properties: { name: ['Karim Hadad'] }, provenance: testProvenance('fedpol') });
    if (!corrected.ok) throw new Error(JSON.stringify(corrected.errors));
    await world!.mosaic.store.putRecords([corrected.record], { actor: 'test' });
    const [now] = await world!.mosaic.store.getRecords([o2]);
    await projection.apply([{ id: o2, record: now!.record, version: now!.version }]);
    const afterCorrection = asked();
    expect(afterCorrection).toEqual(['fedpol:o2 fedpol:p3-0']);
    await projection.rebuild();
    expect(asked()).toEqual(afterCorrection);
  });

  it('takes a deleted record out of its entity at once, and drops its stored membership', async () => {
    await storePersons();
    const projection = await open(Infinity);
    const ids = await recordIds();
    const [rachid, rashid] = ['p6-0', 'p6-1'].map((id) => ids.find((r) => r.endsWith(id))!);
    const entity = projection.entityOf(rachid!);
    expect(projection.entityOf(rashid!)).toBe(entity);
    await world!.mosaic.store.deleteRecord(rachid!, { actor: 'test', reason: 'erased' });
    await projection.apply([{ id: rachid!, record: undefined }]);
    expect(projection.entityOf(rachid!)).toBeUndefined();
    expect(projection.membersOf(entity!)).toEqual([rashid]);
    const stored = await storeResolutionStore(world!.mosaic.store).load();
    expect(stored.membership.has(rachid!)).toBe(false);
    expect(stored.membership.get(rashid!)).toBe(entity);
  });

  it('drops the stored membership of records deleted before a full pass', async () => {
    await storePersons();
    const projection = await open(Infinity);
    const [first] = await recordIds();
    projection.stop();
    // deleted while no node followed the change feed
    await world!.mosaic.store.deleteRecord(first!, { actor: 'test', reason: 'erased' });
    expect((await storeResolutionStore(world!.mosaic.store).load()).membership.has(first!)).toBe(true);
    await open(Infinity);
    expect((await storeResolutionStore(world!.mosaic.store).load()).membership.has(first!)).toBe(false);
  });

  it('gives the event loop turns during a full pass: reading the records, preparing them, waiting for the worker', async () => {
    await storePersons();
    // enough records that neither thread's share is over before a timer is due (a pass of a few
    // records can end in the worker while this thread still prepares its own copy)
    const more = Array.from({ length: 3000 }, (_, i) => validateRecord(world!.mosaic.registry, {
      id: `g${i}`, schema: 'Person', properties: { name: [`Wim${i % 97} Peeters${i % 1499}`], birthDate: [`19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`] }, provenance: testProvenance('fedpol'),
    }));
    await world!.mosaic.store.putRecords(more.flatMap((v) => (v.ok ? [v.record] : [])), { actor: 'test' });
    const projection = await open(1);
    let turned = false;
    setTimeout(() => { turned = true; }, 0);
    await projection.rebuild();
    expect(turned).toBe(true);
  });

  it('stores a judgement made during a full pass at once, asks no more about its pair, and applies it when the pass is done', async () => {
    await storePersons();
    // two records the model is unsure about: the same name but for one letter, nothing else to go on
    await putFixtures(world!.mosaic, [
      { id: 'o1', schema: 'Person', properties: { name: ['Odile Marchetti'], birthDate: ['1984'] }, provenance: testProvenance('fedpol') },
      { id: 'o2', schema: 'Person', properties: { name: ['Odile Marketti'], nationality: ['fr'] }, provenance: testProvenance('fedpol') },
    ]);
    const { store } = world!.mosaic;
    // a full pass held where it reads the records, once the judgements are read
    let hold: Promise<void> | undefined;
    const reached = Promise.withResolvers<void>();
    const held: typeof store = { ...store, scanRecords: async (options) => { if (hold) { reached.resolve(); await hold; } return store.scanRecords(options); } };
    const projection = await createEntityProjection(held, { workerFrom: Infinity });
    opened.push(projection);
    const ids = await recordIds();
    const [o1, o2] = [':o1', ':o2'].map((end) => ids.find((id) => id.endsWith(end))!);
    const asked = (): boolean => projection.review(100).some((q) => [q.a, q.b].sort().join(' ') === [o1, o2].sort().join(' '));
    expect(asked()).toBe(true);
    expect(projection.entityOf(o1!)).not.toBe(projection.entityOf(o2!));

    const release = Promise.withResolvers<void>();
    hold = release.promise;
    const pass = projection.rebuild();
    await reached.promise;
    // answered while the pass is held: the judgement does not wait for it
    expect(await projection.judge(o1!, o2!, 'same', UserId('u1'))).toBe(false);
    expect(asked()).toBe(false);
    expect(projection.entityOf(o1!)).not.toBe(projection.entityOf(o2!));
    hold = undefined;
    release.resolve();
    await pass;
    // the judgement's turn comes right after the pass: an empty change waits for it
    await projection.apply([]);
    expect(projection.entityOf(o1!)).toBe(projection.entityOf(o2!));
    expect(asked()).toBe(false);
  });

  it('keeps the entities a "not same" split as they are after a restart, when a record since linked both sides', async () => {
    world = await openTestMosaic();
    const jan = (id: string, properties: Record<string, string[]>): Record<string, unknown> => ({ id, schema: 'Person', properties: { name: ['Jan Claes'], birthDate: ['1980-01-01'], ...properties }, provenance: testProvenance('fedpol') });
    await putFixtures(world.mosaic, [jan('a', { passportNumber: ['EH123456'] }), jan('p', { phone: ['+32470123456'] }), jan('b', {})]);
    const [a, p, b, r] = ['a', 'p', 'b', 'r'].map((id) => `fedpol:${id}` as RecordId) as [RecordId, RecordId, RecordId, RecordId];
    const projection = await open(Infinity);
    await projection.judge(a, b, 'not_same', UserId('u1'));
    expect(projection.entityOf(p)).toBe(projection.entityOf(a));
    // r shares p's phone but carries another passport than a's: it joins b
    await putFixtures(world.mosaic, [jan('r', { phone: ['+32470123456'], passportNumber: ['KX998877'] })]);
    const [stored] = await world.mosaic.store.getRecords([r]);
    await projection.apply([{ id: r, record: stored!.record, version: stored!.version }]);
    const entities = Object.fromEntries([a, p, b, r].map((id) => [id, projection.entityOf(id)]));
    expect(entities[r]).toBe(entities[b]);
    // a restart, and a node started later, hold the same entities under the same ids, none split
    await projection.rebuild();
    const later = await open(Infinity);
    for (const node of [projection, later]) expect(Object.fromEntries([a, p, b, r].map((id) => [id, node.entityOf(id)]))).toEqual(entities);
    for (const entity of new Set(Object.values(entities))) expect(await projection.resolve(entity!)).toEqual([entity]);
  });

  it('applies a judgement to its two entities at once, as a full pass then finds them', async () => {
    await storePersons();
    const [a, b] = await recordIds();
    const projection = await open(Infinity);
    expect(projection.entityOf(a!)).toBe(projection.entityOf(b!));
    let reported = 0;
    projection.onMembership(() => { reported++; });
    await projection.judge(a!, b!, 'not_same', UserId('u1'));
    const apart = [projection.entityOf(a!), projection.entityOf(b!)];
    expect(apart[0]).not.toBe(apart[1]);
    // only the records that moved are reported: no full pass ran
    expect(reported).toBeGreaterThan(0);
    expect(reported).toBeLessThan((await recordIds()).length);
    expect(projection.review(50).some((item) => [item.a, item.b].includes(a!) && [item.a, item.b].includes(b!))).toBe(false);
    await projection.rebuild();
    expect([projection.entityOf(a!), projection.entityOf(b!)]).toEqual(apart);
  });
});
