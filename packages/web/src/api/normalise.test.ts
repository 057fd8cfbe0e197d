import { describe, expect, it } from 'vitest';
import { entityProfileOf } from './normalise.ts';

describe('entityProfileOf', () => {
  it('keeps the parts of an id split since, the answer holding nothing else', () => {
    const profile = entityProfileOf({ split: ['e41', 'e42'] });
    expect(profile.split).toEqual(['e41', 'e42']);
    expect(profile.records).toEqual([]);
  });

});
