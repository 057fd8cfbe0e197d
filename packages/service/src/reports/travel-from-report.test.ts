/**
 * A journey a report tells becomes the Travel record the store keeps travel in, once its traveller
 * is confirmed: a country needs no decision, a town is confirmed first; the date is the
 * sentence's, not the traveller's birth date. A relation the records have no form for says so in
 * words. Every name is invented.
 */
import { extract } from '@mosaic/extract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../organisation.ts';
import { openTestMosaic, type TestMosaic } from '../testing.ts';
import { readReport } from './read-report.ts';
import { noFormNote } from './relation-forms.ts';
import { confirmEntity, rejectEntity } from './review-report.ts';
import { journeyOf, transportOf, travelDateOf } from './travel-from-report.ts';
import { uploadReport } from './upload-report.ts';

const PROVENANCE = { source: 'observation note', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', releasability: ['be'] }, handling: 'H1', reviewDate: '2033-01-01' };
const TEXT = [
  'Observation note: KAMIL OSTRAVSKI',
  'KAMIL OSTRAVSKI, born 3 May 1988, travelled by air from Belgium to Turkey on 12 March 2025.',
  'On 2 April 2025 he drove from Lille to Ghent.',
].join('\n');

let world: TestMosaic;
let fed: Consultation;

beforeAll(async () => {
  world = await openTestMosaic();
  fed = { user: (await world.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'report review', caseRef: 'CASE-T1' };
});

afterAll(async () => {
  await world.cleanup();
});

describe('a journey in a sentence', () => {
  const { entities, relations } = extract(TEXT);
  const first = relations.findIndex((r) => r.type === 'travelled_from');

  it('is its relations of one traveller in one sentence, "from" and "to" together', () => {
    const journey = journeyOf(relations, first);
    expect(journey.map((i) => relations[i]!.type)).toEqual(['travelled_from', 'travelled_to']);
    expect(journeyOf(relations, journey[1]!)).toEqual(journey);
  });

  it('is dated by the sentence\'s date, not the traveller\'s birth date, and made the way the sentence says', () => {
    const relation = relations[first]!;
    expect(travelDateOf(entities, relation, entities.find((e) => e.id === relation.target))).toBe('2025-03-12');
    expect(transportOf(relation.evidence.sentence)).toBe('air');
    expect(transportOf('On 2 April 2025 he drove from Lille to Ghent.')).toBe('road');
    expect(transportOf('He went to Ghent.')).toBeUndefined();
  });
});

describe('a journey told in French or Dutch', () => {
  const journeyIn = (text: string) => {
    const { entities, relations } = extract(text);
    const to = relations.find((r) => r.type === 'travelled_to');
    if (to === undefined) throw new Error('no journey found');
    return { to, date: travelDateOf(entities, to, entities.find((e) => e.id === to.target)), transport: transportOf(to.evidence.sentence) };
  };

  it('is dated by the sentence and made the way the sentence says, the birth date left aside', () => {
    expect(journeyIn('Le 14 février 2015, Salomé VERDIÈRE, née le 5 juin 1991, s\'est rendue en Syrie par avion.')).toMatchObject({ date: '2015-02-14', transport: 'air' });
    expect(journeyIn('Gaspard OUAZZANI a voyagé en voiture de la Belgique vers la Turquie le 2 mai 2015.')).toMatchObject({ date: '2015-05-02', transport: 'road' });
    expect(journeyIn('Joris VERBRUGGEN reisde met de trein naar Duitsland op 3 juli 2016.')).toMatchObject({ date: '2016-07-03', transport: 'train' });
    expect(transportOf('Le 9 octobre 2016, Gaspard OUAZZANI est revenu de Turquie par la route.')).toBe('road');
    expect(transportOf('Gaspard OUAZZANI est revenu de Turquie.')).toBeUndefined();
  });
});

describe('confirming the traveller of a report', () => {
  it('records the journey to and from countries as a Travel of the confirmed person, with its date, the sentence and the report', async () => {
    const uploaded = await uploadReport(world.mosaic, fed, { text: TEXT, collection: 'travel', provenance: PROVENANCE });
    if (!uploaded.ok) throw new Error('not uploaded');
    const report = uploaded.report.id;
    const entity = (name: string) => uploaded.extraction.entities.find((e) => e.name === name)!;
    const before = await readReport(world.mosaic, fed, report);
    const travelled = before.view!.relations.filter((r) => r.type.startsWith('travelled'));
    expect(travelled.map((r) => r.recordable)).toEqual([true, true, true, true]);

    const person = await confirmEntity(world.mosaic, fed, report, entity('Kamil Ostravski').id, {});
    if (!person.ok) throw new Error(JSON.stringify(person.errors));
    // Belgium and Turkey need no decision: one journey, one record; Lille and Ghent wait for theirs
    expect(person.relations).toHaveLength(1);
    const travel = (await world.mosaic.store.getRecord(person.relations[0]!))!.record;
    expect(travel.schema).toBe('Travel');
    expect(travel.properties).toMatchObject({
      person: [person.record.id], fromCountry: ['be'], toCountry: ['tr'], departureDate: ['2025-03-12'], transport: ['air'],
      summary: ['KAMIL OSTRAVSKI, born 3 May 1988, travelled by air from Belgium to Turkey on 12 March 2025.'], proof: [report],
    });
    expect(travel.provenance).toMatchObject({ agency: 'fedpol', source: 'observation note' });
    const after = await readReport(world.mosaic, fed, report);
    const states = after.view!.relations.filter((r) => r.type.startsWith('travelled')).map((r) => [r.status, r.record]);
    expect(states).toEqual([['confirmed', travel.id], ['confirmed', travel.id], ['proposed', undefined], ['proposed', undefined]]);

    // the town confirmed, the town's journey is recorded; the other town rejected, it is left out
    await rejectEntity(world.mosaic, fed, report, entity('Lille').id);
    const ghent = await confirmEntity(world.mosaic, fed, report, entity('Ghent').id, {});
    if (!ghent.ok) throw new Error(JSON.stringify(ghent.errors));
    expect(ghent.relations).toHaveLength(1);
    const road = (await world.mosaic.store.getRecord(ghent.relations[0]!))!.record;
    expect(road.properties).toMatchObject({ person: [person.record.id], toCountry: ['be'], place: ['Ghent'], departureDate: ['2025-04-02'], transport: ['road'] });
    expect(road.properties['fromCountry']).toBeUndefined();
  });

  it('says in words why a relation the records have no form for is not recorded', async () => {
    const uploaded = await uploadReport(world.mosaic, fed, { text: 'Lund, 4 May 2025. Elsa Vikander lived in Norway.', collection: 'travel', provenance: PROVENANCE });
    if (!uploaded.ok) throw new Error('not uploaded');
    const view = (await readReport(world.mosaic, fed, uploaded.report.id)).view!;
    const lived = view.relations.find((r) => r.type === 'lived_in');
    expect(lived?.recordable).toBe(false);
    expect(noFormNote('lived_in', 'Person', 'Country')).toBe('The records have no form for “lived in” between a person and a country: it stays in the report\'s text.');
    expect(noFormNote('met', 'Person', 'Address')).toBe('The records have no form for “met” between a person and an address: it stays in the report\'s text.');
  });
});
