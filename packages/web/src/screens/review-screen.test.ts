import { describe, expect, it } from 'vitest';
import { judgedAs } from './review-screen.tsx';

describe('the review\'s status line', () => {
  it('says a verdict in words, not as the API writes it', () => {
    expect(judgedAs('not_same', true)).toBe('not the same');
    expect(judgedAs('same', false)).toBe('the same (stored; the entities follow when the resolution pass now running ends)');
  });
});
