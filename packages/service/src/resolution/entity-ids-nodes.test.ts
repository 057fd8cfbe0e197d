/**
 * New entity ids on nodes sharing one PostgreSQL store, where the nodes resolve the change feed
 * at different moments: one node resolves a new record before the other has read it, and a
 * judgement or a later node's full pass draws ids meanwhile; or the node that resolved a record
 * stops, holding the claim, before the other has read it. Once the nodes have read everything,
 * every record is under one id on every node and as stored, and no id names two entities.
 */
import { UserId, type EntityId, type RecordId } from '@mosaic/model';
import { dropTestSchemas, postgresReachable, TEST_DATABASE_URL } from '@mosaic/store/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../config.ts';
import { followChanges } from '../change-follower.ts';
import { startProjections, type Projections } from '../projections.ts';
import { openMosaic, type Mosaic } from '../runtime.ts';
import { putFixtures, testProvenance } from '../testing.ts';
import { createEntityProjection } from './entity-projection.ts';

const postgres = await postgresReachable('entity ids across nodes');

interface Node {
  readonly mosaic: Mosaic;
  readonly projections: Projections;
}

const running: Node[] = [];
/** Stores opened and projections started by a test itself, closed after it. */
const closing: (() => Promise<void>)[] = [];
const dirs: string[] = [];
const schemas: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const { mosaic, projections } of running.splice(0)) {
    projections.stop();
    await projections.entities.settle().catch(() => undefined);
    await projections.notifications.idle();
    await mosaic.close();
  }
  for (const close of closing.splice(0)) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (postgres) await dropTestSchemas(schemas.splice(0));
});

function sharedStore(): () => Promise<Mosaic> {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-ids-'));
  dirs.push(dir);
  const schema = `mosaic_entity_ids_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return () => openMosaic(parseConfig({ dataDir: dir, databaseUrl: TEST_DATABASE_URL, databaseSchema: schema }, dir));
}

/** A node that reads the change feed only when told to (catchUp), or when another node's outcome arrives. */
async function startNode(open: () => Promise<Mosaic>): Promise<Node> {
  const mosaic = await open();
  const projections = await startProjections(mosaic, { follow: false });
  const node = { mosaic, projections };
  running.push(node);
  return node;
}

const person = (id: string, name: string, birthDate: string): Record<string, unknown> => ({ id, schema: 'Person', properties: { name: [name], birthDate: [birthDate] }, provenance: testProvenance('fedpol') });

const PERSONS = [
  person('p1', 'Salah Abdeslam', '1989-03-15'),
  person('p2', 'ABDESALAM, Salah', '1989-03-15'),
  person('p4', 'Odalric Vennemann', '1971-11-02'),
  person('p5', 'VENNEMAN, Odalric', '1971-11-02'),
  person('p6', 'Karim Haddad', '1984-05-14'),
];
const rec = (id: string): RecordId => `fedpol:${id}` as RecordId;

function entitiesOn(node: Node, records: readonly RecordId[]): Record<string, EntityId | undefined> {
  return Object.fromEntries(records.map((r) => [r, node.projections.entities.entityOf(r)]));
}

/** Each record's entity as stored (its membership document). */
async function storedEntities(node: Node, records: readonly RecordId[]): Promise<Record<string, EntityId | undefined>> {
  const stored = new Map((await node.mosaic.store.listDocuments('entity-member', { limit: 1000 })).map((d) => [d.id, d.subject as EntityId]));
  return Object.fromEntries(records.map((r) => [r, stored.get(r)]));
}

/** Each id names one set of records on a node, and the same set on both. */
function expectOneNumbering(nodes: readonly Node[], records: readonly RecordId[]): void {
  const [first, ...others] = nodes;
  for (const other of others) expect(entitiesOn(other!, records)).toEqual(entitiesOn(first!, records));
}

describe('new entity ids on two nodes sharing one PostgreSQL store', () => {
  it.runIf(postgres)('are the same on both nodes, and name one entity, when one node judges before it has read a record the other resolved', async () => {
    const open = sharedStore();
    const a = await startNode(open);
    await putFixtures(a.mosaic, PERSONS);
    await a.projections.follower.catchUp();
    const b = await startNode(open);
    const records = PERSONS.map((p) => rec(String(p['id'])));
    expectOneNumbering([a, b], records);

    // A resolves a newcomer; B has not read it yet when it splits an entity (new ids)
    await putFixtures(a.mosaic, [person('p8', 'Chidi Okonkwo', '1979-02-09')]);
    await a.projections.follower.catchUp();
    await b.projections.entities.judge(rec('p4'), rec('p5'), 'not_same', UserId('fedpol.analyst'));
    await b.projections.follower.catchUp();
    await a.projections.follower.catchUp();
    await a.projections.entities.adoptMissed();
    // then another newcomer, read by both
    await putFixtures(a.mosaic, [person('p9', 'Inês Ferreira', '1993-12-30')]);
    await b.projections.follower.catchUp();
    await a.projections.follower.catchUp();
    const all = [...records, rec('p8'), rec('p9')];
    expectOneNumbering([a, b], all);
    expect(a.projections.entities.entityOf(rec('p8'))).not.toBe(a.projections.entities.entityOf(rec('p9')));
    expect(b.projections.entities.entityOf(rec('p8'))).not.toBe(b.projections.entities.entityOf(rec('p9')));
    // as stored, too: the two newcomers are two entities
    const stored = await storedEntities(a, all);
    expect(stored[rec('p8')]).not.toBe(stored[rec('p9')]);
    expect(stored).toEqual(entitiesOn(a, all));
  });

  it.runIf(postgres)('are the same on a running node as a node started later numbered them in its full pass', async () => {
    const open = sharedStore();
    const a = await startNode(open);
    await putFixtures(a.mosaic, PERSONS);
    await a.projections.follower.catchUp();
    // two newcomers stored, in the opposite order of their ids, before A reads them; B starts and resolves them in its full pass
    await putFixtures(a.mosaic, [person('p9', 'Inês Ferreira', '1993-12-30'), person('p8', 'Chidi Okonkwo', '1979-02-09')]);
    const b = await startNode(open);
    await a.projections.follower.catchUp();
    await b.projections.follower.catchUp();
    await a.projections.entities.adoptMissed();
    await a.projections.entities.settle();
    const all = [...PERSONS.map((p) => rec(String(p['id']))), rec('p8'), rec('p9')];
    expectOneNumbering([a, b], all);
    expect(await storedEntities(a, all)).toEqual(entitiesOn(a, all));
  });

  it.runIf(postgres)('stay as the node that resolved a record gave them when it stops holding the claim before the other has read it', async () => {
    const open = sharedStore();
    const a = await startNode(open);
    await putFixtures(a.mosaic, PERSONS);
    await a.projections.follower.catchUp();
    const b = await startNode(open);
    const records = PERSONS.map((p) => rec(String(p['id'])));
    expectOneNumbering([a, b], records);

    // A resolves a newcomer, B splits an entity (new ids) before it has read it, and A stops
    // while it holds the claim (as a node stopped mid-commit leaves it)
    await putFixtures(a.mosaic, [person('p8', 'Chidi Okonkwo', '1979-02-09')]);
    await a.projections.follower.catchUp();
    const given = a.projections.entities.entityOf(rec('p8'));
    await b.projections.entities.judge(rec('p4'), rec('p5'), 'not_same', UserId('fedpol.analyst'));
    expect(await a.mosaic.store.createDocument({ kind: 'entity-judging', id: 'entities', owner: 'resolution', body: { claim: 'stopped', by: 'resolution' } })).toBe(true);
    running.splice(running.indexOf(a), 1);
    a.projections.stop();
    await a.mosaic.close();

    // B waits for the claim until it is stale (unwritten for a minute: the clock moved), takes it over,
    // reads the newcomer A resolved and another, and resolves the other alone
    await putFixtures(b.mosaic, [person('p9', 'Inês Ferreira', '1993-12-30')]);
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 200_000);
    await b.projections.follower.catchUp();
    vi.restoreAllMocks();
    const all = [...records, rec('p8'), rec('p9')];
    expect(b.projections.entities.entityOf(rec('p8'))).toBe(given);
    expect(b.projections.entities.entityOf(rec('p9'))).not.toBe(given);
    // as stored, and on a node started now
    expect(await storedEntities(b, all)).toEqual(entitiesOn(b, all));
    const c = await startNode(open);
    expectOneNumbering([b, c], all);
    expect(new Set(all.map((r) => c.projections.entities.entityOf(r))).size).toBe(new Set(all.map((r) => b.projections.entities.entityOf(r))).size);
  });

  it.runIf(postgres)('are the stored ones on a node further behind than the outcomes kept', async () => {
    const open = sharedStore();
    const [storeA, storeB] = [await open(), await open()];
    const [a, b] = [await createEntityProjection(storeA.store, { keptOutcomes: 2 }), await createEntityProjection(storeB.store, { keptOutcomes: 2 })];
    closing.push(async () => {
      for (const entities of [a, b]) entities.stop();
      for (const mosaic of [storeA, storeB]) await mosaic.close();
    });
    const [feedA, feedB] = [followChanges(storeA.store, [a]), followChanges(storeB.store, [b])];
    await putFixtures(storeA, PERSONS);
    await feedA.catchUp();
    await feedB.catchUp();

    // while B reads nothing, A splits an entity (new ids) and resolves three newcomers one by one:
    // four outcomes, of which the store keeps the newest two
    await a.judge(rec('p4'), rec('p5'), 'not_same', UserId('fedpol.analyst'));
    for (const newcomer of [person('p8', 'Chidi Okonkwo', '1979-02-09'), person('p9', 'Inês Ferreira', '1993-12-30'), person('p10', 'Ana Lucía Gómez', '1988-08-08')]) {
      await putFixtures(storeA, [newcomer]);
      await feedA.catchUp();
    }
    expect(await storeA.store.listDocuments('entity-outcome', { limit: 100 })).toHaveLength(2);

    // B resolves everything again from the stored entities, and takes their ids
    await feedB.catchUp();
    const all = [...PERSONS.map((p) => rec(String(p['id']))), rec('p8'), rec('p9'), rec('p10')];
    const on = (entities: typeof a): Record<string, EntityId | undefined> => Object.fromEntries(all.map((r) => [r, entities.entityOf(r)]));
    expect(on(b)).toEqual(on(a));
    expect(on(a)[rec('p4')]).not.toBe(on(a)[rec('p5')]);
    const stored = new Map((await storeA.store.listDocuments('entity-member', { limit: 1000 })).map((d) => [d.id, d.subject as EntityId]));
    expect(Object.fromEntries(all.map((r) => [r, stored.get(r)]))).toEqual(on(a));
  });
});
