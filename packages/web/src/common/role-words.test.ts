import { describe, expect, it } from 'vitest';
import { ROLES } from '../api/api-types.ts';
import { readableCode } from './readable-code.ts';
import { roleWords } from './role-words.ts';

describe('a role in words', () => {
  it('says each role the app knows in words of its own', () => {
    expect(ROLES.map(roleWords)).toEqual(['Analyst', 'Officer', 'Checkpoint officer', 'Auditor', 'Agency administrator', 'System administrator']);
  });

  it('reads a role this version does not know as its code made readable', () => {
    expect(roleWords('data_protection_officer')).toBe('Data protection officer');
    expect(roleWords('data_protection_officer')).toBe(readableCode('data_protection_officer'));
  });
});
