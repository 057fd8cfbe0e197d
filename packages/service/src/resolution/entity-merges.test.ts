import { RecordId, UserId, validateRecord } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { startProjections } from '../projections.ts';
import { addFrenchPartner, clearAndReleasedToAll, failReadsOnceWritten, openTestMosaic, testProvenance } from '../testing.ts';
import { testWorldEndedAfterEach } from '../test-world.fixture.ts';
import { entityMerges, undoEntityMerge, type MergeSummary } from './entity-merges.ts';

/** The merges of an answer that is not a split. */
function mergesOf(answer: readonly MergeSummary[] | Awaited<ReturnType<typeof entityMerges>>): readonly MergeSummary[] {
  if ('merges' in answer) return answer.merges;
  if ('split' in answer) throw new Error(`split into ${answer.split.join(', ')}`);
  return answer;
}

const current = testWorldEndedAfterEach();

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(current.world!.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await current.world!.mosaic.store.putRecords([v.record], { actor: 'test' });
}

const passport = { name: ['Quentin Lavigne'], passportNumber: ['EK778899'] };
const born = { name: ['Quentin Lavigne'], birthDate: ['1984-02-17'], nationality: ['fr'] };
const both = { ...passport, ...born };

/** Two records of the federal police, a and b, apart; then c, which joins them; merges as the federal police's analyst sees them. */
async function joined(c: string): Promise<{ readonly merges: readonly unknown[] }> {
  current.world = await openTestMosaic();
  current.projections = await startProjections(current.world.mosaic, { follow: false });
  await put({ id: 'a', schema: 'Person', properties: passport, provenance: testProvenance('fedpol') });
  await put({ id: 'b', schema: 'Person', properties: born, provenance: testProvenance('fedpol') });
  await current.projections.follower.catchUp();
  expect(current.projections.entities.entityOf(RecordId('fedpol:a'))).not.toBe(current.projections.entities.entityOf(RecordId('fedpol:b')));
  await put({ id: 'c', schema: 'Person', properties: both, provenance: testProvenance(c) });
  await current.projections.follower.catchUp();
  const entity = current.projections.entities.entityOf(RecordId('fedpol:a'))!;
  expect(current.projections.entities.entityOf(RecordId('fedpol:b'))).toBe(entity);
  const user = (await current.world.mosaic.store.listUsers()).find((u) => u.name === 'fedAnalyst')!;
  return { merges: mergesOf(await entityMerges(current.world.mosaic, { user, purpose: 'investigation', caseRef: 'C' }, current.projections.entities, entity)) };
}

describe('an entity\'s merges', () => {
  it('lists the merges made through records the viewer sees', async () => {
    expect((await joined('fedpol')).merges.length).toBeGreaterThan(0);
  });

  it('leaves out a merge made through a record the viewer may not see: it would tell of the record, and of a link their view does not draw', async () => {
    // intelligence shares nothing with the federal police
    expect((await joined('intel')).merges).toEqual([]);
  });
});

/**
 * x1 to x3 (one person), y and z (two others) of the federal police, z's owned by `zOwner`; y and z
 * judged one (one of their entities absorbs the other: `inner`), then x1 and y (x's entity
 * absorbs theirs).
 */
async function nested(zOwner: string) {
  current.world = await openTestMosaic();
  const x = { name: ['Bartholomeus Verhulpen'], birthDate: ['1958-08-08'], passportNumber: ['BE1112223'] };
  for (const id of ['x1', 'x2', 'x3']) await put({ id, schema: 'Person', properties: x, provenance: testProvenance('fedpol') });
  await put({ id: 'y', schema: 'Person', properties: { name: ['Cornelis Achterhuis'], birthDate: ['1963-04-04'] }, provenance: testProvenance('fedpol') });
  await put({ id: 'z', schema: 'Person', properties: { name: ['Dirkjan Moerbeeke'], birthDate: ['1964-05-05'] }, provenance: testProvenance(zOwner) });
  current.projections = await startProjections(current.world.mosaic, { follow: false });
  const entities = current.projections.entities;
  const [x1, y, z] = [RecordId('fedpol:x1'), RecordId('fedpol:y'), RecordId(`${zOwner}:z`)];
  const before = { x: entities.entityOf(x1)!, y: entities.entityOf(y)!, z: entities.entityOf(z)! };
  expect(new Set(Object.values(before)).size).toBe(3);
  await entities.judge(y, z, 'same', UserId('fedpol.fedAnalyst'));
  await entities.judge(x1, y, 'same', UserId('fedpol.fedAnalyst'));
  for (const record of [y, z]) expect(entities.entityOf(record)).toBe(before.x);
  const user = (await current.world.mosaic.store.listUsers()).find((u) => u.name === 'fedAnalyst')!;
  const consultation = { user, purpose: 'investigation', caseRef: 'C' };
  const inner = (await entities.merges(before.z)).find((m) => [m.survivor, m.absorbed].sort().join() === [before.y, before.z].sort().join())!;
  const outer = (await entities.merges(before.x)).find((m) => m.survivor === before.x)!;
  return { entities, consultation, before, inner, outer, records: { x1, y, z } };
}

const named = (merges: readonly MergeSummary[] | Awaited<ReturnType<typeof entityMerges>>): string[] => mergesOf(merges).map((m) => `${m.absorbed}>${m.survivor}${m.undone ? ' undone' : ''}`).sort();

describe('merges through an absorbed entity', () => {
  it('are in the history of the entity they built, which a retired id of it answers with', async () => {
    const { entities, consultation, before, inner, outer } = await nested('fedpol');
    expect(inner).toBeDefined();
    expect(outer.absorbed).toBe(inner.survivor);
    const history = named([inner, outer]);
    expect(named(await entityMerges(current.world!.mosaic, consultation, entities, before.x))).toEqual(history);
    for (const retired of [inner.survivor, inner.absorbed]) expect(named(await entityMerges(current.world!.mosaic, consultation, entities, retired))).toEqual(history);
  });

  it('leave out one linked through a record the viewer may not see', async () => {
    // intelligence shares nothing with the federal police: the merge of y and z was made through z
    const { entities, consultation, before, outer } = await nested('intel');
    expect(named(await entityMerges(current.world!.mosaic, consultation, entities, before.x))).toEqual(named([outer]));
  });

  it('undone give the absorbed entity its id and records back, and the entity that holds the rest keeps its id, run after run', async () => {
    const { entities, consultation, before, inner, outer, records } = await nested('fedpol');
    await undoEntityMerge(current.world!.mosaic, consultation, entities, inner.id);
    const back = inner.absorbed === before.z ? records.z : records.y;
    const kept = back === records.z ? records.y : records.z;
    for (let pass = 0; pass < 2; pass++) {
      expect(entities.entityOf(back)).toBe(inner.absorbed);
      for (const record of [records.x1, RecordId('fedpol:x2'), RecordId('fedpol:x3'), kept]) expect(entities.entityOf(record)).toBe(before.x);
      expect(await entities.resolve(inner.absorbed)).toEqual([inner.absorbed]);
      expect(await entities.resolve(before.x)).toEqual([before.x]);
      expect(named(await entityMerges(current.world!.mosaic, consultation, entities, before.x))).toEqual(named([{ ...inner, undone: true }, outer]));
      expect(named(await entityMerges(current.world!.mosaic, consultation, entities, inner.absorbed))).toEqual(named([{ ...inner, undone: true }]));
      // the not-same judgement the undo wrote holds in the next full pass
      await entities.rebuild();
    }
  });
});

describe('undoing a merge, when the store read after it fails', () => {
  it('is still logged, naming the two subjects the merge joined', async () => {
    const { entities, consultation, inner } = await nested('fedpol');
    const mosaic = current.world!.mosaic;
    // the store answers until the change is written, then fails every read
    failReadsOnceWritten(mosaic, entities, 'undo');
    await expect(undoEntityMerge(mosaic, consultation, entities, inner.id)).rejects.toThrow('store unavailable');
    const logged = (await mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).map((e) => JSON.parse(e.body) as { action: string; reason?: string; subjects: string[] }).filter((e) => e.action === 'combination');
    expect(logged.map((e) => e.reason)).toEqual(['merge undone']);
    expect(logged[0]?.subjects).toEqual(expect.arrayContaining([inner.survivor, inner.absorbed]));
  });
});

describe('undoing a merge of other countries\' agencies\' records', () => {
  it('is refused a partner abroad, saying why, and left to the country\'s analysts', async () => {
    current.world = await openTestMosaic();
    const mosaic = current.world.mosaic;
    const partner = { user: await addFrenchPartner(mosaic), purpose: 'liaison', caseRef: 'CASE-FR1' };
    current.projections = await startProjections(mosaic, { follow: false });
    const entities = current.projections.entities;
    await put({ id: 'a', schema: 'Person', properties: passport, provenance: clearAndReleasedToAll('zone-north') });
    await put({ id: 'b', schema: 'Person', properties: born, provenance: clearAndReleasedToAll('intel') });
    await current.projections.follower.catchUp();
    await put({ id: 'c', schema: 'Person', properties: both, provenance: clearAndReleasedToAll('intel') });
    await current.projections.follower.catchUp();
    const [a, b] = [RecordId('zone-north:a'), RecordId('intel:b')];
    const entity = entities.entityOf(a)!;
    expect(entities.entityOf(b)).toBe(entity);
    const [merge] = mergesOf(await entityMerges(mosaic, partner, entities, entity));
    expect(merge).toBeDefined();
    await expect(undoEntityMerge(mosaic, partner, entities, merge!.id)).rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN', message: 'records of another country\'s agencies are judged by that country\'s analysts or their owners' });
    expect(entities.entityOf(b)).toBe(entity);
    const fed = (await mosaic.store.listUsers()).find((u) => u.name === 'fedAnalyst')!;
    await undoEntityMerge(mosaic, { user: fed, purpose: 'investigation', caseRef: 'C' }, entities, merge!.id);
    expect(entities.entityOf(b)).not.toBe(entities.entityOf(a));
  });
});
