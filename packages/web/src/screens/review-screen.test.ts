import { describe, expect, it } from 'vitest';
import type { ReviewPair } from '../api/api-types.ts';
import { judgedAs, pairsLeft, undoneWords } from './review-screen.tsx';

describe('the review\'s status line', () => {
  it('says a verdict in words, not as the API writes it', () => {
    expect(judgedAs('not_same', true)).toBe('not the same');
    expect(judgedAs('same', false)).toBe('the same (stored; the entities follow when the resolution pass now running ends)');
  });

  it('says when a "same" is stored but a "not same" keeps the two apart', () => {
    expect(judgedAs('same', true, true)).toBe('the same (stored, but not followed: a "not same" judged before keeps the two apart; judge that pair again to join them)');
  });
});

describe('the review\'s count and undo', () => {
  it('says how many pairs are left, and at least how many when the server counted no further', () => {
    expect(pairsLeft(1, false)).toBe('1 pair left to judge');
    expect(pairsLeft(0, false)).toBe('0 pairs left to judge');
    expect(pairsLeft(1234, false)).toBe('1,234 pairs left to judge');
    expect(pairsLeft(5000, true)).toBe('At least 5,000 pairs left to judge');
  });

  it('says a judgement undone is left to the matcher, and that what it moved stays until a full pass', () => {
    const pair = { a: { caption: 'Ingrid Halvorsen' }, b: { caption: 'I. Halvorsen' } } as unknown as ReviewPair;
    expect(undoneWords(pair, { verdict: 'not_same', words: 'not the same' }))
      .toBe('The judgement “not the same” on Ingrid Halvorsen and I. Halvorsen is undone: recorded as unsure, the pair is left to the matcher, and back in the list to judge again.');
    expect(undoneWords(pair, { verdict: 'same', words: 'the same', moved: 'joined' }))
      .toMatch(/is undone: recorded as unsure, .* The subject the “same” made stays one until the records are resolved again in full: judge the pair “Not same” to part them now\.$/);
    expect(undoneWords(pair, { verdict: 'not_same', words: 'not the same', moved: 'parted' }))
      .toMatch(/is undone: recorded as unsure, .* The two stay apart, as the “not same” left them, until the records are resolved again in full: judge the pair “Same” to join them now\.$/);
  });
});
