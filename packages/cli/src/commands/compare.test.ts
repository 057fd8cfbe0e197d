/**
 * `mosaic compare`: a pair line that cannot be compared is named on stderr by number, side,
 * field and reason (never by the value refused), and the command exits 3.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { capturingStderr } from '../run-for-test.ts';
import { run } from './compare.ts';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-cli-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const person = (properties: Record<string, string[]>): unknown => ({ schema: 'Person', properties });

describe('mosaic compare', () => {
  it('names a rejected pair line by number, side, field and reason, never by the value', async () => {
    const pairs = join(dir, 'pairs.jsonl');
    writeFileSync(pairs, [
      { id: 'p1', a: person({ name: ['Mira Vandersteen'] }), b: person({ name: ['VANDERSTEEN, Mira'] }) },
      { id: 'p2', a: person({ name: ['Mira Vandersteen'], birthDate: ['1991-14-06'] }), b: person({ name: ['Mira Vandersteen'] }) },
      { id: 'p3', a: person({ name: ['Mira Vandersteen'] }), b: person({ name: ['Mira Vandersteen'], nationality: ['Atlantis'] }) },
    ].map((l) => JSON.stringify(l)).join('\n'));
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const { value: code, stderr } = await capturingStderr(() => run(['--pairs', pairs]));
      expect(code).toBe(3);
      expect(stderr).toContain('line 2: a: birthDate: is not a date');
      expect(stderr).toContain('line 3: b: nationality: is not an ISO 3166 country');
      for (const value of ['1991-14-06', 'Atlantis']) expect(stderr).not.toContain(value);
    } finally {
      stdout.mockRestore();
    }
  });

  it('rejects a pair of a person and an organisation as a bad line, in the words a judgement refuses it', async () => {
    const pairs = join(dir, 'across.jsonl');
    writeFileSync(pairs, [
      { id: 'p1', a: person({ name: ['Mira Vandersteen'] }), b: { schema: 'Organization', properties: { name: ['Mira Vandersteen'] } } },
      { id: 'p2', a: person({ name: ['Mira Vandersteen'] }), b: person({ name: ['VANDERSTEEN, Mira'] }) },
    ].map((l) => JSON.stringify(l)).join('\n'));
    const { code, stdout, stderr } = await comparing(pairs);
    expect(code).toBe(3);
    expect(stderr).toContain('line 1: b: schema: a Organization cannot be the same as a Person\n');
    expect(stdout.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['p2']);
  });

  it('reads a UTF-8 byte-order mark as no part of line 1, in the pairs and in a frequencies file', async () => {
    const pairs = join(dir, 'bom.jsonl');
    writeFileSync(pairs, `\uFEFF${JSON.stringify({ id: 'p1', a: person({ name: ['Jan Peeters'] }), b: person({ name: ['Jan Peeters'] }) })}\n`);
    const names = join(dir, 'names.json');
    writeFileSync(names, '\uFEFF["Jan Peeters", "Jan Janssens"]\n');
    for (const argv of [[], ['--frequencies', names]]) {
      const { code, stdout, stderr } = await comparing(pairs, argv);
      expect(stderr).not.toContain('line 1');
      expect(code).toBe(0);
      expect(stdout.map((l) => JSON.parse(l) as unknown)).toEqual([expect.objectContaining({ id: 'p1', match: true })]);
    }
  });

  it('names the aligned words of the pair\'s own names in the name\'s detail, where the matcher gives their positions', async () => {
    const pairs = join(dir, 'words.jsonl');
    writeFileSync(pairs, [
      { id: 'p1', a: person({ name: ['Mira Vandersteen'] }), b: person({ name: ['VANDERSTEEN, Mira'] }) },
      { id: 'p2', a: person({ name: ['Jan Peeters'] }), b: person({ name: ['Jan Janssens'] }) },
    ].map((l) => JSON.stringify(l)).join('\n'));
    const { code, stdout } = await comparing(pairs);
    expect(code).toBe(0);
    const name = (JSON.parse(stdout[0] ?? '{}') as { explain: { feature: string; detail?: string; tokens?: { wordsA: string[]; wordsB: string[] }[] }[] }).explain.find((e) => e.feature === 'name');
    expect(name?.detail).toMatch(/\(Mira ~ Mira at frequency [\d.e-]+: [+-][\d.]+; Vandersteen ~ VANDERSTEEN at frequency /);
    expect(name?.tokens?.map((t) => [t.wordsA, t.wordsB])).toEqual([[['Mira'], ['Mira']], [['Vandersteen'], ['VANDERSTEEN']]]);
  });
});

/** Runs `mosaic compare --pairs PATH` with its output lines (stdout) and stderr captured. */
async function comparing(pairs: string, argv: readonly string[] = []): Promise<{ code: number; stdout: string[]; stderr: string }> {
  let out = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    const { value: code, stderr } = await capturingStderr(() => run(['--pairs', pairs, ...argv]));
    return { code, stdout: out.split('\n').filter((l) => l !== ''), stderr };
  } finally {
    stdout.mockRestore();
  }
}
