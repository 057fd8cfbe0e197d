/**
 * `mosaic screen --out`: a file that cannot be opened is refused in one line before the index is
 * built, a write that fails (a full disk) is one line naming the file, never an unhandled
 * 'error' event with a stack, and a run that fails leaves the file it would have replaced as it was.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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

  it('Ctrl-C leaves the earlier output as it was and nothing beside it, says so and exits 130', async () => {
    const folder = mkdtempSync(join(dir, 'stopped-'));
    const many = join(folder, 'queries.jsonl');
    writeFileSync(many, Array.from({ length: 200_000 }, (_, i) => JSON.stringify({ id: `q${i}`, name: 'Jan Peeters' })).join('\n'));
    const out = join(folder, 'results.jsonl');
    writeFileSync(out, 'earlier results\n');
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'mosaic.js'), 'screen', '--watchlist', watchlist, '--queries', many, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    // once results are being written beside the output
    for (let waited = 0; readdirSync(folder).length < 3 && waited < 60_000; waited += 20) await sleep(20);
    child.kill('SIGINT');
    expect(await exited, stderr).toEqual({ code: 130, signal: null });
    expect(stderr).toContain(`stopped; ${out} is as it was`);
    expect(readdirSync(folder).sort()).toEqual(['queries.jsonl', 'results.jsonl']);
    expect(readFileSync(out, 'utf8')).toBe('earlier results\n');
  }, 90_000);

  it.runIf(existsSync('/dev/full'))('says in one line that the output could not be written when a write fails', async () => {
    const { value } = await capturingStderr(() => run(['--watchlist', watchlist, '--queries', queries, '--out', '/dev/full']).catch((error: unknown) => error));
    expect(value).toMatchObject({ kind: 'internal', message: 'screen: --out /dev/full: could not be written (ENOSPC)' });
  });
});
