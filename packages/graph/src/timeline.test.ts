import { describe, expect, it } from 'vitest';
import { RecordId } from '@mosaic/model';
import { places, type PlaceItem } from './places.ts';
import { timeline, type TimelineItem } from './timeline.ts';
import { id } from './test-fixtures.ts';

const event = (key: string, date: string, entities: string[], extra: Partial<TimelineItem> = {}): TimelineItem => ({
  id: key,
  date,
  entities: entities.map(id),
  kind: 'sighting',
  provenance: [RecordId(`agency-a:${key}`)],
  ...extra,
});

describe('timeline', () => {
  const items = [
    event('e4', '2016-03-18', ['p1']),
    event('e1', '2015', ['p1', 'p2']),
    event('e2', '2015-11-13', ['p2']),
    event('e3', '2015-11', ['p3']),
    event('e5', 'unknown', ['p1']),
    event('e6', '2015-11-13', ['p1'], { kind: 'secret' }),
  ];

  it('sorts the events of the given entities, less precise dates first, with provenance', () => {
    const result = timeline(items, { entities: [id('p1'), id('p2')] });
    expect(result.entries.map((entry) => entry.item.id)).toEqual(['e1', 'e2', 'e6', 'e4']);
    expect(result.entries[0]?.entities).toEqual(['p1', 'p2']);
    expect(result.entries[0]?.item.provenance).toEqual(['agency-a:e1']);
    expect(result.undated.map((entry) => entry.item.id)).toEqual(['e5']);
  });

  it('applies the visibility predicate and the time window', () => {
    const visible = timeline(items, { entities: [id('p1'), id('p2'), id('p3')], visible: (item) => item.kind !== 'secret' });
    expect(visible.entries.map((entry) => entry.item.id)).toEqual(['e1', 'e3', 'e2', 'e4']);
    const window = timeline(items, { entities: [id('p1'), id('p2'), id('p3')], window: { from: '2015-11-14', to: '2015-12' } });
    // "2015" and "2015-11" may cover those days; "2015-11-13" may not
    expect(window.entries.map((entry) => entry.item.id)).toEqual(['e1', 'e3']);
    expect(window.undated).toEqual([]);
  });
});

describe('places', () => {
  const place = (key: string, lat: number, lon: number, entities: string[], date?: string): PlaceItem => ({
    id: key,
    lat,
    lon,
    entities: entities.map(id),
    kind: 'address',
    provenance: [RecordId(`agency-a:${key}`)],
    ...(date === undefined ? {} : { date }),
  });
  const items = [place('brussels', 50.85, 4.35, ['p1'], '2016'), place('paris', 48.86, 2.35, ['p1', 'p2'], '2015'), place('bad', 95, 0, ['p1']), place('ghent', 51.05, 3.72, ['p3'])];

  it('returns located items of the entities, sorted, with their bounds', () => {
    const result = places(items, { entities: [id('p1')] });
    expect(result.places.map((entry) => entry.item.id)).toEqual(['paris', 'brussels']);
    expect(result.bounds).toEqual({ south: 48.86, west: 2.35, north: 50.85, east: 4.35 });
    expect(result.withoutCoordinates).toBe(1);
  });

  it('applies the visibility predicate', () => {
    const result = places(items, { entities: [id('p1'), id('p3')], visible: (item) => item.id !== 'paris' });
    expect(result.places.map((entry) => entry.item.id)).toEqual(['ghent', 'brussels']);
    expect(places(items, { entities: [id('nobody')] }).bounds).toBeUndefined();
  });
});
