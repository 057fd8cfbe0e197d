import { EntityId, RecordId, validateRecord } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { startProjections } from '../projections.ts';
import { searchAuditLog } from '../audit-search.ts';
import { addFrenchPartner, clearAndReleasedToAll, failReadsOnceWritten, openTestMosaic, testProvenance } from '../testing.ts';
import { testWorldEndedAfterEach } from '../test-world.fixture.ts';
import { entityJudgements } from './entity-judgements.ts';
import { entityMerges } from './entity-merges.ts';
import { takeOutRecord } from './take-out-record.ts';

const current = testWorldEndedAfterEach();

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(current.world!.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await current.world!.mosaic.store.putRecords([v.record], { actor: 'test' });
}

const person = { name: ['Wilhelmina Oosterbroek'], birthDate: ['1971-11-03'], passportNumber: ['NL4455667'] };

/**
 * Three records of one woman, `a` and `b` of the federal police and `c` of `cOwner`, stored
 * before the entities are first resolved: one full pass makes their subject, with no merge of
 * two entities to undo.
 */
async function firstRun(cOwner = 'fedpol') {
  current.world = await openTestMosaic();
  for (const [id, owner] of [['a', 'fedpol'], ['b', 'fedpol'], ['c', cOwner]] as const) await put({ id, schema: 'Person', properties: person, provenance: testProvenance(owner) });
  current.projections = await startProjections(current.world.mosaic, { follow: false });
  const entities = current.projections.entities;
  const records = { a: RecordId('fedpol:a'), b: RecordId('fedpol:b'), c: RecordId(`${cOwner}:c`) };
  const subject = entities.entityOf(records.a)!;
  for (const record of Object.values(records)) expect(entities.entityOf(record)).toBe(subject);
  const users = await current.world.mosaic.store.listUsers();
  const as = (name: string) => ({ user: users.find((u) => u.name === name)!, purpose: 'investigation', caseRef: 'PV/2026/77' });
  return { entities, records, subject, analyst: as('fedAnalyst'), as };
}

describe('taking a record out, when the store read after it fails', () => {
  it('is still logged, naming the subject taken apart and the entities it made', async () => {
    const { entities, records, subject, analyst } = await firstRun();
    const mosaic = current.world!.mosaic;
    // the store answers until the change is written, then fails every read
    failReadsOnceWritten(mosaic, entities, 'takeOut');
    await expect(takeOutRecord(mosaic, analyst, entities, subject, records.c)).rejects.toThrow('store unavailable');
    const [out, rest] = [entities.entityOf(records.c)!, entities.entityOf(records.a)!];
    expect(out).not.toBe(rest);
    const logged = (await mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).map((e) => JSON.parse(e.body) as { action: string; reason?: string; subjects: string[] }).filter((e) => e.action === 'combination');
    expect(logged.map((e) => e.reason)).toEqual(['record taken out']);
    expect(logged[0]?.subjects).toEqual(expect.arrayContaining([subject, out, rest]));
  });
});

describe('taking a record out of a subject the first full pass made', () => {
  it('puts it apart from the rest, the old id redirecting to both, and every later run keeps it apart', async () => {
    const { entities, records, subject, analyst } = await firstRun();
    const mosaic = current.world!.mosaic;
    // the subject was made by the pass, not by a merge of two entities: there is no merge to undo
    expect(await entityMerges(mosaic, analyst, entities, subject)).toEqual({ merges: [] });

    const taken = await takeOutRecord(mosaic, analyst, entities, subject, records.c, 'another woman: a different mother\'s name');
    expect(taken.apart).toEqual([records.a, records.b]);
    const out = entities.entityOf(records.c)!;
    const rest = entities.entityOf(records.a)!;
    expect(entities.entityOf(records.b)).toBe(rest);
    expect(out).not.toBe(rest);
    expect(taken).toMatchObject({ entity: out, rest: [rest] });
    // a split: both parts under new ids, the old id leading to them
    expect([out, rest]).not.toContain(subject);
    expect([...(await entities.resolve(subject))].sort()).toEqual([out, rest].sort());
    // who decided, and why, on each pair
    const judged = await entityJudgements(mosaic, analyst, entities, rest);
    expect('judgements' in judged && judged.judgements.map((j) => `${j.a}|${j.b}|${j.verdict}|${j.by.user}|${j.note}`).sort()).toEqual([
      `${records.c}|${records.a}|not_same|fedpol.fedAnalyst|another woman: a different mother's name`,
      `${records.c}|${records.b}|not_same|fedpol.fedAnalyst|another woman: a different mother's name`,
    ]);
    const audited = (await mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).map((e) => JSON.parse(e.body) as { action: string; reason?: string; purpose?: string; caseRef?: string; records?: string[]; actor: { user: string } });
    expect(audited.filter((e) => e.reason === 'record taken out')).toEqual([expect.objectContaining({ action: 'combination', purpose: 'investigation', caseRef: 'PV/2026/77', records: [records.c, records.a, records.b], actor: expect.objectContaining({ user: 'fedpol.fedAnalyst' }) })]);
    // the entry names the subject split and the two it made: an auditor finds it by any of them
    const auditor = (await current.world!.mosaic.store.listUsers()).find((u) => u.name === 'auditor')!;
    for (const id of [subject, out, rest]) {
      const found = await searchAuditLog(mosaic, { user: auditor, purpose: 'lawfulness check', caseRef: 'DPO/1' }, { subject: EntityId(id) });
      expect(found.entries.filter((e) => e.reason === 'record taken out').map((e) => [...e.subjects])).toEqual([[subject, out, rest].sort()]);
    }

    // a full pass keeps them apart, ids kept
    await entities.rebuild();
    expect(entities.entityOf(records.c)).toBe(out);
    expect(entities.entityOf(records.a)).toBe(rest);
    // a record of the same woman arriving joins one side, and never the two together
    await put({ id: 'd', schema: 'Person', properties: person, provenance: testProvenance('fedpol') });
    await current.projections!.follower.catchUp();
    expect(entities.entityOf(records.c)).not.toBe(entities.entityOf(records.a));
    expect([out, rest]).toContain(entities.entityOf(RecordId('fedpol:d')));
    // and so does a node started afresh on the store (its first full pass from the stored entities)
    current.projections!.stop();
    current.projections = await startProjections(mosaic, { follow: false });
    expect(current.projections.entities.entityOf(records.c)).toBe(out);
    expect(current.projections.entities.entityOf(records.a)).toBe(rest);
  });

  it('judges only the records the analyst may read: one of the subject they may not see is judged nothing, and named to them nowhere', async () => {
    // intelligence shares nothing with the federal police
    const { entities, records, subject, analyst } = await firstRun('intel');
    const mosaic = current.world!.mosaic;
    const taken = await takeOutRecord(mosaic, analyst, entities, subject, records.b);
    expect(taken.apart).toEqual([records.a]);
    expect(entities.entityOf(records.b)).not.toBe(entities.entityOf(records.a));
    const judgements = (await mosaic.store.listDocuments('judgement', { limit: 100 })).map((d) => d.body as { a: string; b: string });
    expect(judgements.map((j) => [j.a, j.b].sort().join('|'))).toEqual([[records.a, records.b].sort().join('|')]);
    const audited = (await mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).map((e) => JSON.parse(e.body) as { reason?: string; records?: string[] });
    expect(audited.filter((e) => e.reason === 'record taken out').map((e) => e.records)).toEqual([[records.b, records.a]]);
    // nor can the record they may not read be the one taken out
    await expect(takeOutRecord(mosaic, analyst, entities, entities.entityOf(records.a)!, records.c)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
  });

  it('is for an analyst, of a record of the subject, which is not its only one', async () => {
    const { entities, records, subject, analyst, as } = await firstRun();
    const mosaic = current.world!.mosaic;
    await expect(takeOutRecord(mosaic, as('zoneOfficer'), entities, subject, records.c)).rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN' });
    await expect(takeOutRecord(mosaic, analyst, entities, subject, RecordId('fedpol:nobody'))).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', details: { field: 'record' } });
    await takeOutRecord(mosaic, analyst, entities, subject, records.c);
    // the id split since names no subject to take a record out of
    await expect(takeOutRecord(mosaic, analyst, entities, subject, records.a)).rejects.toMatchObject({ code: 'MOSAIC_CONFLICT' });
    await expect(takeOutRecord(mosaic, analyst, entities, entities.entityOf(records.c)!, records.c)).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT' });
  });
});

describe('taking a record out of a subject of other countries\' agencies', () => {
  it('is refused a partner abroad where a pair it would judge is two Belgian agencies\' records, and allowed for its own record', async () => {
    current.world = await openTestMosaic();
    const mosaic = current.world.mosaic;
    const partner = { user: await addFrenchPartner(mosaic), purpose: 'liaison', caseRef: 'CASE-FR1' };
    for (const [id, owner] of [['a', 'zone-north'], ['b', 'intel'], ['c', 'dgsi']] as const) await put({ id, schema: 'Person', properties: person, provenance: clearAndReleasedToAll(owner) });
    current.projections = await startProjections(mosaic, { follow: false });
    const entities = current.projections.entities;
    const [a, c] = [RecordId('zone-north:a'), RecordId('dgsi:c')];
    const subject = entities.entityOf(a)!;
    expect(entities.entityOf(c)).toBe(subject);
    // taking the zone's record out would judge it not the same as intelligence's
    await expect(takeOutRecord(mosaic, partner, entities, subject, a)).rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN', message: 'records of another country\'s agencies are judged by that country\'s analysts or their owners' });
    expect(entities.entityOf(a)).toBe(subject);
    // each pair its own record's
    const taken = await takeOutRecord(mosaic, partner, entities, subject, c);
    expect(taken.apart).toEqual([a, RecordId('intel:b')].sort());
    expect(entities.entityOf(c)).not.toBe(entities.entityOf(a));
  });
});
