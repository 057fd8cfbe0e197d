import { describe, expect, it } from 'vitest';
import { extract } from './extract.ts';
import { extractOffThread, extractTimeoutMs, IN_THREAD_CHARACTERS } from './extract-off-thread.ts';
import { namesListedOf } from './test-documents.ts';

/** A long fictional report: a meeting, a date and a phone number in every sentence. */
function longReport(characters: number): string {
  const given = ['Ivan', 'Piotr', 'Marek', 'Jan', 'Ahmed', 'Youssef', 'Karim', 'Luc'];
  const family = ['Kowalski', 'Nowak', 'Benali', 'Janssens', 'Peeters', 'Dubois', 'Maes', 'Haddad'];
  let text = '';
  for (let i = 0; text.length < characters; i++) {
    text += `${given[i % 8]} ${family[(i * 3) % 8]} met ${given[(i + 3) % 8]} ${family[(i * 5) % 8]} in Brussels on ${1 + (i % 28)} May 2021 and called +32 470 ${String(100000 + i)}. `;
  }
  return text;
}

describe('extraction off the calling thread', () => {
  it('reads a long report in a worker, to the same result, while the calling thread goes on', async () => {
    const text = longReport(600_000);
    let turns = 0;
    const timer = setInterval(() => { turns += 1; }, 5);
    const result = await extractOffThread(text, { country: 'be' });
    clearInterval(timer);
    // extracted here, the thread would not have turned once until the end
    expect(turns).toBeGreaterThan(3);
    expect(result).toEqual(extract(text, { country: 'be' }));
    expect(result.entities.length).toBeGreaterThan(1000);
  });

  it('reads a short one in this thread, to the same result', async () => {
    const text = longReport(2_000);
    expect(text.length).toBeLessThan(IN_THREAD_CHARACTERS);
    expect(await extractOffThread(text)).toEqual(extract(text));
  });

  it('gives up a text read for longer than its time limit, saying so, and stops its worker', async () => {
    // one sentence listing names, 4 million characters: some 4 s of a core unbounded
    const text = namesListedOf(4_000_000);
    const started = performance.now();
    const error: unknown = await extractOffThread(text, {}, { timeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'MOSAIC_INVALID_INPUT', message: 'extract: finding its entities takes more than the time limit of 1 s',
      details: { reason: 'finding its entities takes more than the time limit of 1 s', stopped: true },
    });
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it('gives a text 10 s and 10 s more per million characters, at most 2 minutes', () => {
    expect(extractTimeoutMs(0)).toBe(10_000);
    expect(extractTimeoutMs(1_000_000)).toBe(20_000);
    expect(extractTimeoutMs(10 * 1024 * 1024)).toBe(114_858);
    expect(extractTimeoutMs(50_000_000)).toBe(120_000);
  });
});
