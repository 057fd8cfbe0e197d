import { describe, expect, it } from 'vitest';
import { KINSHIP_INVERSES, hasInverse, inverseRelation } from './relation-inverse.ts';
import { schemata } from './schema.ts';

describe('a relation read from its other end', () => {
  it('names the source by its gender where it is known', () => {
    expect(['male', 'female', undefined].map((g) => inverseRelation('brother', g))).toEqual(['brother', 'sister', 'sibling']);
    expect(['male', 'female', 'unknown'].map((g) => inverseRelation('father', g))).toEqual(['son', 'daughter', 'child']);
    expect(['male', 'female', 'other'].map((g) => inverseRelation('daughter', g))).toEqual(['father', 'mother', 'parent']);
    expect(inverseRelation('niece', 'female')).toBe('aunt');
  });

  it('reads spouse, cousin, an associate and a role the same from both ends', () => {
    expect(['spouse', 'cousin', 'associate', 'travelled with', 'leader', 'friend'].map((w) => inverseRelation(w, 'male'))).toEqual(['spouse', 'cousin', 'associate', 'travelled with', 'leader', 'friend']);
  });

  it('reads an edge label back by its counterpart, both ways', () => {
    expect(['owns', 'member of', 'works for', 'lives at', 'called'].map((w) => inverseRelation(w))).toEqual(['owned by', 'has member', 'employs', 'home of', 'called by']);
    expect(inverseRelation('owned by')).toBe('owns');
  });

  it('knows the kinship words and the verbs of a pair, not a role or a free-text relationship', () => {
    expect(['brother', 'spouse', 'owns', 'owned by', 'member of'].every(hasInverse)).toBe(true);
    expect(['leader', 'financier', 'travelled with', 'friend', 'toString'].some(hasInverse)).toBe(false);
  });

  it('has an inverse for every relationship of the Family schema', () => {
    const relationship = schemata().get('Family')?.properties.get('relationship');
    expect(Object.keys(KINSHIP_INVERSES).sort()).toEqual([...(relationship?.values ?? [])].sort());
  });
});
