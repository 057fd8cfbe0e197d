/**
 * A --data that cannot hold a store, told in one line naming --data by the commands that make a
 * store, as real processes: under /proc, where a recursive mkdir retried for ever and the
 * command ignored Ctrl-C and SIGTERM, and a path that is a file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-data-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = join(dir, 'persons.jsonl');
writeFileSync(file, `${JSON.stringify({ id: 'p1', schema: 'Person', properties: { name: ['Jan Peeters'] } })}\n`);
const notAFolder = join(dir, 'not-a-folder');
writeFileSync(notAFolder, 'a file\n');

/** `mosaic ARGS…`, killed after 15 s if still running. */
function mosaic(args: readonly string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MOSAIC_')));
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'mosaic.js'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code, signal) => {
    clearTimeout(timer);
    resolve({ code, signal, stderr });
  }));
}

describe('a --data where no store can be made', () => {
  it.runIf(process.platform === 'linux')('is refused under /proc in one line, where the command hung', async () => {
    const result = await mosaic(['ingest', file, '--data', '/proc/mosaic-test/data']);
    expect(result).toMatchObject({ code: 2, signal: null, stderr: 'mosaic: ingest: --data /proc/mosaic-test/data: the folder /proc/mosaic-test cannot be made there (ENOENT)\n' });
  }, 20_000);

  it('is refused when it is a file, naming --data', async () => {
    const result = await mosaic(['ingest', file, '--data', notAFolder]);
    expect(result).toMatchObject({ code: 2, signal: null, stderr: `mosaic: ingest: --data ${notAFolder}: is a file, not a folder\n` });
  }, 20_000);
});
