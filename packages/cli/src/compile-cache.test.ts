/**
 * The command keeps its compiled modules on disk, in the system's temporary folder unless
 * NODE_COMPILE_CACHE names another, and hands the folder on to the processes it starts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-compile-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MAIN = join(import.meta.dirname, 'main.ts');

/** The environment of a command started by a user who set no compile cache, with TMPDIR as given. */
function userEnvironment(temporary: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: temporary };
  delete env['NODE_COMPILE_CACHE'];
  delete env['NODE_DISABLE_COMPILE_CACHE'];
  return env;
}

/** `mosaic compare` given a pairs file that is not there: it loads its command's modules, then refuses, exit 2. */
async function compareMissing(env: NodeJS.ProcessEnv): Promise<void> {
  const run = promisify(execFile)(process.execPath, [MAIN, 'compare', '--pairs', join(dir, 'missing.jsonl')], { env, timeout: 25_000 });
  await expect(run).rejects.toMatchObject({ code: 2 });
}

/** Every file below `folder`. */
function filesIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('the compile cache', () => {
  it('is kept in the temporary folder when no other is set, and serves the next start', async () => {
    const temporary = mkdtempSync(join(dir, 'tmp-'));
    await compareMissing(userEnvironment(temporary));
    const cache = join(temporary, 'node-compile-cache');
    const kept = filesIn(cache);
    expect(kept.length).toBeGreaterThan(0);
    // the same command again reads what is kept and writes nothing more
    await compareMissing(userEnvironment(temporary));
    expect(filesIn(cache).sort()).toEqual(kept.sort());
  });

  it('is handed on to the processes the command starts', async () => {
    const temporary = mkdtempSync(join(dir, 'tmp-'));
    // a child started as the command starts its serving nodes: with the command's environment
    const script = `import(${JSON.stringify(join(import.meta.dirname, 'compile-cache.ts'))}).then(() => console.log(process.env.NODE_COMPILE_CACHE))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: userEnvironment(temporary), timeout: 25_000 });
    expect(stdout.trim()).toBe(join(temporary, 'node-compile-cache'));
  });

  it('is not used when NODE_DISABLE_COMPILE_CACHE is set', async () => {
    const temporary = mkdtempSync(join(dir, 'tmp-'));
    await compareMissing({ ...userEnvironment(temporary), NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(readdirSync(temporary)).toEqual([]);
  });
});
