import { describe, expect, it } from 'vitest';
import { readableCode } from './readable-code.ts';
import { roleWords, rolesInWords } from './role-words.ts';

describe('a role in words', () => {
  it('says each role in words of its own', () => {
    expect(['analyst', 'officer', 'checkpoint_officer', 'agency_admin', 'auditor', 'sysadmin'].map(roleWords))
      .toEqual(['Analyst', 'Officer', 'Checkpoint officer', 'Agency administrator', 'Auditor', 'System administrator']);
  });

  it('reads a role this version does not know as its code made readable', () => {
    expect(roleWords('data_protection_officer')).toBe('Data protection officer');
    expect(roleWords('data_protection_officer')).toBe(readableCode('data_protection_officer'));
  });
});

describe('roles in words, as a sentence names who may', () => {
  it('names each with its article, the last after "or"', () => {
    expect(rolesInWords(['analyst'])).toBe('an analyst');
    expect(rolesInWords(['analyst', 'officer'])).toBe('an analyst or an officer');
    expect(rolesInWords(['analyst', 'officer', 'checkpoint_officer'])).toBe('an analyst, an officer or a checkpoint officer');
    expect(rolesInWords(['sysadmin'])).toBe('a system administrator');
  });
});
