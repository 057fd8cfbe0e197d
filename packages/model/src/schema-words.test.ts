import { describe, expect, it } from 'vitest';
import { schemata } from './schema.ts';
import { aSchema, propertyWords, schemaWords } from './schema-words.ts';

describe('a schema in words', () => {
  const registry = schemata();

  it('is its label in lower case, with its article for one record of it', () => {
    expect(schemaWords(registry, 'LegalEntity')).toBe('legal entity');
    expect(aSchema(registry, 'Organization')).toBe('an organisation');
    expect(aSchema(registry, 'ConflictReturn')).toBe('a return from a conflict zone');
    expect(propertyWords(registry, 'Person', 'birthDate')).toBe('date of birth');
  });

  it('reads a name the model does not hold as the name made readable', () => {
    expect(aSchema(registry, 'MoneyTransfer')).toBe('a money transfer');
    expect(propertyWords(registry, 'Person', 'shoeSize')).toBe('shoe size');
  });
});
