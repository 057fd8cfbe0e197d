import { describe, expect, it } from 'vitest';
import { entityProfileOf, timelineOf } from './normalise.ts';

describe('entityProfileOf', () => {
  it('keeps the parts of an id split since, the answer holding nothing else', () => {
    const profile = entityProfileOf({ split: ['e41', 'e42'] });
    expect(profile.split).toEqual(['e41', 'e42']);
    expect(profile.records).toEqual([]);
    expect(profile.redirectedFrom).toBeUndefined();
  });

  it('keeps the id asked for when a merge absorbed it into the entity answered', () => {
    const profile = entityProfileOf({ entity: { id: 'e7', redirectedFrom: 'e5', schema: 'Person', caption: 'Heikki Aho', properties: {}, records: [], pointers: [], alerts: [] } });
    expect(profile).toMatchObject({ id: 'e7', redirectedFrom: 'e5', caption: 'Heikki Aho' });
    expect(profile.split).toBeUndefined();
  });

  it('names no redirect for an entity read by its own id', () => {
    expect('redirectedFrom' in entityProfileOf({ entity: { id: 'e7', schema: 'Person', caption: 'Heikki Aho' } })).toBe(false);
  });
});

describe('timelineOf', () => {
  it('keeps where an event happened', () => {
    const [event] = timelineOf({ events: [{ id: 'fedpol:s1', kind: 'Sighting', date: '2014-12-18', place: 'Zaventem', provenance: ['fedpol:s1'] }], undated: [] });
    expect(event?.place).toBe('Zaventem');
  });
});
