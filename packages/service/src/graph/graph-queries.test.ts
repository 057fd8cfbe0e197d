import type { NodeId } from '@mosaic/graph';
import { AgencyId, RecordId, validateRecord, type EntityId } from '@mosaic/model';
import { AgreementId, decide, type Decide } from '@mosaic/policy';
import { describe, expect, it } from 'vitest';
import { saveOrganisation, type Consultation } from '../organisation.ts';
import { startProjections } from '../projections.ts';
import { searchRecords } from '../record-search.ts';
import { entityOfRecord, readEntity } from '../resolution/entity-view.ts';
import { openTestMosaic, putFixtures, putTestGroup, testProvenance } from '../testing.ts';
import { testWorldEndedAfterEach } from '../test-world.fixture.ts';
import { MAX_SHARING } from './graph-projection.ts';
import { graphCentrality, graphCommunities, graphConnectors, graphExpand, graphInduced, graphPaths, graphTimeline } from './graph-queries.ts';

const current = testWorldEndedAfterEach();

describe('graph queries seeded by a record', () => {
  it('answer a record the user may not see as an id not found, even where it resolved with one they see', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    await putFixtures(current.world.mosaic, [
      { id: 'x', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'] }, provenance: testProvenance('fedpol') },
      // intelligence shares nothing with the federal police
      { id: 'z', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('intel') },
    ]);
    await current.projections.follower.catchUp();
    await current.projections.entities.settle();
    const entity = current.projections.entities.entityOf(RecordId('fedpol:x'));
    expect(current.projections.entities.entityOf(RecordId('intel:z'))).toBe(entity);
    const fed = { user: (await current.world.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    // by the record the user sees: its entity
    expect((await graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['fedpol:x' as NodeId], hops: 0 })).subgraph.nodes.map((n) => n.id)).toEqual([entity]);
    // by the hidden one: as an id that does not exist
    await expect(graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['intel:z' as NodeId], hops: 0 })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    await expect(graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['intel:nope' as NodeId], hops: 0 })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    const timeline = await graphTimeline(current.world.mosaic, fed, current.projections, { entities: ['intel:z' as NodeId] }).catch((error: unknown) => error);
    expect(JSON.stringify(timeline)).not.toContain(String(entity));
    // one hidden or unknown id among several given is not left out quietly either
    for (const other of ['intel:z', 'intel:nope']) {
      await expect(graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['fedpol:x' as NodeId, other as NodeId], hops: 1 })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
      await expect(graphTimeline(current.world.mosaic, fed, current.projections, { entities: ['fedpol:x' as NodeId, other as NodeId] })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    }
    // a window that ends before it starts, or a filter on an agency there is none of, is refused, naming the field
    const window = { since: '2024', until: '2010' };
    await expect(graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['fedpol:x' as NodeId], ...window })).rejects.toMatchObject({ code: 'MOSAIC_QUERY_REJECTED', details: { field: 'until' } });
    await expect(graphTimeline(current.world.mosaic, fed, current.projections, { entities: ['fedpol:x' as NodeId], ...window })).rejects.toMatchObject({ code: 'MOSAIC_QUERY_REJECTED', details: { field: 'until' } });
    await expect(graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['fedpol:x' as NodeId], agencies: ['fedpool'] })).rejects.toMatchObject({ code: 'MOSAIC_QUERY_REJECTED', details: { field: 'agencies' } });
    expect((await graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['fedpol:x' as NodeId], since: '2010', until: '2024', agencies: ['fedpol'] })).subgraph.nodes).toHaveLength(1);
    // who connects them: a hidden or unknown id among the given ones is not left out quietly
    for (const level of ['entity', 'record'] as const) {
      expect((await graphConnectors(current.world.mosaic, fed, current.projections, { entities: ['fedpol:x' as NodeId], level })).connectedPairs).toBe(0);
      for (const other of ['intel:z', 'intel:nope']) {
        await expect(graphConnectors(current.world.mosaic, fed, current.projections, { entities: ['fedpol:x' as NodeId, other as NodeId], level })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
      }
    }
    // communities and centrality alike: an answer about fewer nodes than given is not given
    for (const level of ['entity', 'record'] as const) {
      expect((await graphCommunities(current.world.mosaic, fed, current.projections, { nodes: ['fedpol:x' as NodeId], level })).communities).toHaveLength(1);
      for (const other of ['intel:z', 'intel:nope']) {
        const nodes = ['fedpol:x' as NodeId, other as NodeId];
        const communities = await graphCommunities(current.world.mosaic, fed, current.projections, { nodes, level }).catch((error: unknown) => error);
        const centrality = await graphCentrality(current.world.mosaic, fed, current.projections, { nodes, measure: 'degree', level }).catch((error: unknown) => error);
        expect(communities).toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: 'graph: no such entity, or not visible to you' });
        expect(centrality).toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: 'graph: no such entity, or not visible to you' });
      }
    }
  });
});

describe('graph queries seeded by an alert', () => {
  it('answer for the alert\'s subject where the user may read the alert and its subject, else as an id not found; an alert is no node', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    await putTestGroup(current.world.mosaic, 'op-x', 'fedpol');
    const ntk = { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-x'] } };
    const alert = (id: string, subject: string) => ({
      id, schema: 'Alert', provenance: testProvenance('fedpol'),
      properties: { subject: [subject], category: ['arrest'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], validFrom: ['2020-01-01'], status: ['active'] },
    });
    await putFixtures(current.world.mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') },
      { id: 'v1', schema: 'Vehicle', properties: { registrationNumber: ['1-ABC-123'], owner: ['fedpol:p1'] }, provenance: testProvenance('fedpol') },
      { id: 'p2', schema: 'Person', properties: { name: ['Xanthippe Wolkenstein'] }, provenance: testProvenance('fedpol', ntk) },
      alert('a1', 'fedpol:p1'), alert('a2', 'fedpol:p2'),
    ]);
    await current.projections.follower.catchUp();
    await current.projections.entities.settle();
    const fed = { user: (await current.world.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    for (const level of ['entity', 'record'] as const) {
      const bySubject = await graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['fedpol:p1' as NodeId], hops: 1, level });
      const byAlert = await graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['fedpol:a1' as NodeId], hops: 1, level });
      expect(byAlert, level).toEqual(bySubject);
      expect(bySubject.subgraph.nodes.map((n) => n.kind).sort(), level).toEqual(['Person', 'Vehicle']);
      // the subject is a case team's, the analyst not in it: as for the subject itself
      for (const seed of ['fedpol:a2', 'fedpol:p2']) {
        await expect(graphExpand(current.world.mosaic, fed, current.projections, { seeds: [seed as NodeId], hops: 1, level }), `${level} ${seed}`).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: 'graph: no such entity, or not visible to you' });
      }
      const member = { ...fed, user: { ...fed.user, groups: ['op-x'] as never } };
      expect((await graphExpand(current.world.mosaic, member, current.projections, { seeds: ['fedpol:a2' as NodeId], hops: 1, level })).subgraph.nodes.map((n) => n.kind), level).toEqual(['Person']);
    }
  });
});

describe('entity nodes as a user sees the parts', () => {
  it('draw each part an entity falls into for the user under the id it goes by: one joined only through a record they may not see is drawn apart, under its own id', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    // two people the federal police and the zone hold apart, until intelligence (which shares
    // nothing with the federal police) writes one record holding both
    await putFixtures(current.world.mosaic, [
      { id: 'k9', schema: 'Person', properties: { name: ['Kasimir Vandermolen'], birthDate: ['1975-06-06'], passportNumber: ['BE9990001'] }, provenance: testProvenance('zone-north') },
      { id: 'l10', schema: 'Person', properties: { name: ['Leopold Graszczyk'], birthDate: ['1966-02-17'], idNumber: ['66021712345'] }, provenance: testProvenance('fedpol') },
    ]);
    await current.projections.follower.catchUp();
    await putFixtures(current.world.mosaic, [{
      id: 'h9', schema: 'Person', provenance: testProvenance('intel'),
      properties: { name: ['Kasimir Vandermolen', 'Leopold Graszczyk'], birthDate: ['1975-06-06', '1966-02-17'], passportNumber: ['BE9990001'], idNumber: ['66021712345'] },
    }]);
    await current.projections.follower.catchUp();
    const entities = current.projections.entities;
    const live = entities.entityOf(RecordId('intel:h9'))!;
    expect([entities.entityOf(RecordId('zone-north:k9')), entities.entityOf(RecordId('fedpol:l10'))]).toEqual([live, live]);
    const drawn = async (c: Consultation, seed: string) => {
      const answer = await graphExpand(current.world!.mosaic, c, current.projections!, { seeds: [seed as NodeId], hops: 0 }).catch((error: unknown) => error);
      return 'subgraph' in (answer as object) ? (answer as Awaited<ReturnType<typeof graphExpand>>).subgraph.nodes.map((n) => `${n.id} ${n.label}`) : (answer as { code: string }).code;
    };
    // the federal police's analyst: the entity's id draws the person whose profile goes by it, and
    // the other person is drawn apart, under the id their profile goes by, by that id or by their record
    const fed = { user: (await current.world.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    const [own, other] = (await entityOfRecord(current.world.mosaic, fed, entities, RecordId('zone-north:k9'))) === live ? ['zone-north:k9', 'fedpol:l10'] : ['fedpol:l10', 'zone-north:k9'];
    const name = (record: string) => (record === 'zone-north:k9' ? 'Kasimir Vandermolen' : 'Leopold Graszczyk');
    expect(await entityOfRecord(current.world.mosaic, fed, entities, RecordId(own))).toBe(live);
    const part = await entityOfRecord(current.world.mosaic, fed, entities, RecordId(other));
    expect(part).not.toBe(live);
    expect(await drawn(fed, live)).toEqual([`${live} ${name(own)}`]);
    expect(await drawn(fed, own)).toEqual([`${live} ${name(own)}`]);
    expect(await drawn(fed, other)).toEqual([`${part} ${name(other)}`]);
    expect(await drawn(fed, part)).toEqual([`${part} ${name(other)}`]);
    // intelligence, let read the others' records here, sees the record that joins them: one entity, by either record
    const { org, agreements } = await current.world.mosaic.org();
    const full = agreements.find((a) => a.id === 'fedpol-zone')!;
    const withIntel = ['fedpol', 'zone-north'].map((owner) => ({ ...full, id: AgreementId(`${owner}-intel`), owner: AgencyId(owner), recipient: AgencyId('intel') }));
    await saveOrganisation(current.world.mosaic.store, { agencies: org.agencies, desks: org.desks, agreements: [...agreements, ...withIntel] });
    await current.world.mosaic.reloadOrg();
    const intel = { user: (await current.world.mosaic.store.findUserByName('intelAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    const one = await drawn(intel, live);
    expect(one).toEqual([expect.stringMatching(new RegExp(`^${live} `))]);
    expect([await drawn(intel, own), await drawn(intel, other)]).toEqual([one, one]);
    // the id of the part is the absorbed entity's, not drawn for a reader who sees the whole entity
    expect(await drawn(intel, part)).toBe('MOSAIC_NOT_FOUND');
  });

  it('draw the one record a user may read of an entity under the id its profile goes by, whether it is the entity\'s own or was brought by an entity it absorbed', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    const same = { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'] };
    // the federal police's record first, then intelligence's (which the two share nothing of) as
    // another person, corrected to the same one: intelligence's entity is absorbed into the police's
    await putFixtures(current.world.mosaic, [{ id: 'x', schema: 'Person', properties: same, provenance: testProvenance('fedpol') }]);
    await current.projections.follower.catchUp();
    await putFixtures(current.world.mosaic, [{ id: 'z', schema: 'Person', properties: { name: ['Zoltan Kiraly'], birthDate: ['1950-01-01'] }, provenance: testProvenance('intel') }]);
    await current.projections.follower.catchUp();
    const entities = current.projections.entities;
    const [survivor, absorbed] = [entities.entityOf(RecordId('fedpol:x'))!, entities.entityOf(RecordId('intel:z'))!];
    expect(survivor).not.toBe(absorbed);
    await putFixtures(current.world.mosaic, [{ id: 'z', schema: 'Person', properties: same, provenance: testProvenance('intel') }]);
    await current.projections.follower.catchUp();
    await current.projections.entities.settle();
    expect([entities.entityOf(RecordId('fedpol:x')), entities.entityOf(RecordId('intel:z'))]).toEqual([survivor, survivor]);
    const mosaic = current.world.mosaic;
    const sources = current.projections;
    // each reader sees one record: the police's the entity's own, intelligence's the one the absorbed entity brought
    for (const [name, record, id] of [['fedAnalyst', 'fedpol:x', survivor], ['intelAnalyst', 'intel:z', absorbed]] as const) {
      const c = { user: (await mosaic.store.findUserByName(name))!, purpose: 'investigation', caseRef: 'C' };
      const seed = record as string as NodeId;
      const shown = new Set<string>([
        await entityOfRecord(mosaic, c, entities, RecordId(record)),
        ...(await searchRecords(mosaic, c, { q: 'Quentin Lavigne' }, { subjects: entities })).results.flatMap((r) => r.subject?.entity ?? []),
        ...(await graphExpand(mosaic, c, sources, { seeds: [seed], hops: 1 })).subgraph.nodes.map((n) => n.id),
        ...(await graphCommunities(mosaic, c, sources, { nodes: [seed] })).communities.flatMap((community) => community.members),
        ...await graphCentrality(mosaic, c, sources, { nodes: [seed], measure: 'degree' }).then((r) => (r.converged ? r.scores.map((s) => s.node.id) : [])),
      ]);
      // one id wherever it is shown, and its profile shows the record
      expect([...shown], name).toEqual([id]);
      const profile = await readEntity(mosaic, c, entities, id as EntityId);
      expect('entity' in profile ? profile.entity.records.map((r) => r.id) : profile, name).toEqual([record]);
      // the other id names no node the reader sees, as it opens no profile of theirs
      const other = id === survivor ? absorbed : survivor;
      await expect(readEntity(mosaic, c, entities, other), name).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
      await expect(graphExpand(mosaic, c, sources, { seeds: [other as string as NodeId], hops: 0 }), name).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    }
  });

  it('link each part as the entity it was before the record the user may not see joined them: every answer is the one given before that record came', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    const person = (agency: string, id: string, name: string, properties: Record<string, string[]>) => ({ id, schema: 'Person', properties: { name: [name], ...properties }, provenance: testProvenance(agency) });
    const record = (agency: string, id: string, schema: string, properties: Record<string, string[]>) => ({ id, schema, properties, provenance: testProvenance(agency) });
    await putFixtures(current.world.mosaic, [
      person('zone-north', 'k9', 'Kasimir Vandermolen', { birthDate: ['1975-06-06'], passportNumber: ['BE9990001'] }),
      person('fedpol', 'l10', 'Leopold Graszczyk', { birthDate: ['1966-02-17'], idNumber: ['66021712345'] }),
      person('fedpol', 'p3', 'Pieter Claeys', { birthDate: ['1981-09-30'] }),
      person('zone-north', 'q4', 'Quinten Moreels', { birthDate: ['1992-12-01'] }),
      // Leopold knows Pieter; Kasimir's cousin is Quinten; the federal police tie Kasimir to Leopold
      record('fedpol', 'as1', 'Associate', { person: ['l10'], associate: ['p3'], startDate: ['2019-03'] }),
      record('zone-north', 'fa1', 'Family', { person: ['k9'], relative: ['q4'], relationship: ['cousin'] }),
      record('fedpol', 'ax', 'Associate', { person: ['zone-north:k9'], associate: ['l10'], startDate: ['2020'] }),
      record('fedpol', 's1', 'Sighting', { person: ['l10'], date: ['2021-05-04'], place: ['E19 Meer'] }),
    ]);
    await current.projections.follower.catchUp();
    await current.projections.entities.settle();
    const entities = current.projections.entities;
    const [k, l, p, q] = ['zone-north:k9', 'fedpol:l10', 'fedpol:p3', 'zone-north:q4'].map((r) => entities.entityOf(RecordId(r))! as string as NodeId) as [NodeId, NodeId, NodeId, NodeId];
    expect(new Set([k, l, p, q]).size).toBe(4);
    const fed = { user: (await current.world.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    const mosaic = current.world.mosaic;
    const sources = current.projections;
    const byId = <T extends { readonly id: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const drawing = (s: { readonly nodes: readonly { readonly id: string }[]; readonly edges: readonly { readonly id: string }[] }) => ({ nodes: byId(s.nodes), edges: byId(s.edges) });
    /** Everything the federal analyst learns of the network around the four, by entity id and by record. */
    const everything = async () => JSON.stringify([
      drawing((await graphExpand(mosaic, fed, sources, { seeds: [k], hops: 3 })).subgraph),
      drawing((await graphExpand(mosaic, fed, sources, { seeds: [l], hops: 1 })).subgraph),
      drawing((await graphExpand(mosaic, fed, sources, { seeds: ['fedpol:l10' as NodeId, p], hops: 0 })).subgraph),
      drawing((await graphExpand(mosaic, fed, sources, { seeds: ['zone-north:k9' as NodeId], hops: 1, types: ['family'] })).subgraph),
      drawing((await graphExpand(mosaic, fed, sources, { seeds: [k], hops: 2, agencies: ['fedpol'] })).subgraph),
      await graphPaths(mosaic, fed, sources, { from: p, to: q, k: 3 }),
      await graphPaths(mosaic, fed, sources, { from: 'fedpol:l10' as NodeId, to: k }),
      await graphConnectors(mosaic, fed, sources, { entities: [p, q] }),
      await graphCommunities(mosaic, fed, sources, { nodes: [k, l, p, q] }),
      await graphCentrality(mosaic, fed, sources, { nodes: [k, l, p, q], measure: 'betweenness' }),
      await graphCentrality(mosaic, fed, sources, { nodes: [k, l, p, q], measure: 'degree' }),
      drawing(await graphInduced(mosaic, fed, sources, { nodes: [k, l, p, q] })),
      await graphTimeline(mosaic, fed, sources, { entities: [l, q] }),
    ]);
    const before = await everything();
    // the four and the three ties between them, Leopold's sighting on his timeline
    expect(before).toContain(`"id":"${l}","kind":"Person","label":"Leopold Graszczyk"`);
    expect(before).toContain('"provenance":["fedpol:ax"]');
    expect(before).toContain('"id":"fedpol:s1"');
    // intelligence (which shares nothing with the federal police) holds Kasimir and Leopold to be one,
    // and ties him to Pieter and Quinten: one entity of the two, and ties the analyst may not see
    await putFixtures(current.world.mosaic, [
      person('intel', 'h9', 'Kasimir Vandermolen', { name: ['Kasimir Vandermolen', 'Leopold Graszczyk'], birthDate: ['1975-06-06', '1966-02-17'], passportNumber: ['BE9990001'], idNumber: ['66021712345'] }),
      record('intel', 'ih1', 'Associate', { person: ['h9'], associate: ['fedpol:p3'] }),
      record('intel', 'ih2', 'Family', { person: ['zone-north:q4'], relative: ['fedpol:l10'] }),
      record('intel', 'is1', 'Sighting', { person: ['h9'], involved: ['zone-north:q4'], date: ['2021-06-01'], place: ['Zaventem'] }),
    ]);
    await current.projections.follower.catchUp();
    await current.projections.entities.settle();
    expect(entities.entityOf(RecordId('zone-north:k9'))).toBe(entities.entityOf(RecordId('fedpol:l10')));
    expect(await everything()).toBe(before);
  });
});

describe('ties through a shared identifier', () => {
  const GIVEN = ['Aline', 'Bruno', 'Cyril', 'Dora', 'Emile', 'Fanny', 'Gilles', 'Hugo', 'Irene', 'Jules', 'Karel', 'Lotte', 'Mehdi', 'Nadia', 'Otto', 'Pieter', 'Quinten', 'Rosa', 'Sven', 'Tineke'];
  const SURNAME = ['Verbeke', 'Lambrechts', 'Dufour'];
  const holder = (agency: string, i: number, n: number) => ({
    id: `p${i}`, schema: 'Person',
    properties: { name: [`${GIVEN[i % GIVEN.length]!} ${SURNAME[n]!}`], birthDate: [`19${60 + i}-0${1 + (i % 9)}-1${i % 10}`], phone: ['+32 470 55 66 77'] },
    provenance: testProvenance(agency),
  });

  it('are cut only when the viewer sees more than the bound of its holders, whatever they may not see', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    // 3 federal, 18 local and 19 intelligence records hold one phone: 40 holders in all
    await putFixtures(current.world.mosaic, [
      ...[0, 1, 2].map((i) => holder('fedpol', i, 0)),
      ...Array.from({ length: 18 }, (_, i) => holder('zone-north', i, 1)),
      ...Array.from({ length: 19 }, (_, i) => holder('intel', i, 2)),
    ]);
    await current.projections.follower.catchUp();
    await current.projections.entities.settle();
    expect(MAX_SHARING).toBeLessThan(21);
    expect(MAX_SHARING).toBeGreaterThanOrEqual(19);
    const as = async (name: 'fedAnalyst' | 'intelAnalyst') => ({ user: (await current.world!.mosaic.store.findUserByName(name))!, purpose: 'investigation', caseRef: 'C' });
    const phoneTies = async (name: 'fedAnalyst' | 'intelAnalyst', seed: string, level: 'record' | 'entity') =>
      (await graphExpand(current.world!.mosaic, await as(name), current.projections!, { seeds: [seed as NodeId], hops: 1, level })).subgraph.edges.filter((e) => e.type === 'shared-phone').length;
    for (const level of ['record', 'entity'] as const) {
      // intelligence sees its 19 holders only: they are tied (each to each), as if the others did not exist
      expect(await phoneTies('intelAnalyst', 'intel:p0', level)).toBe((19 * 18) / 2);
      // the federal police see their own 3 and the local police's 18: 21 holders, too many to tie
      expect(await phoneTies('fedAnalyst', 'fedpol:p0', level)).toBe(0);
    }
  });
});

describe('ties through an identifier many records hold', () => {
  it('are counted over the holders the viewer may see: holders they may not see, however many, neither cut nor tell of themselves', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    const SYLLABLES = ['ka', 'ro', 'mi', 'tu', 'le', 'sa', 'vo', 'ni', 'de', 'po', 'ga', 'zu', 'fe', 'bi', 'ho'];
    const name = (i: number): string => `${SYLLABLES[i % 15]}${SYLLABLES[Math.floor(i / 15) % 15]}lia ${SYLLABLES[(i * 7) % 15]}${SYLLABLES[(i * 11) % 15]}rec`;
    const phone = (agency: string, id: string, given: string) => ({ id, schema: 'Person', properties: { name: [given], phone: ['+32470999111'] }, provenance: testProvenance(agency) });
    await putFixtures(current.world.mosaic, [phone('fedpol', 'a', 'Armand Delvaux'), phone('fedpol', 'b', 'Berthe Wouters')]);
    const fed = { user: (await current.world.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    const intel = { user: (await current.world.mosaic.store.findUserByName('intelAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    const secret = testProvenance('intel', { marking: { tlp: 'RED', classification: 'SECRET', releasability: ['be'] } });
    // intelligence (which shares nothing with the federal police) writes more and more records holding the number
    const hidden = async (from: number, to: number): Promise<void> => {
      const records = Array.from({ length: to - from }, (_, k) => {
        const v = validateRecord(current.world!.mosaic.registry, { ...phone('intel', `h${from + k}`, name(from + k)), provenance: secret });
        if (!v.ok) throw new Error(JSON.stringify(v.errors));
        return v.record;
      });
      await current.world!.mosaic.store.putRecords(records, { actor: 'test' });
      await current.projections!.follower.catchUp();
      await current.projections!.entities.settle();
    };
    const tie = async (level: 'record' | 'entity') => {
      const answer = await graphPaths(current.world!.mosaic, fed, current.projections!, { from: 'fedpol:a' as NodeId, to: 'fedpol:b' as NodeId, level });
      return answer.paths.map((p) => `${p.hops} ${p.edges.map((e) => e.type).join(',')}`);
    };
    const intelTies = async () => (await graphExpand(current.world!.mosaic, intel, current.projections!, { seeds: ['intel:h0' as NodeId], hops: 1, level: 'record' })).subgraph.edges.length;
    await hidden(0, 19);
    expect(await tie('record')).toEqual(['1 shared-phone']);
    expect(await tie('entity')).toEqual(['1 shared-phone']);
    expect(await intelTies()).toBe((19 * 18) / 2);
    // 2 + 219: ten times the bound, and more than the network holds ties of
    await hidden(19, 219);
    for (const level of ['record', 'entity'] as const) expect(await tie(level), level).toEqual(['1 shared-phone']);
    expect(await intelTies()).toBe(0);
    // the federal police's own third holder: still theirs to see, with the two
    await putFixtures(current.world.mosaic, [phone('fedpol', 'c', 'Cyrille Lambotte')]);
    await current.projections.follower.catchUp();
    const around = await graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['fedpol:a' as NodeId], hops: 1, level: 'record' });
    expect(around.subgraph.nodes.map((n) => n.id).sort()).toEqual(['fedpol:a', 'fedpol:b', 'fedpol:c']);
    expect(around.subgraph.edges.map((e) => `${e.type} ${[e.source, e.target].sort().join(' ')}`).sort()).toEqual(['shared-phone fedpol:a fedpol:b', 'shared-phone fedpol:a fedpol:c', 'shared-phone fedpol:b fedpol:c']);
    // and as soon as one more than the bound is the viewer's to see, none
    await putFixtures(current.world.mosaic, Array.from({ length: MAX_SHARING - 2 }, (_, i) => phone('fedpol', `d${i}`, name(300 + i))));
    await current.projections.follower.catchUp();
    expect(await tie('record')).toEqual([]);
  }, 60_000);
});

describe('deciding on the holders of an identifier many records hold', () => {
  it('asks the policy once per marking among them, not once per holder, and answers as before', async () => {
    const asked: string[] = [];
    const counting: Decide = (user, action, resource, context) => {
      if (resource.kind === 'record') asked.push(resource.id ?? 'no id');
      return decide(user, action, resource, context);
    };
    current.world = await openTestMosaic({ decide: counting });
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    const phone = (agency: string, id: string, given: string) => ({ id, schema: 'Person', properties: { name: [given], phone: ['+32470999111'] }, provenance: testProvenance(agency) });
    await putFixtures(current.world.mosaic, [phone('fedpol', 'a', 'Armand Delvaux'), phone('fedpol', 'b', 'Berthe Wouters')]);
    // 300 holders intelligence keeps from the federal police, under three markings
    const markings = [
      { tlp: 'RED', classification: 'SECRET', releasability: ['be'] },
      { tlp: 'AMBER', classification: 'CONFIDENTIAL', releasability: ['be'] },
      { tlp: 'AMBER+STRICT', classification: 'RESTRICTED', releasability: ['ALL'] },
    ] as const;
    const records = Array.from({ length: 300 }, (_, i) => {
      const v = validateRecord(current.world!.mosaic.registry, { ...phone('intel', `h${i}`, `Holder ${i}`), provenance: testProvenance('intel', { marking: markings[i % 3]! }) });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      return v.record;
    });
    await current.world.mosaic.store.putRecords(records, { actor: 'test' });
    await current.projections.follower.catchUp();
    await current.projections.entities.settle();
    const fed = { user: (await current.world.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    for (const level of ['record', 'entity'] as const) {
      asked.length = 0;
      const answer = await graphPaths(current.world.mosaic, fed, current.projections, { from: 'fedpol:a' as NodeId, to: 'fedpol:b' as NodeId, level });
      expect(answer.paths.map((p) => p.edges.map((e) => e.type)), level).toEqual([['shared-phone']]);
      const hidden = asked.filter((id) => id.startsWith('intel:'));
      expect(hidden.length, level).toBeGreaterThan(0);
      expect(hidden.length, level).toBeLessThanOrEqual(markings.length);
    }
  }, 60_000);
});

describe('ties through the identifier a record is', () => {
  it('tie phones, documents and vehicles that hold one number, as search reads it, and through them their holders and owners', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    const thing = (agency: string, id: string, schema: string, properties: Record<string, string[]>) => ({ id, schema, properties, provenance: testProvenance(agency) });
    await putFixtures(current.world.mosaic, [
      thing('fedpol', 'jd', 'Person', { name: ['Jean Dubois'] }),
      thing('zone-north', 'hd', 'Person', { name: ['Hugo Du Bois'] }),
      thing('fedpol', 'v1', 'Vehicle', { registrationNumber: ['2-GHC-490'], owner: ['fedpol:jd'] }),
      thing('zone-north', 'v2', 'Vehicle', { registrationNumber: ['2 ghc 490'], owner: ['zone-north:hd'] }),
      thing('fedpol', 'ph1', 'Phone', { number: ['+32 470 12 34 56'], holder: ['fedpol:jd'] }),
      thing('zone-north', 'ph2', 'Phone', { number: ['0032 470 12 34 56'] }),
      thing('zone-north', 'ka', 'Person', { name: ['Karel Aerts'], phone: ['+32470123456'] }),
      thing('fedpol', 'pp1', 'Passport', { number: ['EK 778899'], holder: ['fedpol:jd'] }),
      thing('zone-north', 'id1', 'Identification', { number: ['ek778899'] }),
      thing('zone-north', 'lm', 'Person', { name: ['Lotte Maes'], passportNumber: ['EK-778899'] }),
      thing('fedpol', 'em1', 'Email', { address: ['Hugo.DuBois@example.org'] }),
      thing('zone-north', 'ot', 'Person', { name: ['Otto Tack'], email: ['hugo.dubois@example.org '], address: ['Hugo.DuBois@example.org'] }),
    ]);
    await current.projections.follower.catchUp();
    await current.projections.entities.settle();
    const fed = { user: (await current.world.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    const ties = async (seed: string) => (await graphExpand(current.world!.mosaic, fed, current.projections!, { seeds: [seed as NodeId], hops: 1, level: 'record' })).subgraph.edges
      .filter((e) => e.type.startsWith('shared-') && (e.source === seed || e.target === seed)).map((e) => `${e.type} ${[e.source, e.target].sort().join(' ')}`).sort();
    expect(await ties('fedpol:v1')).toEqual(['shared-vehicle fedpol:v1 zone-north:v2']);
    expect(await ties('fedpol:ph1')).toEqual(['shared-phone fedpol:ph1 zone-north:ka', 'shared-phone fedpol:ph1 zone-north:ph2']);
    expect(await ties('fedpol:pp1')).toEqual(['shared-document fedpol:pp1 zone-north:id1', 'shared-document fedpol:pp1 zone-north:lm']);
    // an e-mail account's address is an e-mail address, not where anyone lives
    expect(await ties('fedpol:em1')).toEqual(['shared-email fedpol:em1 zone-north:ot']);
    // the owners of one plate: owner, vehicle, the same plate, owner
    const path = await graphPaths(current.world.mosaic, fed, current.projections, { from: 'fedpol:jd' as NodeId, to: 'zone-north:hd' as NodeId, level: 'record' });
    expect(path.paths.map((p) => p.edges.map((e) => e.type).join(','))).toEqual(['ownership,shared-vehicle,ownership']);
    expect((await graphPaths(current.world.mosaic, fed, current.projections, { from: 'fedpol:jd' as NodeId, to: 'zone-north:hd' as NodeId })).paths).toHaveLength(1);
  });
});

describe('a document or a vehicle at the entity level', () => {
  it('is one node per number, each holder tied to it, under an id the user may read', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    const thing = (agency: string, id: string, schema: string, properties: Record<string, string[]>, marking?: Parameters<typeof testProvenance>[1]) => ({ id, schema, properties, provenance: testProvenance(agency, marking) });
    await putFixtures(current.world.mosaic, [
      thing('fedpol', 'jd', 'Person', { name: ['Jean Dubois'] }),
      thing('zone-north', 'hd', 'Person', { name: ['Hugo Du Bois'] }),
      thing('fedpol', 'pp1', 'Passport', { number: ['X0815742'], holder: ['fedpol:jd'] }),
      thing('zone-north', 'pp2', 'Passport', { number: ['x 0815742'], holder: ['zone-north:hd'] }),
      thing('fedpol', 'v1', 'Vehicle', { registrationNumber: ['1-ZCS-537'], owner: ['fedpol:jd'] }),
      thing('zone-north', 'v2', 'Vehicle', { registrationNumber: ['1zcs537'], owner: ['zone-north:hd'] }),
      // the federal police's own record of the passport, above the analyst's clearance: the first of its records by id
      thing('fedpol', 'a-pp0', 'Passport', { number: ['X0815742'] }, { marking: { tlp: 'RED', classification: 'TOP_SECRET', releasability: ['be'] } }),
    ]);
    await current.projections.follower.catchUp();
    await current.projections.entities.settle();
    const fed = { user: (await current.world.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    const { subgraph } = await graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['fedpol:jd' as NodeId], hops: 2 });
    const of = (kind: string) => subgraph.nodes.filter((n) => n.kind === kind);
    expect(of('Passport').map((n) => [n.id, n.label])).toEqual([['fedpol:pp1', 'X0815742']]);
    expect(of('Vehicle').map((n) => n.id)).toEqual(['fedpol:v1']);
    const jd = subgraph.nodes.find((n) => n.label === 'Jean Dubois')!.id;
    const hd = subgraph.nodes.find((n) => n.label === 'Hugo Du Bois')!.id;
    const ties = subgraph.edges.map((e) => `${e.type} ${[e.source, e.target].sort().join(' ')}`).sort();
    expect(ties).toEqual([
      `ownership ${[jd, 'fedpol:pp1'].sort().join(' ')}`, `ownership ${[jd, 'fedpol:v1'].sort().join(' ')}`,
      `ownership ${[hd, 'fedpol:pp1'].sort().join(' ')}`, `ownership ${[hd, 'fedpol:v1'].sort().join(' ')}`,
    ].sort());
    // the record the analyst may not read is neither a node nor an id, nor pointed to
    expect(JSON.stringify(subgraph)).not.toContain('a-pp0');
    // the records stay the network's nodes at the record level
    const records = await graphExpand(current.world.mosaic, fed, current.projections, { seeds: ['fedpol:pp1' as NodeId], hops: 1, level: 'record' });
    expect(records.subgraph.nodes.map((n) => n.id).sort()).toEqual(['fedpol:jd', 'fedpol:pp1', 'zone-north:pp2']);
  });
});

describe('a journey on the timeline', () => {
  it('names the countries it left and went to, by name, and how it was made', async () => {
    current.world = await openTestMosaic();
    current.projections = await startProjections(current.world.mosaic, { follow: false });
    await putFixtures(current.world.mosaic, [
      { id: 'tp', schema: 'Person', properties: { name: ['Oskar Vendelbo'] }, provenance: testProvenance('fedpol') },
      { id: 'tt', schema: 'Travel', properties: { person: ['fedpol:tp'], fromCountry: ['be'], toCountry: ['tr'], transport: ['air'], departureDate: ['2025-03-12'] }, provenance: testProvenance('fedpol') },
      { id: 'ts', schema: 'Sighting', properties: { person: ['fedpol:tp'], date: ['2025-03-01'], place: ['Antwerp'] }, provenance: testProvenance('fedpol') },
    ]);
    await current.projections.follower.catchUp();
    await current.projections.entities.settle();
    const fed = { user: (await current.world.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    const { events } = await graphTimeline(current.world.mosaic, fed, current.projections, { entities: ['fedpol:tp' as NodeId] });
    expect(events.map((e) => [e.kind, e.route])).toEqual([['Sighting', undefined], ['Travel', { from: 'Belgium', to: 'Türkiye', by: 'air' }]]);
  });
});
