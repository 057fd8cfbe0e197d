/**
 * `mosaic screen --out`: a file that cannot be opened is refused in one line before the index is
 * built, and a write that fails (a full disk) is one line naming the file, never an unhandled
 * 'error' event with a stack.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capturingStderr } from '../run-for-test.ts';
import { run } from './screen.ts';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-cli-screen-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jsonl = (name: string, lines: readonly unknown[]): string => {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n'));
  return path;
};

const watchlist = jsonl('watchlist.jsonl', [{ id: 'w1', schema: 'Person', properties: { name: ['Jan Peeters'] } }]);
const queries = jsonl('queries.jsonl', Array.from({ length: 2000 }, (_, i) => ({ id: `q${i}`, name: 'Jan Peeters' })));

describe('mosaic screen --out', () => {
  it('refuses an output file in a folder that does not exist before reading the watchlist', async () => {
    const out = join(dir, 'missing', 'r.jsonl');
    const { value, stderr } = await capturingStderr(() => run(['--watchlist', watchlist, '--queries', queries, '--out', out]).catch((error: unknown) => error));
    expect(value).toMatchObject({ code: 'MOSAIC_INVALID_INPUT', kind: 'invalid', message: `screen: --out ${out}: no such folder` });
    // nothing was screened: no rejected line, no summary
    expect(stderr).toBe('');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  }, 10_000);

  it.runIf(existsSync('/dev/full'))('says in one line that the output could not be written when a write fails', async () => {
    const { value } = await capturingStderr(() => run(['--watchlist', watchlist, '--queries', queries, '--out', '/dev/full']).catch((error: unknown) => error));
    expect(value).toMatchObject({ kind: 'internal', message: 'screen: --out /dev/full: could not be written (ENOSPC)' });
  });
});
