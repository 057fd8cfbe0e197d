import { describe, expect, it } from 'vitest';
import { verdictWords } from './verdict-words.ts';

describe('a verdict in words', () => {
  it('says each verdict as a person would, and an unknown one as written', () => {
    expect(['same', 'not_same', 'unsure', 'maybe'].map(verdictWords)).toEqual(['the same', 'not the same', 'unsure', 'maybe']);
  });
});
