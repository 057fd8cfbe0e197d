import { describe, expect, it } from 'vitest';
import { compareRecords, kindMismatch } from './compare-records.ts';

const named = (schema: string, name: string) => ({ schema, properties: { name: [name] } });

describe('kindMismatch', () => {
  it('refuses a pair across kinds in a judgement\'s words, said of b\'s schema', () => {
    // the matcher alone calls them one: names are all it reads across kinds
    expect(compareRecords(named('Person', 'Mira Vandersteen'), named('Organization', 'Mira Vandersteen')).match).toBe(true);
    expect(kindMismatch(named('Person', 'Mira Vandersteen'), named('Organization', 'Mira Vandersteen')))
      .toEqual({ field: 'schema', reason: 'a Organization cannot be the same as a Person' });
    expect(kindMismatch({ schema: 'Organization' }, { schema: 'Person' })).toEqual({ field: 'schema', reason: 'a Person cannot be the same as a Organization' });
    expect(kindMismatch({ schema: 'Person' }, { schema: 'Vehicle' })).toEqual({ field: 'schema', reason: 'a Vehicle cannot be the same as a Person' });
  });

  it('lets through two of one resolution group, or of one schema resolution leaves alone', () => {
    expect(kindMismatch({ schema: 'Person' }, { schema: 'Person' })).toBeUndefined();
    expect(kindMismatch({ schema: 'Organization' }, { schema: 'Organization' })).toBeUndefined();
    // organisation-like schemata are one group (Company, PublicBody… as FtM has them)
    expect(kindMismatch({ schema: 'Company' }, { schema: 'Organization' })).toBeUndefined();
    expect(kindMismatch({ schema: 'Vehicle' }, { schema: 'Vehicle' })).toBeUndefined();
  });
});
