import { RecordId, validateRecord } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import { startProjections, type Projections } from '../projections.ts';
import { closeTestWorld, openTestMosaic, testProvenance, type TestMosaic } from '../testing.ts';
import { entityMerges } from './entity-merges.ts';

let world: TestMosaic | undefined;
let projections: Projections | undefined;
afterEach(async () => {
  await closeTestWorld(world, projections);
  world = undefined;
  projections = undefined;
});

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(world!.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await world!.mosaic.store.putRecords([v.record], { actor: 'test' });
}

const passport = { name: ['Quentin Lavigne'], passportNumber: ['EK778899'] };
const born = { name: ['Quentin Lavigne'], birthDate: ['1984-02-17'], nationality: ['fr'] };
const both = { ...passport, ...born };

/** Two records of the federal police, a and b, apart; then c, which joins them; merges as the federal police's analyst sees them. */
async function joined(c: string): Promise<{ readonly merges: readonly unknown[] }> {
  world = await openTestMosaic();
  projections = await startProjections(world.mosaic, { follow: false });
  await put({ id: 'a', schema: 'Person', properties: passport, provenance: testProvenance('fedpol') });
  await put({ id: 'b', schema: 'Person', properties: born, provenance: testProvenance('fedpol') });
  await projections.follower.catchUp();
  expect(projections.entities.entityOf(RecordId('fedpol:a'))).not.toBe(projections.entities.entityOf(RecordId('fedpol:b')));
  await put({ id: 'c', schema: 'Person', properties: both, provenance: testProvenance(c) });
  await projections.follower.catchUp();
  const entity = projections.entities.entityOf(RecordId('fedpol:a'))!;
  expect(projections.entities.entityOf(RecordId('fedpol:b'))).toBe(entity);
  const user = (await world.mosaic.store.listUsers()).find((u) => u.name === 'fedAnalyst')!;
  return { merges: await entityMerges(world.mosaic, { user, purpose: 'investigation', caseRef: 'C' }, projections.entities, entity) };
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
