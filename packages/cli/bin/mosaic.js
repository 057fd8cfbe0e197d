#!/usr/bin/env node
// The mosaic command. Mosaic runs on Node.js 24 (TypeScript type stripping, node:sqlite); the
// workspace pins it as the `node` package, so when this shim is started by an older Node it
// hands over to the pinned one.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.ts');

if (major >= 24) {
  await import(main);
} else {
  let dir = dirname(fileURLToPath(import.meta.url));
  let pinned;
  while (!pinned && dirname(dir) !== dir) {
    const candidate = join(dir, 'node_modules', 'node', 'bin', 'node');
    if (existsSync(candidate)) pinned = candidate;
    dir = dirname(dir);
  }
  if (!pinned) {
    console.error(`mosaic: needs Node.js 24 or later (this is ${process.version}); run \`npm install\` in the Mosaic folder first.`);
    process.exit(1);
  }
  const child = spawn(pinned, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  // A process manager stops the command it started: pass its signal on, so the server closes
  // cleanly (SIGINT from a terminal reaches both already; passing it too would be a second one).
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
