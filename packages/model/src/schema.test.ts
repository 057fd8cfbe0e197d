import { describe, expect, it } from 'vitest';
import { buildSchemaRegistry, schemata } from './schema.ts';

describe('schemata', () => {
  const registry = schemata();

  it('loads every shipped schema with inheritance', () => {
    const person = registry.get('Person');
    expect(person?.lineage).toEqual(['Person', 'LegalEntity', 'Thing']);
    expect(person?.properties.get('name')?.matchable).toBe(true);
    expect(person?.properties.get('firstName')?.matchable).toBe(false);
    expect(person?.properties.get('firstName')?.why).toMatch(/full name/);
    expect(registry.isA('Passport', 'Identification')).toBe(true);
    expect(registry.isA('Person', 'Organization')).toBe(false);
  });

  it('declares the edge of every relationship schema', () => {
    for (const name of ['Family', 'Associate', 'Membership', 'Ownership', 'Residence', 'Communication', 'CoTravel', 'Employment']) {
      const edge = registry.get(name)?.edge;
      expect(edge, name).toBeDefined();
    }
    expect(registry.get('Membership')?.properties.get('role')?.values).toContain('leader');
  });

  it('declares events with their subjects and dates', () => {
    for (const name of ['Travel', 'Sighting', 'Arrest', 'Warrant', 'ConflictDeparture', 'ConflictReturn']) {
      expect(registry.get(name)?.event?.subjects.length, name).toBeGreaterThan(0);
    }
    expect(registry.get('Travel')?.event?.start).toBe('departureDate');
  });

  it('has no property that would match on religion or ethnicity', () => {
    const forbidden = /religio|ethnic|race|faith/i;
    for (const schema of registry.all()) {
      for (const prop of schema.properties.values()) expect(prop.name).not.toMatch(forbidden);
    }
  });

  it('refuses broken definitions when loading', () => {
    expect(() => buildSchemaRegistry([{ name: 'x', properties: {} }])).toThrow(/PascalCase/);
    expect(() => buildSchemaRegistry([{ name: 'Alpha', extends: ['Beta'], properties: {} }])).toThrow(/Beta: is referenced but not defined/);
    expect(() => buildSchemaRegistry([{ name: 'Alpha', properties: { x: { type: 'colour', label: 'X' } } }])).toThrow(/unknown type/);
    expect(() => buildSchemaRegistry([{ name: 'Alpha', extends: ['Alpha'], properties: {} }])).toThrow(/inherits from itself/);
    expect(() => buildSchemaRegistry([{ name: 'Alpha', properties: { p: { type: 'string', label: 'P' } }, edge: { source: 'p', target: 'p' } }])).toThrow(/edge endpoints/);
  });
});
