import { describe, expect, it } from 'vitest';
import { profileHref } from './ids.ts';

describe('profileHref', () => {
  it('opens an entity id as an entity', () => {
    expect(profileHref('e16')).toBe('#/profile/entity/e16');
  });

  it('opens a node that is a record (an identification, a phone) as a record', () => {
    expect(profileHref('border:ID-7')).toBe('#/profile/record/border%3AID-7');
  });
});
