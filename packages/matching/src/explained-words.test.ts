import { describe, expect, it } from 'vitest';
import { defaultModel } from './default-model.ts';
import { withExplainedWords, type NamedToken } from './explained-words.ts';
import { buildNameFrequencies } from './name-frequencies.ts';
import { preparedNameStrings } from './prepare.ts';
import { scorePair } from './score.ts';

const person = (properties: Record<string, string[]>) => ({ schema: 'Person', properties });

describe('withExplainedWords', () => {
  const frequencies = buildNameFrequencies(['Ivo Zoltarek', 'Mirek Zoltarek', 'Karel Novak', 'Karel Dvorak', 'Abdelhamid Saleh', 'Youssef Saleh']);
  const model = defaultModel();

  it('names the aligned tokens by the words written in each record, where the matcher gives positions', () => {
    const a = person({ name: ['Karel Zoltarek'] });
    const b = person({ name: ['Ivo Dvorsky', 'ZOLTAREK, Karel Jan'] });
    const explain = scorePair(model, a, b, { frequencies }).explain;
    expect(explain[0]?.detail).toMatch(/\(a1\.1~b2\.1 at frequency .*; a1\.2~b2\.3 at/);
    const named = withExplainedWords(explain, a, b)[0];
    expect(named?.detail).toMatch(/\(Karel ~ Karel at frequency [\d.e-]+: [+-][\d.]+; Zoltarek ~ ZOLTAREK at frequency/);
    expect(named?.tokens?.map((t) => [(t as NamedToken).wordsA, (t as NamedToken).wordsB])).toEqual([[['Karel'], ['Karel']], [['Zoltarek'], ['ZOLTAREK']]]);
    // the rest as the matcher gave it
    expect(named?.tokens?.map((t) => [t.nameA, t.nameB, t.a, t.b, t.frequency, t.weight])).toEqual(explain[0]?.tokens?.map((t) => [t.nameA, t.nameB, t.a, t.b, t.frequency, t.weight]));
    expect(withExplainedWords(explain, a, b).slice(1)).toEqual(explain.slice(1));
  });

  it('names both words of a compound written apart, and a fuzzy spelling as each record writes it', () => {
    const a = person({ name: ['Abdel Hamid Saleh'] });
    const b = person({ name: ['Abdelhamid Salih'] });
    const named = withExplainedWords(scorePair(model, a, b, { frequencies }).explain, a, b)[0];
    expect(named?.detail).toMatch(/Abdel Hamid ~ Abdelhamid at frequency/);
    expect(named?.detail).toMatch(/Saleh ~ Salih at frequency/);
  });

  it('reads the names back in the order prepare keeps them, repeats and empty names left out', () => {
    expect(preparedNameStrings(person({ name: ['Karel Zoltarek', '---'], alias: ['ZOLTAREK, Karel', 'K. Zoltarek'], firstName: ['Karel'], lastName: ['Zoltarek'], weakAlias: ['Abu Karel'] })))
      .toEqual(['Karel Zoltarek', 'K. Zoltarek', 'Abu Karel']);
  });
});
