import { describe, expect, it } from 'vitest';
import { recordReferences } from './record-references.ts';
import { schemata } from './schema.ts';
import { validateRecord } from './validate-record.ts';

const provenance = {
  agency: 'fedpol', source: 'case-mgmt', reliability: 'B', credibility: 2,
  marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['BE'] },
  handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'Police Act art. 44', reviewDate: '2029-01-01',
};

describe('recordReferences', () => {
  const registry = schemata();
  const validated = (raw: unknown) => {
    const result = validateRecord(registry, raw);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.record;
  };

  it('names each entity property value as the agency-scoped id it is stored under, with its property', () => {
    const family = validated({ id: 'f1', schema: 'Family', properties: { person: ['p1'], relative: ['bka:p2'], relationship: ['brother'] }, provenance });
    expect(recordReferences(registry, family)).toEqual([{ field: 'person', id: 'fedpol:p1' }, { field: 'relative', id: 'bka:p2' }]);
    const vehicle = validated({ id: 'v1', schema: 'Vehicle', properties: { registrationNumber: ['1-ABC-123'], owner: ['p1'] }, provenance });
    expect(recordReferences(registry, vehicle)).toEqual([{ field: 'owner', id: 'fedpol:p1' }]);
  });

  it('names nothing for a record without entity properties', () => {
    expect(recordReferences(registry, validated({ id: 'p1', schema: 'Person', properties: { name: ['Jan Peeters'] }, provenance }))).toEqual([]);
  });
});
