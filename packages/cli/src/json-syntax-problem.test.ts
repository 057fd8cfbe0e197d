/** A text that is not JSON is placed by line and column and its fault named, never quoted. */
import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem } from './json-syntax-problem.ts';

describe('jsonSyntaxProblem', () => {
  it('answers nothing for JSON', () => {
    expect(jsonSyntaxProblem('{"a": [1, "b"]}\n')).toBeUndefined();
  });

  it.each([
    ['{"name": Salah Abdeslam}', 'at line 1 column 10: unexpected character'],
    ['{\n  "name": "Salah",\n  "alias": Abdeslam\n}', 'at line 3 column 12: unexpected character'],
    ['[1, 2,]', 'at line 1 column 7: unexpected character'],
    ['{"name": "Salah"} Abdeslam', 'at line 1 column 19: unexpected non-whitespace character after JSON'],
    ['{"name": "Salah Abdeslam"', 'at line 1 column 26: expected \',\' or \'}\' after property value'],
    ['{"name": "Salah\nAbdeslam"}', 'at line 1 column 16: bad control character in string literal'],
    ['{"name": "Salah', 'at line 1 column 16: unterminated string'],
    ['{"name":\n', 'at line 2 column 1: the file ends before its JSON does'],
    ['', 'at line 1 column 1: the file ends before its JSON does'],
  ])('%j: %s', (text, problem) => {
    expect(jsonSyntaxProblem(text)).toBe(problem);
  });

  it('never quotes the text', () => {
    for (const text of ['{"name": Salah Abdeslam}', 'Salah Abdeslam', '{"Salah Abdeslam"}', '["Salah Abdeslam" "x"]']) {
      expect(jsonSyntaxProblem(text)).not.toMatch(/Salah|Abdeslam/);
    }
  });
});
