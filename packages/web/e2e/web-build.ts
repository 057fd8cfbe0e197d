/**
 * The built app the server hands out: rebuilt when a source file is newer than dist/index.html,
 * reused otherwise (a build takes a while on a busy machine). The app's sources are its own and
 * @mosaic/model's, whose word tables it bundles (clearance, role and alert category words).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const WEB_ROOT = join(import.meta.dirname, '..');
export const DIST = join(WEB_ROOT, 'dist');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const index = join(DIST, 'index.html');
  const sources = Math.max(newestSource(join(WEB_ROOT, 'src')), newestSource(join(WEB_ROOT, '..', 'model', 'src')), statSync(join(WEB_ROOT, 'index.html')).mtimeMs, statSync(join(WEB_ROOT, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const vite = join(WEB_ROOT, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');
  // the build `npm run build` makes: the test runner's NODE_ENV=test would give React's development bundle
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB_ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
