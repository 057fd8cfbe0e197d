/** A line that is not JSON is said to be so without any of its text (its values are personal data). */
import { describe, expect, it } from 'vitest';
import { jsonProblem } from './json-problem.ts';

const problemOf = (text: string): string => {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonProblem(error);
  }
  throw new Error(`${text} is JSON`);
};

describe('jsonProblem', () => {
  it('leaves out the piece of the line the parser quotes', () => {
    for (const text of ['{"name":Salah Abdeslam}', 'Salah Abdeslam,1989-09-15', 'Abdeslam', '{"name":"Salah", "birthDate":1989-09-15 , "nationality":"be", "alias":Abu}']) {
      const problem = problemOf(text);
      expect(problem).toMatch(/^is not valid JSON/);
      for (const value of ['Salah', 'Abdeslam', '1989', 'Abu']) expect(problem).not.toContain(value);
    }
  });

  it('keeps a message that names a position only', () => {
    expect(problemOf('{"name":"Salah Abdeslam"')).toBe('is not valid JSON (Expected \',\' or \'}\' after property value in JSON at position 24 (line 1 column 25))');
  });
});
