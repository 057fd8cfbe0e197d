import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';

const texts = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits on full stops but not after titles or initials', () => {
    expect(texts('Mr. Jan Peeters met J. Smith. He left.')).toEqual(['Mr. Jan Peeters met J. Smith.', 'He left.']);
  });
  it('ends a sentence at a line break unless the next line continues in lower case', () => {
    expect(texts('SUMMARY\nThe man was\narrested today.\n- Item one')).toEqual([
      'SUMMARY', 'The man was\narrested today.', '- Item one',
    ]);
  });
  it('keeps decimal numbers and abbreviations such as "no." inside the sentence', () => {
    expect(texts('Passport no. U0923 was seized. It cost 3.5 million.')).toHaveLength(2);
  });
});
