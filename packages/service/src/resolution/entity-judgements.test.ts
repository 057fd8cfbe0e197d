import { RecordId, UserId, validateRecord, type EntityId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { startProjections } from '../projections.ts';
import { openTestMosaic, testProvenance } from '../testing.ts';
import { testWorldEndedAfterEach } from '../test-world.fixture.ts';
import { entityJudgements } from './entity-judgements.ts';
import { entityMerges } from './entity-merges.ts';
import { readEntity } from './entity-view.ts';

const current = testWorldEndedAfterEach();

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(current.world!.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await current.world!.mosaic.store.putRecords([v.record], { actor: 'test' });
}

const analyst = UserId('fedpol.fedAnalyst');
const x = { name: ['Bartholomeus Verhulpen'], birthDate: ['1958-08-08'], passportNumber: ['BE1112223'] };

/** x1 to x3 (one person), y and z (two others) of the federal police, z's owned by `zOwner`; as the federal police's analyst. */
async function open(zOwner: string) {
  current.world = await openTestMosaic();
  for (const id of ['x1', 'x2', 'x3']) await put({ id, schema: 'Person', properties: x, provenance: testProvenance('fedpol') });
  await put({ id: 'y', schema: 'Person', properties: { name: ['Cornelis Achterhuis'], birthDate: ['1963-04-04'] }, provenance: testProvenance('fedpol') });
  await put({ id: 'z', schema: 'Person', properties: { name: ['Dirkjan Moerbeeke'], birthDate: ['1964-05-05'] }, provenance: testProvenance(zOwner) });
  current.projections = await startProjections(current.world.mosaic, { follow: false });
  const user = (await current.world.mosaic.store.listUsers()).find((u) => u.name === 'fedAnalyst')!;
  const consultation = { user, purpose: 'investigation', caseRef: 'C' };
  const entities = current.projections.entities;
  return {
    entities,
    records: { x1: RecordId('fedpol:x1'), x2: RecordId('fedpol:x2'), y: RecordId('fedpol:y'), z: RecordId(`${zOwner}:z`) },
    judgements: (id: EntityId) => entityJudgements(current.world!.mosaic, consultation, entities, id),
    merges: (id: EntityId) => entityMerges(current.world!.mosaic, consultation, entities, id),
    profile: (id: EntityId) => readEntity(current.world!.mosaic, consultation, entities, id),
    /** The queries of the analyst's consultations logged since `from` (an entry's number), oldest first. */
    logged: async (from: number) => (await current.world!.mosaic.store.readAudit({ fromSeq: from, limit: 1000 })).map((e) => JSON.parse(e.body) as { seq: number; action: string; actor: { user: string }; query: unknown; records: string[] })
      .filter((e) => e.action === 'consultation' && e.actor.user === user.id),
    lastSeq: async () => (await current.world!.mosaic.store.auditHead())?.seq ?? 0,
  };
}

const pairs = (answer: Awaited<ReturnType<typeof entityJudgements>>): string[] =>
  'judgements' in answer ? answer.judgements.map((j) => `${j.a} ${j.verdict} ${j.b}`) : [`split ${answer.split.join(' ')}`];

describe('who decided about an entity', () => {
  it('names each judgement on its records, newest first: the verdict, the analyst and their agency, when, and the note', async () => {
    const { entities, records, judgements, merges } = await open('fedpol');
    await entities.judge(records.y, records.z, 'same', analyst, 'same phone in both files');
    await entities.judge(records.x1, records.y, 'same', analyst);
    const entity = entities.entityOf(records.x1)!;
    const answer = await judgements(entity);
    expect(pairs(answer)).toEqual(['fedpol:x1 same fedpol:y', 'fedpol:y same fedpol:z']);
    expect('judgements' in answer && answer.judgements[1]).toMatchObject({ by: { user: analyst, agency: 'fedpol' }, note: 'same phone in both files' });
    // the merges those judgements made name who made them
    const history = await merges(entity);
    expect('merges' in history && history.merges.map((m) => [m.kind, m.by])).toEqual([['judgement', { user: analyst, agency: 'fedpol' }], ['judgement', { user: analyst, agency: 'fedpol' }]]);
  });

  it('leaves out a judgement on a record the reader may not read, as the merges do', async () => {
    // intelligence shares nothing with the federal police
    const { entities, records, judgements } = await open('intel');
    await entities.judge(records.y, records.z, 'same', analyst);
    await entities.judge(records.x1, records.y, 'same', analyst);
    expect(pairs(await judgements(entities.entityOf(records.x1)!))).toEqual(['fedpol:x1 same fedpol:y']);
  });

  it('tells of the "not same" that split an entity in the history of each part, and answers the split id with its parts, merges too', async () => {
    const { entities, records, judgements, merges } = await open('fedpol');
    const before = entities.entityOf(records.x1)!;
    expect(entities.entityOf(records.x2)).toBe(before);
    await entities.judge(records.x1, records.x2, 'not_same', analyst, 'different fathers');
    const parts = [entities.entityOf(records.x1)!, entities.entityOf(records.x2)!];
    expect(parts[0]).not.toBe(parts[1]);
    for (const part of parts) expect(pairs(await judgements(part))).toEqual(['fedpol:x1 not_same fedpol:x2']);
    expect([...await entities.resolve(before)].sort()).toEqual([...parts].sort());
    expect(await judgements(before)).toEqual({ split: expect.arrayContaining(parts) });
    expect(await merges(before)).toEqual(await judgements(before));
  });

  it('logs the profile, its merges and its judgements as three reads that say which they were', async () => {
    const { entities, records, judgements, merges, profile, logged, lastSeq } = await open('fedpol');
    await entities.judge(records.x1, records.y, 'same', analyst);
    const entity = entities.entityOf(records.x1)!;
    const from = (await lastSeq()) + 1;
    await profile(entity);
    await merges(entity);
    await judgements(entity);
    expect((await logged(from)).map((e) => e.query)).toEqual([{ entity }, { entity, view: 'merges' }, { entity, view: 'judgements' }]);
  });

  it('logs the records of another entity a judgement names, and a split id\'s parts, under the panel read', async () => {
    const { entities, records, judgements, merges, logged, lastSeq } = await open('fedpol');
    await entities.judge(records.x1, records.y, 'not_same', analyst);
    const entity = entities.entityOf(records.x1)!;
    let from = (await lastSeq()) + 1;
    await judgements(entity);
    const read = await logged(from);
    // the entity's read, then the read of y (another entity's record, the other side of the "not same")
    expect(read.map((e) => e.query)).toEqual([{ entity, view: 'judgements' }, { entity, view: 'judgements' }]);
    expect(read[1]?.records).toEqual([records.y]);

    await entities.judge(records.x1, records.x2, 'not_same', analyst);
    expect((await entities.resolve(entity)).length).toBeGreaterThan(1);
    from = (await lastSeq()) + 1;
    await merges(entity);
    await judgements(entity);
    expect((await logged(from)).map((e) => e.query)).toEqual([{ entity, view: 'merges' }, { entity, view: 'judgements' }]);
  });
});
