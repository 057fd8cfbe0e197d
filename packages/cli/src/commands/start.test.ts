/**
 * `mosaic start` on a store with no accounts (the demo turned off, MOSAIC_DEMO_PERSONS=0): it
 * serves, and says that nobody can sign in yet and the commands that make the first agency and
 * its system administrator, as README's "Setting up without the demo" does; before, it said
 * nothing about accounts at all. It serves in one process, with a heap limit of its own.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-start-no-demo-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('tells how to make the first administrator when the store has no accounts, serving with a heap limit of its own', async () => {
  // No heap limit set: start serves in one process, started again with one (serving-heap.ts).
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MOSAIC_'))), MOSAIC_DEMO_PERSONS: '0', NODE_OPTIONS: '' };
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'mosaic.js'), 'start', '--port', '0', '--data', dir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let flags: string[] | undefined;
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('Mosaic is running at')) resolve();
      });
      void exit.then((code) => reject(new Error(`mosaic start exited (${code}) before serving: ${out}`)));
    });
    // what start says once serving is written at once, after the address
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    flags = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\u0000');
  } finally {
    child.kill('SIGTERM');
    await exit;
  }
  expect(out).toContain('Mosaic is running at http://');
  expect(out).toContain('No account can sign in yet');
  expect(out).toMatch(new RegExp(`npx mosaic agencies add \\S+ .*--purpose .* --data ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
  expect(out).toMatch(/npx mosaic users add \S+ .*--role sysadmin .*--password-file /);
  expect(flags).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
}, 60_000);
