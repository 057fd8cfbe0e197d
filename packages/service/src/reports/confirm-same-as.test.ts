/**
 * A person of a report confirmed as the same as a record held: the record written for them is not
 * yet resolved (the change feed brings it later), and the judgement between it and the one held
 * fell back to a full pass over the store, which reads every record (1.5–2 s on the demo, minutes
 * at millions). Now the record is resolved first, as the feed would resolve it, and the judgement
 * applied to the two entities alone; so too for a judgement on a record just ingested (POST
 * /judgements). On the embedded store (one node) and on PostgreSQL (its bus shared: under the
 * claim, the record's resolution stored as an outcome for other nodes; skipped with a warning
 * where it is unreachable, failed under CI).
 */
import { RecordId, UserId } from '@mosaic/model';
import { dropTestSchemas, postgresReachable, TEST_DATABASE_URL } from '@mosaic/store/testing';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Consultation } from '../organisation.ts';
import { startProjections, type Projections } from '../projections.ts';
import { judgePair } from '../resolution/entity-view.ts';
import { storeResolutionStore } from '../resolution/store-resolution-store.ts';
import type { Mosaic } from '../runtime.ts';
import { closeTestWorld, countingFullPasses, openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { confirmEntity } from './review-report.ts';
import { uploadReport } from './upload-report.ts';

const postgres = await postgresReachable('confirming a report\'s person as the same as a record held');

const PROVENANCE = { source: 'interview notes', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', releasability: ['be'] }, handling: 'H1', reviewDate: '2033-01-01' };
// Fictional people, written for this test.
const TEXT = 'Leuven, 3 March 2025. Officers questioned Hallvard Ostergren at the harbour office.';
const HELD = [
  { id: 'h1', schema: 'Person', properties: { name: ['Hallvard Østergren'], birthDate: ['1987-06-02'] }, provenance: testProvenance('fedpol') },
  { id: 'h2', schema: 'Person', properties: { name: ['Benedikte Vaarsholm'], birthDate: ['1990-01-12'] }, provenance: testProvenance('fedpol') },
  { id: 'h3', schema: 'Person', properties: { name: ['Joost Moerbeeke'], birthDate: ['1979-09-30'] }, provenance: testProvenance('fedpol') },
];

let world: TestMosaic | undefined;
let projections: Projections | undefined;
const schemas: string[] = [];
afterEach(async () => {
  await closeTestWorld(world, projections);
  world = undefined;
  projections = undefined;
  if (postgres) await dropTestSchemas(schemas.splice(0));
});

/** A node on the store of `kind` holding HELD, its entities resolved and its feed not followed (so a record written is judged before the feed brings it), its full passes counted from now. */
async function startNode(kind: 'sqlite' | 'postgresql'): Promise<{ mosaic: Mosaic; projections: Projections; passes: { count: number } }> {
  const schema = `mosaic_confirm_same_${randomBytes(6).toString('hex')}`;
  if (kind === 'postgresql') schemas.push(schema);
  world = await openTestMosaic(kind === 'postgresql' ? { config: { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema } } : {});
  await putFixtures(world.mosaic, HELD);
  const passes = { count: 0 };
  const mosaic = countingFullPasses(world.mosaic, passes);
  projections = await startProjections(mosaic, { follow: false });
  expect(passes.count).toBe(1);
  passes.count = 0;
  return { mosaic, projections, passes };
}

describe.each([['sqlite'], ['postgresql']] as const)('a judgement on a record just written, on the %s store', (kind) => {
  it.runIf(kind === 'sqlite' || postgres)('confirming a report\'s person as the same as a record held joins them into one entity without a full pass', async () => {
    const { mosaic, projections: node, passes } = await startNode(kind);
    const fed: Consultation = { user: (await mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'report review', caseRef: 'CASE-S1' };
    const uploaded = await uploadReport(mosaic, fed, { text: TEXT, collection: 'harbour', provenance: PROVENANCE }, { entities: node.entities });
    if (!uploaded.ok) throw new Error('not uploaded');
    const person = uploaded.extraction.entities.find((e) => e.name === 'Hallvard Ostergren');
    expect(person).toBeDefined();
    const held = RecordId('fedpol:h1');
    const heldEntity = node.entities.entityOf(held);
    expect(heldEntity).toBeDefined();

    const confirmed = await confirmEntity(mosaic, fed, uploaded.report.id, person!.id, { link: held }, { entities: node.entities });
    if (!confirmed.ok) throw new Error(JSON.stringify(confirmed.errors));
    expect(passes.count).toBe(0);
    // the two are one entity at once, the held record's, the judgement stored with its note
    const record = confirmed.record.id;
    expect(node.entities.entityOf(record)).toBe(heldEntity);
    expect(node.entities.membersOf(heldEntity!).slice().sort()).toEqual([held, record].sort());
    const judged = await storeResolutionStore(mosaic.store).judgementsOf(record, held);
    expect(judged.map((j) => [j.verdict, j.by, j.note])).toEqual([['same', fed.user.id, `confirmed from report ${uploaded.report.id}`]]);
    // the feed then brings the record resolved already: nothing moves, and no full pass runs
    await node.follower.catchUp();
    expect(passes.count).toBe(0);
    expect(node.entities.entityOf(record)).toBe(heldEntity);
    // as stored: a node started afresh reads the same entity
    expect((await storeResolutionStore(mosaic.store).load()).membership.get(record)).toBe(heldEntity);
  });

  it.runIf(kind === 'sqlite' || postgres)('a judgement on a record ingested a moment before (POST /judgements) is applied without a full pass', async () => {
    const { mosaic, projections: node, passes } = await startNode(kind);
    const fed: Consultation = { user: (await mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'review', caseRef: 'CASE-S2' };
    await putFixtures(mosaic, [{ id: 'h4', schema: 'Person', properties: { name: ['Benedikte Vaarsholm-Lie'], birthDate: ['1990-01-12'] }, provenance: testProvenance('fedpol') }]);
    const [fresh, held] = [RecordId('fedpol:h4'), RecordId('fedpol:h2')];
    expect(node.entities.entityOf(fresh)).toBeUndefined();

    const judged = await judgePair(mosaic, fed, node.entities, fresh, held, 'not_same');
    expect(judged.applied).toBe(true);
    expect(passes.count).toBe(0);
    expect(node.entities.entityOf(fresh)).toBeDefined();
    expect(node.entities.entityOf(fresh)).not.toBe(node.entities.entityOf(held));
    expect((await storeResolutionStore(mosaic.store).judgementsOf(fresh, held)).map((j) => [j.verdict, j.by])).toEqual([['not_same', UserId(fed.user.id)]]);
    await node.follower.catchUp();
    expect(passes.count).toBe(0);
  });
});
