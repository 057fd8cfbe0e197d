/**
 * The command's modules compiled once and kept on disk (Node's module compile cache, V8 code
 * cache): a command loads about a thousand modules, its own TypeScript and its dependencies', and
 * compiling them again is most of its start. Kept where NODE_COMPILE_CACHE says, else in the
 * system's temporary folder (node-compile-cache); NODE_DISABLE_COMPILE_CACHE=1 turns it off. A
 * module whose text changed is compiled again, so the cache never serves old code. The serving
 * nodes and worker threads the command starts inherit the folder through the environment.
 * Imported first by main.ts, so that the command modules it loads on demand are read from it.
 */
import { enableCompileCache } from 'node:module';

const { directory } = enableCompileCache();
if (directory !== undefined) process.env['NODE_COMPILE_CACHE'] ??= directory;
