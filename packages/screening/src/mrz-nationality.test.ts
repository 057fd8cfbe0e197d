import { describe, expect, it } from 'vitest';
import { mrzNationality } from './mrz-nationality.ts';

describe('mrzNationality', () => {
  it.each([
    ['BEL', ['be']], ['MAR', ['ma']], ['fra', ['fr']], ['be', ['be']], ['Belgium', ['be']],
    ['D', ['de']], ['D<<', ['de']], ['d<<', ['de']],
    ['GBD', ['gb']], ['GBN', ['gb']], ['GBO', ['gb']], ['GBP', ['gb']], ['GBS', ['gb']], ['GBR', ['gb']],
    ['UNK', ['xk']], ['XKX', ['xk']],
    ['NL<', ['nl']],
  ])('reads %s as %j', (raw, expected) => {
    expect(mrzNationality(raw)).toEqual(expected);
  });

  it.each(['XXA', 'XXB', 'XXC', 'XXX', 'UNO', 'UNA', 'xxa', 'XXX<'])('reads %s as no nationality', (raw) => {
    expect(mrzNationality(raw)).toEqual([]);
  });

  it.each(['Atlantis', 'ZZZ', '<<<', 'D<<X', 'UTO', ''])('knows no country in %j', (raw) => {
    expect(mrzNationality(raw)).toBeUndefined();
  });
});
