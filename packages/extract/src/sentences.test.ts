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
  it('reads a line of wrapped prose as going on over its break, and keeps headings, fields and list items apart', () => {
    const wrapped = 'On the evening of 14 March the surveillance team saw how the suspect met Karim\nBennani in Antwerp. He left.';
    expect(texts(wrapped)).toEqual(['On the evening of 14 March the surveillance team saw how the suspect met Karim\nBennani in Antwerp.', 'He left.']);
    const form = 'OBSERVATION REPORT FEDERAL JUDICIAL POLICE ANTWERP\nSubject: Karim Bennani, born 1990 in Antwerp\nDate: 14 March 2016\n' +
      'Observed at the station with two men and a woman, as follows:\nKarim Bennani arrived first.\n' +
      'Then the three of them walked together to the car park of the station\n- a grey Golf\n2. a white van';
    expect(texts(form)).toEqual([
      'OBSERVATION REPORT FEDERAL JUDICIAL POLICE ANTWERP', 'Subject: Karim Bennani, born 1990 in Antwerp', 'Date: 14 March 2016',
      'Observed at the station with two men and a woman, as follows:', 'Karim Bennani arrived first.',
      'Then the three of them walked together to the car park of the station', '- a grey Golf', '2. a white van',
    ]);
  });
  it('ends a heading line, one that stops well short of the line after it, before the sentence it heads', () => {
    const report = 'Observation note 7/2019 — Operation Larkspur\nOn 3 May the team followed the man from the station to a cafe where he met a woman.';
    expect(texts(report)).toEqual([
      'Observation note 7/2019 — Operation Larkspur', 'On 3 May the team followed the man from the station to a cafe where he met a woman.',
    ]);
  });
});
