import { describe, expect, it } from 'vitest';
import { judgedAs } from './review-screen.tsx';

describe('the review\'s status line', () => {
  it('says a verdict in words, not as the API writes it', () => {
    expect(judgedAs('not_same', true)).toBe('not the same');
    expect(judgedAs('same', false)).toBe('the same (stored; the entities follow when the resolution pass now running ends)');
  });

  it('says when a "same" is stored but a "not same" keeps the two apart', () => {
    expect(judgedAs('same', true, true)).toBe('the same (stored, but not followed: a "not same" judged before keeps the two apart; judge that pair again to join them)');
  });
});
