import { ROLE_WORDS } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { ROLES } from './organisation.ts';

describe('roles', () => {
  it('have words, those a person reads (model\'s ROLE_WORDS), each role in the same order', () => {
    expect(Object.keys(ROLE_WORDS)).toEqual([...ROLES]);
  });
});
