import { describe, expect, it } from 'vitest';
import { propertyLabel, schemaLabel } from './schema-words.ts';
import type { SchemaInfo } from './use-schemata.ts';

const person: SchemaInfo = {
  name: 'Person', label: 'Person',
  properties: [{ name: 'firstName', label: 'First name', type: 'name' }, { name: 'idNumber', label: 'ID number', type: 'identifier' }],
};
const travel: SchemaInfo = { name: 'ConflictReturn', label: 'Return from a conflict zone', properties: [] };
const schemata = new Map([[person.name, person], [travel.name, travel]]);

describe('schemata and properties in words', () => {
  it("gives a property the model's label", () => {
    expect(propertyLabel(person, 'firstName')).toBe('First name');
    expect(propertyLabel(person, 'idNumber')).toBe('ID number');
  });

  it('reads a property the schema does not list, or any before the model is read, as its name made readable', () => {
    expect(propertyLabel(person, 'weakAlias')).toBe('Weak alias');
    expect(propertyLabel(undefined, 'firstName')).toBe('First name');
  });

  it("gives a schema the model's label, and one it does not know its name made readable", () => {
    expect(schemaLabel(schemata, 'ConflictReturn')).toBe('Return from a conflict zone');
    expect(schemaLabel(schemata, 'BorderCrossing')).toBe('Border crossing');
    expect(schemaLabel(undefined, 'ConflictReturn')).toBe('Conflict return');
  });
});
