import { describe, expect, it } from 'vitest';
import { otherAgencyNamed, userIdFor, userNameProblem } from './user-names.ts';

describe('a new user\'s id and name', () => {
  it('is the agency\'s id, a dot and the name, never prefixed twice', () => {
    expect(userIdFor('fedpol', 'analyst5')).toBe('fedpol.analyst5');
    expect(userIdFor('fedpol', 'fedpol.analyst5')).toBe('fedpol.analyst5');
    expect(userIdFor('zone-north', 'zone.liaison')).toBe('zone-north.zone.liaison');
  });

  it('says why a name cannot be one, upper case with the name that would do', () => {
    expect(userNameProblem('analyst5')).toBeUndefined();
    expect(userNameProblem('fedpol.an_alyst-5')).toBeUndefined();
    expect(userNameProblem('Analyst5')).toBe('must be lower case: analyst5, not Analyst5');
    for (const name of ['a', 'jean dupont', 'élise', '.analyst', 'x'.repeat(65)]) {
      expect(userNameProblem(name), name).toBe('must be 2 to 64 lower-case letters, digits, ".", "-" or "_", starting with a letter or digit');
    }
  });

  it('finds another agency\'s id a name starts with, never the agency\'s own', () => {
    const agencies = ['fedpol', 'intel', 'zone-north'];
    expect(otherAgencyNamed('fedpol', 'intel.smith', agencies)).toBe('intel');
    expect(otherAgencyNamed('fedpol', 'fedpol.smith', agencies)).toBeUndefined();
    expect(otherAgencyNamed('fedpol', 'intelsmith', agencies)).toBeUndefined();
    expect(otherAgencyNamed('intel', 'intel.smith', agencies)).toBeUndefined();
  });
});
