/**
 * `mosaic screen --out`: a file that cannot be opened is refused in one line before the index is
 * built, a write that fails (a full disk) is one line naming the file, never an unhandled
 * 'error' event with a stack, and a run that fails leaves the file it would have replaced as it was.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it.runIf(existsSync('/proc/self/mem'))('leaves an earlier output file as it was when the run fails, and replaces it once one is done', async () => {
    const out = join(dir, 'earlier.jsonl');
    writeFileSync(out, 'earlier results\n');
    // a file to stat, whose reading fails (EIO): the run fails once the index is built
    const failed = await capturingStderr(() => run(['--watchlist', watchlist, '--queries', '/proc/self/mem', '--out', out]).catch((error: unknown) => error));
    expect(failed.value).toMatchObject({ code: 'EIO' });
    expect(readFileSync(out, 'utf8')).toBe('earlier results\n');
    const done = await capturingStderr(() => run(['--watchlist', watchlist, '--queries', queries, '--out', out]));
    expect(done.value).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(2001);
    // nothing left beside it
    expect(readdirSync(dir).filter((name) => name.includes('earlier'))).toEqual(['earlier.jsonl']);
  }, 20_000);

  it.runIf(existsSync('/dev/full'))('says in one line that the output could not be written when a write fails', async () => {
    const { value } = await capturingStderr(() => run(['--watchlist', watchlist, '--queries', queries, '--out', '/dev/full']).catch((error: unknown) => error));
    expect(value).toMatchObject({ kind: 'internal', message: 'screen: --out /dev/full: could not be written (ENOSPC)' });
  });
});
