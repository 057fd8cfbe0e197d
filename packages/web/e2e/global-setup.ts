/**
 * Runs once before any file of browser tests: builds the app if its sources changed. The files
 * run two at a time, and each serves `dist/`; a build started by each would write it under the
 * other's server.
 */
import { ensureBuilt } from './web-build.ts';

export default function setup(): void {
  ensureBuilt();
}
