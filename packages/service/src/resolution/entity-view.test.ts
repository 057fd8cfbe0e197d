import type { NodeId } from '@mosaic/graph';
import { EntityId, RecordId, validateRecord } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { graphExpand } from '../graph/graph-queries.ts';
import type { Consultation } from '../organisation.ts';
import { startProjections } from '../projections.ts';
import { addFrenchPartner, clearAndReleasedToAll, failReadsOnceWritten, openTestMosaic, testProvenance, type TestUserName } from '../testing.ts';
import { testWorldEndedAfterEach } from '../test-world.fixture.ts';
import { entityOfRecord, judgePair, readEntity, reviewPairs, type EntityAnswer } from './entity-view.ts';

const current = testWorldEndedAfterEach();

async function as(name: TestUserName): Promise<Consultation> {
  const user = (await current.world!.mosaic.store.listUsers()).find((u) => u.name === name)!;
  return { user, purpose: 'investigation', caseRef: 'CASE-E1' };
}

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(current.world!.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await current.world!.mosaic.store.putRecords([v.record], { actor: 'test' });
}

describe('readEntity', () => {
  it('does not show as one entity two records that only a record hidden from the viewer ties together', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    // The two federal police records do not meet on their own; intelligence's record, holding
    // what both hold, merges them. The federal police share nothing with intelligence.
    await put({ id: 'x', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'y', schema: 'Person', properties: { name: ['Quentin Lavigne'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'a', schema: 'Associate', properties: { person: ['y'], associate: ['x'] }, provenance: testProvenance('fedpol') });
    await current.projections.follower.catchUp();
    await put({ id: 'z', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('intel') });
    await current.projections.follower.catchUp();
    const entities = current.projections.entities;
    const merged = entities.entityOf(RecordId('fedpol:x'))!;
    expect(entities.entityOf(RecordId('fedpol:y'))).toBe(merged);

    const fed = await as('fedAnalyst');
    const shown = async (c: Consultation, anchor?: string, id = merged) => {
      const answer = await readEntity(current.world!.mosaic, c, entities, id, anchor ? { anchor: RecordId(anchor) } : {});
      if (!('entity' in answer)) throw new Error('split');
      return { records: answer.entity.records.map((r) => r.id), pointers: answer.entity.pointers.map((p) => p.agency) };
    };
    // Each federal record goes by an id of its own, and that id shows it alone, the record it came from given or not.
    const idOf = async (c: Consultation, record: string) => entityOfRecord(current.world!.mosaic, c, entities, RecordId(record));
    const [xId, yId] = [await idOf(fed, 'fedpol:x'), await idOf(fed, 'fedpol:y')];
    expect(xId).not.toBe(yId);
    expect(await shown(fed, 'fedpol:x', xId)).toEqual({ records: ['fedpol:x'], pointers: [] });
    expect(await shown(fed, 'fedpol:y', yId)).toEqual({ records: ['fedpol:y'], pointers: [] });
    expect(await shown(fed, 'fedpol:y', xId)).toEqual({ records: ['fedpol:x'], pointers: [] });
    // The zone sees both federal records and, by its agreement with intelligence, a pointer: still apart.
    const zone = await as('zoneOfficer');
    expect(await idOf(zone, 'fedpol:y')).toBe(yId);
    expect(await shown(zone, 'fedpol:y', yId)).toEqual({ records: ['fedpol:y'], pointers: ['intel'] });
    // Intelligence sees only its own record.
    expect((await shown(await as('intelAnalyst'))).records).toEqual(['intel:z']);

    // In the entity graph each federal record is a node of its own, under the id it goes by, and
    // the association between x and y is drawn between the two, as it was before intelligence's record came.
    const { subgraph } = await graphExpand(current.world.mosaic, fed, current.projections, { seeds: [merged as string as NodeId], hops: 1 });
    expect(subgraph.nodes.map((n) => n.id).sort()).toEqual([xId, yId].sort());
    expect(subgraph.edges.map((e) => ({ ends: [e.source, e.target].sort(), provenance: e.provenance }))).toEqual([{ ends: [xId, yId].sort(), provenance: ['fedpol:a'] }]);

    // Once a person judges x and y the same, they are one for everybody who may see them.
    await entities.judge(RecordId('fedpol:x'), RecordId('fedpol:y'), 'same', fed.user.id);
    const after = entities.entityOf(RecordId('fedpol:x'))!;
    const answer = await readEntity(current.world.mosaic, fed, entities, EntityId(after));
    expect('entity' in answer && answer.entity.records.map((r) => r.id)).toEqual(['fedpol:x', 'fedpol:y']);
  });

  it('shows the alerts in force on the subject that the viewer may read, most binding first, and audits them', async () => {
    current.world = await openTestMosaic({ now: () => new Date('2026-12-05T10:00:00Z') });
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    await put({ id: 'p', schema: 'Person', properties: { name: ['Ysaline Verbrugge'] }, provenance: testProvenance('fedpol') });
    const alert = (id: string, category: string, extra: Record<string, string[]> = {}, provenance: Record<string, unknown> = {}) => put({
      id, schema: 'Alert', properties: { subject: ['fedpol:p'], category: [category], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'], ...extra },
      provenance: testProvenance('fedpol', provenance),
    });
    await alert('a-discreet', 'discreet_check', {}, { marking: { tlp: 'RED', classification: 'RESTRICTED', releasability: ['be'] } });
    await alert('a-arrest', 'arrest', { validFrom: ['2026-01-01'] });
    await alert('a-withdrawn', 'specific_check', { status: ['withdrawn'] });
    await alert('a-expired', 'inquiry_check', { validUntil: ['2026-06-30'] });
    await current.projections.follower.catchUp();
    const entity = current.projections.entities.entityOf(RecordId('fedpol:p'))!;
    const alertsFor = async (name: TestUserName) => {
      const answer = await readEntity(current.world!.mosaic, await as(name), current.projections!.entities, entity, { screening: current.projections!.screening });
      if (!('entity' in answer)) throw new Error('split');
      return answer.entity.alerts.map((a) => `${a.agency} ${a.id} ${a.action} ${a.deskContact}`);
    };
    expect(await alertsFor('fedAnalyst')).toEqual(['fedpol fedpol:a-arrest ARREST +3220000001', 'fedpol fedpol:a-discreet REPORT_COVERTLY +3220000001']);
    // the zone reads the federal police's AMBER records, not its RED ones
    expect(await alertsFor('zoneOfficer')).toEqual(['fedpol fedpol:a-arrest ARREST +3220000001']);
    const audited = await current.world.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 });
    const consulted = audited.map((e) => JSON.parse(e.body) as { action: string; records?: string[] }).filter((e) => e.action === 'consultation').at(-1);
    expect(consulted?.records).toEqual(['fedpol:p', 'fedpol:a-arrest']);
    // without the screening projection, no alerts
    const plain = await readEntity(current.world.mosaic, await as('fedAnalyst'), current.projections.entities, entity);
    expect('entity' in plain && plain.entity.alerts).toEqual([]);
  });
});

describe('reviewPairs', () => {
  it('does not ask about two records that only a record hidden from the reviewer ties into one entity', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    await put({ id: 'x', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'y', schema: 'Person', properties: { name: ['Quentin Lavigne'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('fedpol') });
    // intelligence, which shares nothing with the federal police, holds what ties them
    await put({ id: 'z', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('intel') });
    await current.projections.follower.catchUp();
    await current.projections.entities.rebuild();
    const entity = current.projections.entities.entityOf(RecordId('fedpol:x'));
    expect(current.projections.entities.entityOf(RecordId('fedpol:y'))).toBe(entity);
    // the machine's queue holds the pair; the federal police's analyst is not asked it
    expect(current.projections.entities.review(20).some((item) => [item.a, item.b].sort().join() === 'fedpol:x,fedpol:y')).toBe(true);
    const { pairs } = await reviewPairs(current.world.mosaic, await as('fedAnalyst'), current.projections.entities, 20);
    expect(pairs.filter((p) => p.entityA === p.entityB)).toEqual([]);
    expect(pairs.map((p) => [p.a.id, p.b.id].sort().join())).not.toContain('fedpol:x,fedpol:y');
  });
  it('names each side of a pair by the id its part goes by for the reviewer, not by an entity a hidden record holds together', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    await put({ id: 'x', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'y', schema: 'Person', properties: { name: ['Quentin Lavigne'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'z', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('intel') });
    // a federal record the matcher is unsure of against the entity intelligence's record holds together
    await put({ id: 'w', schema: 'Person', properties: { name: ['Quentin Lavigne'] }, provenance: testProvenance('fedpol') });
    await current.projections.follower.catchUp();
    await current.projections.entities.rebuild();
    const entities = current.projections.entities;
    const merged = entities.entityOf(RecordId('fedpol:x'))!;
    expect(entities.entityOf(RecordId('fedpol:y'))).toBe(merged);
    const fed = await as('fedAnalyst');
    const { pairs } = await reviewPairs(current.world.mosaic, fed, entities, 20);
    const idOf = (id: string) => entityOfRecord(current.world!.mosaic, fed, entities, RecordId(id));
    for (const p of pairs) expect([p.entityA, p.entityB]).toEqual([await idOf(p.a.id), await idOf(p.b.id)]);
    // x and y, one entity only through intelligence's record, are two to the federal analyst
    const sideOf = (id: string) => pairs.flatMap((p) => p.a.id === id ? [p.entityA] : p.b.id === id ? [p.entityB] : []);
    expect(sideOf('fedpol:x')).toHaveLength(1);
    expect(sideOf('fedpol:y')).toHaveLength(1);
    expect(sideOf('fedpol:x')).not.toEqual(sideOf('fedpol:y'));
    // the answer to a judgement names the entities as the reviewer sees them too
    const judged = await judgePair(current.world.mosaic, fed, entities, RecordId('fedpol:x'), RecordId('fedpol:w'), 'unsure');
    expect([judged.entityA, judged.entityB]).toEqual([await idOf('fedpol:x'), await idOf('fedpol:w')]);
    expect(judged.entityA).not.toBe(await idOf('fedpol:y'));
  });
});

describe('reviewPairs, ranked on what the reviewer may see', () => {
  const fedPairs = async (limit: number): Promise<string[]> => (await reviewPairs(current.world!.mosaic, await as('fedAnalyst'), current.projections!.entities, limit)).pairs
    .map((p) => [p.a.id, p.b.id].sort().join()).filter((p) => p.startsWith('fedpol:') && p.includes(',fedpol:'));
  // two federal pairs alike: a record with a passport and a date of birth, and one with the name alone
  const aurelien = { name: ['Aurelien Dufresne'] };
  const bertille = { name: ['Bertille Vanhoof'] };
  const bertilleInFull = { ...bertille, passportNumber: ['EK200002'], birthDate: ['1979-09-23'] };
  async function twoFederalPairs(): Promise<void> {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    await put({ id: 'f1', schema: 'Person', properties: { ...aurelien, passportNumber: ['EK100001'], birthDate: ['1981-04-12'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'f2', schema: 'Person', properties: aurelien, provenance: testProvenance('fedpol') });
    await put({ id: 'g1', schema: 'Person', properties: bertilleInFull, provenance: testProvenance('fedpol') });
    await put({ id: 'g2', schema: 'Person', properties: bertille, provenance: testProvenance('fedpol') });
  }

  it('orders the pairs whatever records hidden from the reviewer their entities hold', async () => {
    await twoFederalPairs();
    await current.projections!.follower.catchUp();
    await current.projections!.entities.rebuild();
    const before = await fedPairs(20);
    expect(before).toEqual(['fedpol:f1,fedpol:f2', 'fedpol:g1,fedpol:g2']);
    // intelligence, which shares nothing with the federal police, holds three records of g1's
    // person (resolution joins them to g1) and three of other people named as f1 and f2 are (so
    // both names stay as frequent as each other, and both pairs as likely)
    for (let k = 0; k < 3; k++) {
      await put({ id: `hg${k}`, schema: 'Person', properties: bertilleInFull, provenance: testProvenance('intel') });
      await put({ id: `hf${k}`, schema: 'Person', properties: { ...aurelien, passportNumber: [`ZZ90000${k}`], birthDate: [`196${k}-01-0${k + 1}`] }, provenance: testProvenance('intel') });
    }
    await current.projections!.follower.catchUp();
    await current.projections!.entities.rebuild();
    const entities = current.projections!.entities;
    expect(entities.entityOf(RecordId('intel:hg0'))).toBe(entities.entityOf(RecordId('fedpol:g1')));
    const queued = (a: string, b: string) => entities.review(100).find((item) => [item.a, item.b].sort().join() === `${a},${b}`);
    expect(queued('fedpol:f1', 'fedpol:f2')?.probability).toBe(queued('fedpol:g1', 'fedpol:g2')?.probability);
    // the queue puts g's pair first for the four records its answer moves; for the federal police it moves two, as f's does
    expect(queued('fedpol:g1', 'fedpol:g2')!.priority).toBeGreaterThan(queued('fedpol:f1', 'fedpol:f2')!.priority);
    expect(await fedPairs(20)).toEqual(before);
    expect(await fedPairs(1)).toEqual(['fedpol:f1,fedpol:f2']);
  });

  it('reads the queue on past the pairs hidden from the reviewer to those they may see', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    await put({ id: 'f1', schema: 'Person', properties: { ...aurelien, passportNumber: ['EK100001'], birthDate: ['1981-04-12'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'f2', schema: 'Person', properties: aurelien, provenance: testProvenance('fedpol') });
    // six intelligence records of one person of that name: each with f2 is an uncertain pair
    // the queue puts first (its answer moves seven records), none the federal police may see
    for (let k = 0; k < 6; k++) await put({ id: `hf${k}`, schema: 'Person', properties: { ...aurelien, passportNumber: ['ZZ900009'], birthDate: ['1962-01-02'] }, provenance: testProvenance('intel') });
    await current.projections.follower.catchUp();
    await current.projections.entities.rebuild();
    const queue = current.projections.entities.review(100).map((item) => [item.a, item.b].sort().join());
    expect(queue.indexOf('fedpol:f1,fedpol:f2')).toBeGreaterThanOrEqual(6);
    expect(await fedPairs(1)).toEqual(['fedpol:f1,fedpol:f2']);
    expect(await fedPairs(20)).toEqual(['fedpol:f1,fedpol:f2']);
  });

  it('counts the questions the reviewer may be asked in the whole queue: past the pairs shown, none hidden from them', async () => {
    await twoFederalPairs();
    // six intelligence records of one person named as f2 is: each with f2 an uncertain pair the federal police may not see
    for (let k = 0; k < 6; k++) await put({ id: `hf${k}`, schema: 'Person', properties: { ...aurelien, passportNumber: ['ZZ900009'], birthDate: ['1962-01-02'] }, provenance: testProvenance('intel') });
    await current.projections!.follower.catchUp();
    await current.projections!.entities.rebuild();
    const queue = current.projections!.entities.review(100);
    expect(queue.filter((item) => item.a.startsWith('intel:') || item.b.startsWith('intel:')).length).toBeGreaterThan(0);
    const fed = await as('fedAnalyst');
    const first = await reviewPairs(current.world!.mosaic, fed, current.projections!.entities, 1);
    expect(first.pairs).toHaveLength(1);
    expect(first).toMatchObject({ left: 2, more: false });
    expect((await reviewPairs(current.world!.mosaic, fed, current.projections!.entities, 20)).left).toBe(2);
    // each pair says what its answer moves: the two federal records, whatever intelligence holds
    expect(first.pairs[0]?.affected).toBe(2);
    await judgePair(current.world!.mosaic, fed, current.projections!.entities, RecordId(first.pairs[0]!.a.id), RecordId(first.pairs[0]!.b.id), 'not_same');
    expect((await reviewPairs(current.world!.mosaic, fed, current.projections!.entities, 1)).left).toBe(1);
  });

  it('asks about each of two records a hidden record ties into one entity, as about records apart', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    await put({ id: 'x', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'y', schema: 'Person', properties: { name: ['Quentin Lavigne'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'w', schema: 'Person', properties: { name: ['Quentin Lavigne'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'z', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('intel') });
    await current.projections.follower.catchUp();
    await current.projections.entities.rebuild();
    const entities = current.projections.entities;
    expect(entities.entityOf(RecordId('fedpol:x'))).toBe(entities.entityOf(RecordId('fedpol:y')));
    expect(entities.entityOf(RecordId('fedpol:w'))).not.toBe(entities.entityOf(RecordId('fedpol:x')));
    // x and y are two people to the federal police: w against each is a question of its own
    expect((await fedPairs(20)).sort()).toEqual(['fedpol:w,fedpol:x', 'fedpol:w,fedpol:y']);
  });
});

describe('entity ids as a reader sees the parts', () => {
  /** Two people the federal police hold apart, until intelligence (which shares nothing with them) writes one record holding both. */
  async function twoPeopleJoinedByIntel() {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    await put({ id: 'k9', schema: 'Person', properties: { name: ['Kasimir Vandermolen'], birthDate: ['1975-06-06'], passportNumber: ['BE9990001'] }, provenance: testProvenance('zone-north') });
    await put({ id: 'l10', schema: 'Person', properties: { name: ['Leopold Graszczyk'], birthDate: ['1966-02-17'], idNumber: ['66021712345'] }, provenance: testProvenance('fedpol') });
    await current.projections.follower.catchUp();
    const entities = current.projections.entities;
    const kasimir = entities.entityOf(RecordId('zone-north:k9'))!;
    const leopold = entities.entityOf(RecordId('fedpol:l10'))!;
    expect(kasimir).not.toBe(leopold);
    await put({
      id: 'h9', schema: 'Person', provenance: testProvenance('intel'),
      properties: { name: ['Kasimir Vandermolen', 'Leopold Graszczyk'], birthDate: ['1975-06-06', '1966-02-17'], passportNumber: ['BE9990001'], idNumber: ['66021712345'] },
    });
    await current.projections.follower.catchUp();
    // resolution joins all three: one of the two ids now redirects to the other
    expect(entities.entityOf(RecordId('zone-north:k9'))).toBe(entities.entityOf(RecordId('fedpol:l10')));
    return { entities, kasimir, leopold };
  }

  const shown = (answer: EntityAnswer) => ('entity' in answer ? { id: answer.entity.id, redirectedFrom: answer.entity.redirectedFrom, records: answer.entity.records.map((r) => r.id) } : answer);

  it('keeps each record under the id of its own subject when only a hidden record joins them, and a redirect shows the old subject', async () => {
    const { entities, kasimir, leopold } = await twoPeopleJoinedByIntel();
    const fed = await as('fedAnalyst');
    expect(await entityOfRecord(current.world!.mosaic, fed, entities, RecordId('fedpol:l10'))).toBe(leopold);
    expect(await entityOfRecord(current.world!.mosaic, fed, entities, RecordId('zone-north:k9'))).toBe(kasimir);
    expect(shown(await readEntity(current.world!.mosaic, fed, entities, leopold))).toEqual({ id: leopold, redirectedFrom: undefined, records: ['fedpol:l10'] });
    expect(shown(await readEntity(current.world!.mosaic, fed, entities, kasimir))).toEqual({ id: kasimir, redirectedFrom: undefined, records: ['zone-north:k9'] });
    // intelligence sees its own record alone, under the id the entity lives on
    const live = entities.entityOf(RecordId('intel:h9'))!;
    const intel = await as('intelAnalyst');
    expect(await entityOfRecord(current.world!.mosaic, intel, entities, RecordId('intel:h9'))).toBe(live);
    expect(shown(await readEntity(current.world!.mosaic, intel, entities, live))).toEqual({ id: live, redirectedFrom: undefined, records: ['intel:h9'] });
  });

  it('shows a merge it may see as a redirect to the one entity', async () => {
    const { entities, kasimir, leopold } = await twoPeopleJoinedByIntel();
    const live = entities.entityOf(RecordId('intel:h9'))!;
    const retired = live === kasimir ? leopold : kasimir;
    // once the federal police judge their two records the same, the two are one for them too
    await entities.judge(RecordId('zone-north:k9'), RecordId('fedpol:l10'), 'same', (await as('fedAnalyst')).user.id);
    const fed = await as('fedAnalyst');
    const after = entities.entityOf(RecordId('fedpol:l10'))!;
    expect(after).toBe(live);
    expect(await entityOfRecord(current.world!.mosaic, fed, entities, RecordId('zone-north:k9'))).toBe(after);
    expect(shown(await readEntity(current.world!.mosaic, fed, entities, after))).toEqual({ id: after, redirectedFrom: undefined, records: ['fedpol:l10', 'zone-north:k9'] });
    expect(shown(await readEntity(current.world!.mosaic, fed, entities, retired))).toEqual({ id: after, redirectedFrom: retired, records: ['fedpol:l10', 'zone-north:k9'] });
  });

  it('answers a split entity with the parts the reader may see, audited; one part as a redirect, none as an unknown id', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    const person = { name: ['Zbigniew Wrzosek-Kallio'], birthDate: ['1979-03-02'], passportNumber: ['PX1234567'] };
    await put({ id: 'v1', schema: 'Person', properties: person, provenance: testProvenance('zone-north') });
    await put({ id: 'h1', schema: 'Person', properties: person, provenance: testProvenance('intel') });
    const other = { name: ['Wolfram Eisenkopf'], birthDate: ['1970-05-05'], passportNumber: ['FR7777777'] };
    await put({ id: 'h3a', schema: 'Person', properties: other, provenance: testProvenance('intel') });
    await put({ id: 'h3b', schema: 'Person', properties: other, provenance: testProvenance('intel') });
    await current.projections.follower.catchUp();
    const entities = current.projections.entities;
    const seen = entities.entityOf(RecordId('zone-north:v1'))!;
    const hidden = entities.entityOf(RecordId('intel:h3a'))!;
    expect(entities.entityOf(RecordId('intel:h1'))).toBe(seen);
    expect(entities.entityOf(RecordId('intel:h3b'))).toBe(hidden);
    const fed = await as('fedAnalyst');
    const intel = await as('intelAnalyst');
    await expect(readEntity(current.world.mosaic, fed, entities, hidden)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `entity ${hidden} not found` });

    await entities.judge(RecordId('zone-north:v1'), RecordId('intel:h1'), 'not_same', intel.user.id);
    await entities.judge(RecordId('intel:h3a'), RecordId('intel:h3b'), 'not_same', intel.user.id);
    expect(await entities.resolve(seen)).toHaveLength(2);
    expect(await entities.resolve(hidden)).toHaveLength(2);
    const consultations = async () => (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).map((e) => JSON.parse(e.body) as { action: string; actor: { user: string }; query?: { entity?: string } })
      .filter((e) => e.action === 'consultation' && e.actor.user === fed.user.id);

    // the federal police saw one record in the entity: it opens as that record's part, not as a split telling of a hidden one
    const part = entities.entityOf(RecordId('zone-north:v1'))!;
    expect(shown(await readEntity(current.world.mosaic, fed, entities, seen))).toEqual({ id: part, redirectedFrom: seen, records: ['zone-north:v1'] });
    // an entity of records hidden from them stays unknown after its split
    const before = (await consultations()).length;
    await expect(readEntity(current.world.mosaic, fed, entities, hidden)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `entity ${hidden} not found` });
    expect((await consultations()).slice(before).map((e) => e.query)).toEqual([{ entity: hidden }]);
    // intelligence sees both parts of its own entity
    expect(await readEntity(current.world.mosaic, intel, entities, hidden)).toEqual({ split: await entities.resolve(hidden) });
  });
});

describe('judgePair', () => {
  it('names the record of the pair the person may not judge, and refuses a non-analyst as forbidden', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    await put({ id: 'j1', schema: 'Person', properties: { name: ['Oriane Castelnau'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'j2', schema: 'Person', properties: { name: ['Oriane Castelnau'] }, provenance: testProvenance('intel') });
    await current.projections.follower.catchUp();
    const fed = await as('fedAnalyst');
    const judge = (c: Consultation, a: string, b: string) => judgePair(current.world!.mosaic, c, current.projections!.entities, RecordId(a), RecordId(b), 'same');
    await expect(judge(fed, 'fedpol:j1', 'fedpol:nothing')).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: 'b: no such record you may judge', details: { field: 'b' } });
    // a record hidden from them answers as a missing one
    await expect(judge(fed, 'intel:j2', 'fedpol:j1')).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: 'a: no such record you may judge', details: { field: 'a' } });
    await expect(judge(await as('zoneOfficer'), 'fedpol:j1', 'fedpol:nothing')).rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN', message: 'only analysts judge records' });
  });
});

describe('a judgement\'s audit entry', () => {
  it('names the subjects before and after, and says an undo is one, not an analyst\'s "unsure"', async () => {
    current.world = await openTestMosaic();
    await put({ id: 'u1', schema: 'Person', properties: { name: ['Ottilie Brandsma'], birthDate: ['1983-02-14'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'u2', schema: 'Person', properties: { name: ['Ottilie Brandsma-Kuiper'] }, provenance: testProvenance('fedpol') });
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    const entities = current.projections.entities;
    const [u1, u2] = [RecordId('fedpol:u1'), RecordId('fedpol:u2')];
    const apart = [entities.entityOf(u1)!, entities.entityOf(u2)!];
    expect(apart[0]).not.toBe(apart[1]);
    const fed = await as('fedAnalyst');
    await judgePair(current.world.mosaic, fed, entities, u1, u2, 'same');
    const joined = entities.entityOf(u1)!;
    expect(entities.entityOf(u2)).toBe(joined);
    await judgePair(current.world.mosaic, fed, entities, u1, u2, 'unsure', 'Undoes the judgement "the same" just made', { undoes: 'same' });
    await judgePair(current.world.mosaic, fed, entities, u1, u2, 'unsure');
    const logged = (await current.world.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).map((e) => JSON.parse(e.body) as { action: string; reason: string | null; subjects: string[] }).filter((e) => e.action === 'combination');
    expect(logged.map((e) => e.reason)).toEqual(['judgement:same', 'judgement undone:same', 'judgement:unsure']);
    // the "same" joined two subjects into one: its entry names the two and the one
    expect(logged[0]?.subjects).toEqual([...new Set([...apart, joined])].sort());
    expect(logged[1]?.subjects).toEqual([joined]);
  });
});

describe('a judgement whose store read after it fails', () => {
  it('is still logged: the entry names the subjects before it and the entities it left', async () => {
    current.world = await openTestMosaic();
    await put({ id: 'r1', schema: 'Person', properties: { name: ['Ottilie Brandsma'], birthDate: ['1983-02-14'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'r2', schema: 'Person', properties: { name: ['Ottilie Brandsma-Kuiper'] }, provenance: testProvenance('fedpol') });
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    const { mosaic } = current.world;
    const entities = current.projections.entities;
    const [r1, r2] = [RecordId('fedpol:r1'), RecordId('fedpol:r2')];
    const apart = [entities.entityOf(r1)!, entities.entityOf(r2)!];
    // the store answers until the change is written, then fails every read
    failReadsOnceWritten(mosaic, entities, 'judge');
    await expect(judgePair(mosaic, await as('fedAnalyst'), entities, r1, r2, 'same')).rejects.toThrow('store unavailable');
    const joined = entities.entityOf(r1)!;
    expect(entities.entityOf(r2)).toBe(joined);
    const logged = (await mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).map((e) => JSON.parse(e.body) as { action: string; reason: string | null; subjects: string[]; records: string[] }).filter((e) => e.action === 'combination');
    expect(logged.map((e) => [e.reason, e.records])).toEqual([['judgement:same', [r1, r2]]]);
    expect(logged[0]?.subjects).toEqual([...new Set([...apart, joined])].sort());
  });
});

describe('who may judge a pair: an owner of one record, or an analyst of the country of both', () => {
  const aurelien = { name: ['Aurelien Dufresne'] };
  const bertille = { name: ['Bertille Vanhoof'] };
  // a pair of two Belgian agencies' records, and a pair of the partner's record and a Belgian one
  async function twoPairs(): Promise<Consultation> {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    const partner = { user: await addFrenchPartner(current.world.mosaic), purpose: 'liaison', caseRef: 'CASE-FR1' };
    await put({ id: 'b1', schema: 'Person', properties: { ...aurelien, passportNumber: ['EK100001'], birthDate: ['1981-04-12'] }, provenance: clearAndReleasedToAll('zone-north') });
    await put({ id: 'b2', schema: 'Person', properties: aurelien, provenance: clearAndReleasedToAll('intel') });
    await put({ id: 'p1', schema: 'Person', properties: { ...bertille, passportNumber: ['EK200002'], birthDate: ['1979-09-23'] }, provenance: clearAndReleasedToAll('dgsi') });
    await put({ id: 'p2', schema: 'Person', properties: bertille, provenance: clearAndReleasedToAll('zone-north') });
    await current.projections.follower.catchUp();
    await current.projections.entities.rebuild();
    return partner;
  }
  const judge = async (c: Consultation, a: string, b: string) => judgePair(current.world!.mosaic, c, current.projections!.entities, RecordId(a), RecordId(b), 'same');
  const queued = async (c: Consultation) => (await reviewPairs(current.world!.mosaic, c, current.projections!.entities, 20)).pairs.map((p) => [p.a.id, p.b.id].sort().join());

  it('refuses a partner abroad a pair of two Belgian agencies\' records it may read, saying why, and judges nothing', async () => {
    const partner = await twoPairs();
    const entities = current.projections!.entities;
    const apart = [entities.entityOf(RecordId('zone-north:b1')), entities.entityOf(RecordId('intel:b2'))];
    expect(apart[0]).not.toBe(apart[1]);
    await expect(judge(partner, 'zone-north:b1', 'intel:b2')).rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN', message: 'records of another country\'s agencies are judged by that country\'s analysts or their owners' });
    expect([entities.entityOf(RecordId('zone-north:b1')), entities.entityOf(RecordId('intel:b2'))]).toEqual(apart);
    const logged = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).map((e) => JSON.parse(e.body) as { action: string }).filter((e) => e.action === 'combination');
    expect(logged).toEqual([]);
  });

  it('lets the partner judge a pair holding its own record, and a Belgian analyst a pair of two other Belgian agencies', async () => {
    const partner = await twoPairs();
    const entities = current.projections!.entities;
    await judge(partner, 'dgsi:p1', 'zone-north:p2');
    expect(entities.entityOf(RecordId('dgsi:p1'))).toBe(entities.entityOf(RecordId('zone-north:p2')));
    await judge(await as('fedAnalyst'), 'zone-north:b1', 'intel:b2');
    expect(entities.entityOf(RecordId('zone-north:b1'))).toBe(entities.entityOf(RecordId('intel:b2')));
  });

  it('lists in a reviewer\'s queue only the pairs they may judge', async () => {
    const partner = await twoPairs();
    // the French record's pair is its owner's and the zone's to judge, not a third agency's
    expect(await queued(await as('fedAnalyst'))).toEqual(['intel:b2,zone-north:b1']);
    expect(await queued(partner)).toEqual(['dgsi:p1,zone-north:p2']);
    expect((await reviewPairs(current.world!.mosaic, partner, current.projections!.entities, 20)).left).toBe(1);
  });
});
