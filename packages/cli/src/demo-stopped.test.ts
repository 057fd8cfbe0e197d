/**
 * `mosaic demo generate` stopped by Ctrl-C, as a real process: it says so and exits 130, and the
 * files of an earlier run in --out are as they were, nothing left beside them, where the files
 * were emptied at the start and left cut short.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-demo-stopped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES = ['org.json', 'records.jsonl', 'truth.jsonl'];

it('Ctrl-C leaves the files of an earlier run as they were, says so and exits 130', async () => {
  for (const file of FILES) writeFileSync(join(dir, file), `earlier ${file}\n`);
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'mosaic.js'), 'demo', 'generate', '--persons', '200000', '--out', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // once the run has begun writing: a file beside the earlier ones, or one of them touched
  const begun = (): boolean => readdirSync(dir).length > FILES.length || FILES.some((file) => readFileSync(join(dir, file), 'utf8') !== `earlier ${file}\n`);
  for (let waited = 0; !begun() && waited < 60_000; waited += 20) await sleep(20);
  child.kill('SIGINT');
  expect(await exited, stderr).toEqual({ code: 130, signal: null });
  expect(stderr).toContain(`mosaic demo generate: stopped; the files in ${dir} are as they were`);
  expect(readdirSync(dir).sort()).toEqual(FILES);
  for (const file of FILES) expect(readFileSync(join(dir, file), 'utf8')).toBe(`earlier ${file}\n`);
}, 120_000);
